// The evidence log's signed checkpoints (migrations/202612072010_create_evidence_checkpoints.ts):
// stored once, as signed, never changed; read newest first or by size.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../platform/db/tables.ts';

export interface EvidenceCheckpointTable {
  size: number;
  root: Uint8Array;
  time: Date;
  note: string;
}

declare module '../../../platform/db/tables.ts' {
  interface Database {
    evidence_checkpoints: EvidenceCheckpointTable;
  }
}

export interface StoredCheckpoint {
  size: number;
  root: Uint8Array;
  time: Date;
  /** The signed note, exactly as signed and served. */
  note: string;
}

// Only one node signs at a time, so checkpoints' sizes and times rise together (a later tree head
// never carries an earlier time). Its own key: integration has another lock, and the two nest.
const CHECKPOINT_LOCK = 0x0e_71_de_0c;

/**
 * Takes the checkpoint lock for the rest of the transaction and answers the database clock after
 * it: the time a checkpoint signed in this transaction may claim.
 */
export async function lockCheckpoints(trx: Kysely<Database>): Promise<Date> {
  await sql`select pg_advisory_xact_lock(${CHECKPOINT_LOCK})`.execute(trx);
  const { rows } = await sql<{ now: Date }>`select clock_timestamp() as now`.execute(trx);
  return rows[0]!.now;
}

export async function insertCheckpoint(trx: Kysely<Database>, checkpoint: StoredCheckpoint): Promise<void> {
  await trx.insertInto('evidence_checkpoints').values(checkpoint).execute();
}

export async function latestCheckpoint(db: Kysely<Database>): Promise<StoredCheckpoint | undefined> {
  return db.selectFrom('evidence_checkpoints').selectAll().orderBy('size', 'desc').limit(1).executeTakeFirst();
}

/** Checkpoints of sizes ≥ `from`, smallest first. */
export async function listCheckpoints(db: Kysely<Database>, from: number, limit: number): Promise<StoredCheckpoint[]> {
  return db.selectFrom('evidence_checkpoints').selectAll().where('size', '>=', from).orderBy('size', 'asc').limit(limit).execute();
}
