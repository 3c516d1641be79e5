// The sequencer: gives committed facts their leaf indexes, in one order, and stores the tree.
//
// Transactions append facts to evidence_facts without any lock or order between them. Here, in one
// transaction under an advisory lock (one sequencer at a time, whatever the number of app nodes),
// the facts that no running transaction can still precede — xid below the snapshot's xmin — are
// taken in (xid, id) order after the last head's cursor, at most maxLeaves of them; they become the
// next leaves, the frontier is extended in memory, and the leaves, the complete subtrees finished at
// stored levels and the new head are written in one statement. Memory stays bounded by maxLeaves;
// callers loop while `added` equals it.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import { EMPTY_ROOT } from './hashes.ts';
import { countUnintegrated, insertBatch, lockSequencer, readPending } from './repository/log.ts';
import { decodeFrontier, encodeFrontier, extendFrontier, rootFromFrontier } from './tree.ts';

export const DEFAULT_MAX_LEAVES = 10_000;

export interface IntegrateResult {
  /** Leaves added by this call (0: nothing was pending). */
  added: number;
  /** The tree's size and root after this call. */
  size: number;
  root: Uint8Array;
}

export async function integrate(db: Kysely<Database>, options: { maxLeaves?: number } = {}): Promise<IntegrateResult> {
  const maxLeaves = options.maxLeaves ?? DEFAULT_MAX_LEAVES;
  if (!Number.isSafeInteger(maxLeaves) || maxLeaves < 1) throw new RangeError('maxLeaves must be a positive integer');
  return db.transaction().execute(async (trx) => {
    await lockSequencer(trx);
    const { head, facts } = await readPending(trx, maxLeaves);
    const size = head?.size ?? 0;
    if (facts.length === 0) return { added: 0, size, root: head?.root ?? EMPTY_ROOT };
    const before = head ? decodeFrontier(head.frontier, size) : [];
    const { frontier, nodes } = extendFrontier(before, size, facts.map((f) => f.leafHash));
    const root = rootFromFrontier(frontier);
    const last = facts[facts.length - 1]!;
    const newSize = size + facts.length;
    await insertBatch(trx, {
      start: size,
      factIds: facts.map((f) => f.id),
      nodes,
      head: { size: newSize, root, frontier: encodeFrontier(frontier), cursorXid: last.xid, cursorId: last.id },
    });
    return { added: facts.length, size: newSize, root };
  });
}

/** How many committed facts wait for their leaves (for metrics and tests). */
export async function pendingFacts(db: Kysely<Database>): Promise<number> {
  return countUnintegrated(db);
}
