// The evidence log as the benchmarks need it beside the app: switching its triggers off in a
// throwaway database, counting what it holds, and the checkpointer a job-running server runs.
import { sql } from 'kysely';
import type { Db } from '../src/platform/db/index.ts';

export interface EvidenceCounts {
  facts: number;
  leaves: number;
  /** Size of the latest signed checkpoint (0 before the first). */
  checkpointed: number;
}

/**
 * Disables every trigger that appends facts (a trigger outside the evidence tables whose function is
 * one of the log's), as the database owner: the intake benchmark's "log off" run, never the app's.
 * Found by their functions rather than by name, so a trigger added later is switched off as well;
 * none found is an error, so an "off" run cannot silently measure the log on.
 */
export async function disableEvidenceTriggers(db: Db): Promise<string[]> {
  const { rows } = await sql<{ table: string; trigger: string }>`
    SELECT c.relname AS table, t.tgname AS trigger
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE NOT t.tgisinternal AND c.relname NOT LIKE 'evidence\\_%' AND p.proname LIKE 'evidence\\_%'
     ORDER BY 1, 2`.execute(db.kysely);
  if (rows.length === 0) throw new Error('no evidence trigger found to disable');
  for (const r of rows) await sql`ALTER TABLE ${sql.id(r.table)} DISABLE TRIGGER ${sql.id(r.trigger)}`.execute(db.kysely);
  return rows.map((r) => `${r.table}.${r.trigger}`);
}

export async function evidenceCounts(db: Db): Promise<EvidenceCounts> {
  const { rows } = await sql<EvidenceCounts>`
    SELECT (SELECT count(*) FROM evidence_facts)::int AS facts,
           (SELECT count(*) FROM evidence_leaves)::int AS leaves,
           (SELECT coalesce(max(size), 0) FROM evidence_checkpoints)::int AS checkpointed`.execute(db.kysely);
  return rows[0]!;
}
