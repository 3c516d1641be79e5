// What this node's witness saw of each evidence log it watches (issue #12 §5): one row per look,
// never changed or removed, so an alarm and the signed checkpoint that raised it stay as evidence.
// An 'ok' row keeps the log's verified state — size, root and the compact range's frontier — which
// the next look extends instead of re-reading every fact. Platform-wide like the log itself: no
// municipality_code, and the tenant role is given nothing.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE evidence_witness_observations (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- The log's API address as configured (EVIDENCE_WITNESS or --url): the log's identity here.
      log_url text NOT NULL,
      -- From the checkpoint, when one was read (an unreachable log gives none).
      origin text,
      size bigint CHECK (size >= 0),
      root bytea CHECK (octet_length(root) = 32),
      -- Right-edge perfect subtree hashes of the verified tree, largest first ('ok' rows only).
      frontier bytea CHECK (octet_length(frontier) % 32 = 0),
      note text,
      observed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      -- ok: verified; alarm: the log misbehaved (bad signature, fork, failed proof, facts that do
      -- not hash to the signed root); unreachable: it could not be asked (not evidence of anything).
      status text NOT NULL CHECK (status IN ('ok', 'alarm', 'unreachable')),
      -- Whether this look re-read every fact from leaf 0.
      full_check boolean NOT NULL DEFAULT false,
      reason text,
      CHECK ((status = 'ok') = (reason IS NULL)),
      CHECK (status <> 'ok' OR (size IS NOT NULL AND root IS NOT NULL AND frontier IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX evidence_witness_observations_log_idx ON evidence_witness_observations (log_url, id)`.execute(db);
  await sql`
    CREATE FUNCTION evidence_witness_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'evidence_witness_observations is append-only (% refused)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END
    $fn$`.execute(db);
  await sql`CREATE TRIGGER evidence_witness_observations_append_only BEFORE UPDATE OR DELETE ON evidence_witness_observations
            FOR EACH ROW EXECUTE FUNCTION evidence_witness_append_only()`.execute(db);
  await sql`CREATE TRIGGER evidence_witness_observations_no_truncate BEFORE TRUNCATE ON evidence_witness_observations
            FOR EACH STATEMENT EXECUTE FUNCTION evidence_witness_append_only()`.execute(db);
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON evidence_witness_observations FROM PUBLIC`.execute(db);
}
