// What the public API reads from the log: proofs and facts, each checked against the log's head
// first, so a size or leaf the log does not have is the caller's mistake (400 naming the field),
// never a failed query.
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { consistencyProof, inclusionProof, latestHead, MAX_FACTS_PER_READ, readFacts } from './proofs.ts';

function outOfRange(field: string, en: string, ja: string): AppError<'evidence.bad_range'> {
  return new AppError('evidence.bad_range', 'bad_request', en, {
    ja,
    fields: [{ field: `querystring/${field}`, rule: 'range', message: { en, ja } }],
  });
}

async function headSize(db: Db): Promise<number> {
  return (await latestHead(db.kysely)).size;
}

function beyondHead(field: string, size: number): AppError<'evidence.bad_range'> {
  return outOfRange(field, `The log has ${size} facts: ${field} must be at most ${size}.`, `ログの事実は${size}件です。${field}は${size}以下にしてください。`);
}

export async function proveInclusion(db: Db, leaf: number, size: number): Promise<Uint8Array[]> {
  const head = await headSize(db);
  if (size > head) throw beyondHead('size', head);
  if (leaf >= size) throw outOfRange('leaf', `leaf must be below size (${size}).`, `leafはsize（${size}）より小さくしてください。`);
  return inclusionProof(db.kysely, leaf, size);
}

export async function proveConsistency(db: Db, from: number, to: number): Promise<Uint8Array[]> {
  const head = await headSize(db);
  if (to > head) throw beyondHead('to', head);
  if (from > to) throw outOfRange('from', `from must be at most to (${to}).`, `fromはto（${to}）以下にしてください。`);
  return consistencyProof(db.kysely, from, to);
}

export async function listFacts(db: Db, start: number, end: number): Promise<Array<{ leafIndex: number; fact: string }>> {
  if (start > end) throw outOfRange('start', `start must be at most end (${end}).`, `startはend（${end}）以下にしてください。`);
  if (end - start > MAX_FACTS_PER_READ) {
    throw outOfRange('end', `At most ${MAX_FACTS_PER_READ} facts at a time: end must be at most start + ${MAX_FACTS_PER_READ}.`, `一度に読めるのは${MAX_FACTS_PER_READ}件までです。endはstart + ${MAX_FACTS_PER_READ}以下にしてください。`);
  }
  const head = await headSize(db);
  if (end > head) throw beyondHead('end', head);
  return start === end ? [] : readFacts(db.kysely, start, end);
}
