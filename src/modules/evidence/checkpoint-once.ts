// One round of the checkpointer (issue #12, point 3): integrate every fact that can be ordered,
// then, if the tree grew since the latest checkpoint, sign its head and keep the signed note.
import type { Db } from '../../platform/db/index.ts';
import { formatCheckpoint } from './checkpoint-format.ts';
import { DEFAULT_MAX_LEAVES, integrate } from './integrate.ts';
import { signNote, type NoteSigner } from './note.ts';
import { insertCheckpoint, latestCheckpoint, lockCheckpoints, type StoredCheckpoint } from './repository/checkpoints.ts';
import { latestHead } from './repository/log.ts';

export interface CheckpointRound {
  /** Facts given a leaf in this round. */
  integrated: number;
  /** The checkpoint signed in this round, or null when the tree had not grown. */
  checkpoint: StoredCheckpoint | null;
}

/**
 * A checkpoint's time is a claim that the tree existed then. The note carries whole seconds, so
 * the database clock is rounded up: rounding down could date the tree before its newest fact.
 */
function toWholeSecondAfter(time: Date): Date {
  return new Date(Math.ceil(time.getTime() / 1000) * 1000);
}

export async function checkpointOnce(db: Db, signers: readonly NoteSigner[], origin: string): Promise<CheckpointRound> {
  if (signers.length === 0) throw new Error('a checkpoint needs at least one signing key');
  let integrated = 0;
  // A full batch means more may be waiting; a short one means everything orderable is in.
  for (;;) {
    const { added } = await integrate(db.kysely, { maxLeaves: DEFAULT_MAX_LEAVES });
    integrated += added;
    if (added < DEFAULT_MAX_LEAVES) break;
  }
  const checkpoint = await db.kysely.transaction().execute(async (trx) => {
    // The lock first, the clock and the head after it: another node's checkpoint of a larger tree
    // can then never carry an earlier time than this one.
    const now = await lockCheckpoints(trx);
    const head = await latestHead(trx);
    const last = await latestCheckpoint(trx);
    if (head.size <= (last?.size ?? 0)) return null;
    const time = toWholeSecondAfter(now);
    const note = signNote(formatCheckpoint({ origin, size: head.size, root: head.root, time }), signers);
    const signed: StoredCheckpoint = { size: head.size, root: head.root, time, note };
    await insertCheckpoint(trx, signed);
    return signed;
  });
  return { integrated, checkpoint };
}
