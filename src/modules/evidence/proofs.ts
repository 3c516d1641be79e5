// Reading the log: tree heads, roots at any size, inclusion and consistency proofs (RFC 9162
// §2.1.3.1 and §2.1.4.1), facts by leaf index. Each proof or root is one query for exactly the
// stored hashes tree.ts says it needs; sizes above the latest head are refused.
import { badRange } from './errors.ts';
import type { FactKind } from './facts.ts';
import { findFact as findFactRow, findFacts as findFactRows, latestHead, readFactRange, readStored, storedHeadAt, type Executor, type TreeHead } from './repository/log.ts';
import { consistencyRanges, inclusionRanges, rangeHashes, rootFromStored, rootRanges, storedKeysFor, type LeafRange } from './tree.ts';

export { latestHead, type TreeHead };

/** At most this many facts per readFacts call (auditors and witnesses page through the log). */
export const MAX_FACTS_PER_READ = 10_000;

function checkIndex(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw badRange({ en: `${what} must be a non-negative integer.`, ja: `${what} は0以上の整数で指定してください。` });
  }
}

function beyond(size: number, latest: number) {
  return badRange({
    en: `The log has ${latest} entries: size ${size} is not (yet) available.`,
    ja: `ログの件数は ${latest} 件です。サイズ ${size} はまだありません。`,
  });
}

async function hashesOf(db: Executor, ranges: LeafRange[], size: number): Promise<Uint8Array[]> {
  const { latestSize, hashes } = await readStored(db, storedKeysFor(ranges));
  if (size > latestSize) throw beyond(size, latestSize);
  return rangeHashes(ranges, hashes);
}

/** The root of the tree of the first `size` leaves (size ≤ the latest head's). */
export async function rootAt(db: Executor, size: number): Promise<Uint8Array> {
  checkIndex(size, 'size');
  const { latestSize, hashes } = await readStored(db, storedKeysFor(rootRanges(size)));
  if (size > latestSize) throw beyond(size, latestSize);
  return rootFromStored(size, hashes);
}

/** The head at this size: the stored one of the batch that ended there, else computed; undefined beyond the log. */
export async function headAt(db: Executor, size: number): Promise<TreeHead | undefined> {
  checkIndex(size, 'size');
  const stored = await storedHeadAt(db, size);
  if (stored) return stored;
  try {
    return { size, root: await rootAt(db, size) };
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'evidence.bad_range') return undefined;
    throw error;
  }
}

/** RFC 9162 §2.1.3.1 PATH(leafIndex, D[treeSize]): the audit path, deepest sibling first. */
export async function inclusionProof(db: Executor, leafIndex: number, treeSize: number): Promise<Uint8Array[]> {
  checkIndex(leafIndex, 'leaf');
  checkIndex(treeSize, 'size');
  if (leafIndex >= treeSize) throw badRange({ en: `Leaf ${leafIndex} is not in a tree of size ${treeSize}.`, ja: `リーフ ${leafIndex} はサイズ ${treeSize} の木にありません。` });
  return hashesOf(db, inclusionRanges(leafIndex, treeSize), treeSize);
}

/** RFC 9162 §2.1.4.1 PROOF(from, D[to]); empty when from is 0 or equals to. */
export async function consistencyProof(db: Executor, from: number, to: number): Promise<Uint8Array[]> {
  checkIndex(from, 'from');
  checkIndex(to, 'to');
  if (from > to) throw badRange({ en: `from (${from}) is larger than to (${to}).`, ja: `from (${from}) が to (${to}) より大きくなっています。` });
  return hashesOf(db, consistencyRanges(from, to), to);
}

/** The facts with leaf indexes [start, end), in order: at most MAX_FACTS_PER_READ, end ≤ the latest head. */
export async function readFacts(db: Executor, start: number, end: number): Promise<Array<{ leafIndex: number; fact: string }>> {
  checkIndex(start, 'start');
  checkIndex(end, 'end');
  if (end < start || end - start > MAX_FACTS_PER_READ) {
    throw badRange({ en: `Ask for 0 to ${MAX_FACTS_PER_READ} facts, start ≤ end.`, ja: `一度に読めるのは ${MAX_FACTS_PER_READ} 件までです (start ≤ end)。` });
  }
  const { latestSize, facts } = await readFactRange(db, start, end);
  if (end > latestSize) throw beyond(end, latestSize);
  return facts;
}

/** The first fact of this kind about the subject (e.g. an application's arrival), with its leaf index once integrated. */
export async function findFact(db: Executor, kind: FactKind, subjectId: string): Promise<{ fact: string; leafIndex: number | null } | undefined> {
  return findFactRow(db, kind, subjectId);
}

/** The first fact of this kind about each subject (one query), by subject id. */
export async function findFacts(db: Executor, kind: FactKind, subjectIds: readonly string[]): Promise<Map<string, { fact: string; leafIndex: number | null }>> {
  return findFactRows(db, kind, subjectIds);
}
