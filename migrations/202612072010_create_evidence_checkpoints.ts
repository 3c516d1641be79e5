// The evidence log's signed checkpoints (issue #12, point 3): one row per signed tree head, in the
// C2SP signed-note form exactly as served, so a checkpoint once published can be served again byte
// for byte. Like the log itself the table is public, not tenant data (no municipality, no RLS, no
// grant to the tenant role) and append-only: a checkpoint that could be rewritten would prove nothing.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE evidence_checkpoints (
      size bigint PRIMARY KEY CHECK (size >= 0),
      root bytea NOT NULL CHECK (length(root) = 32),
      time timestamptz NOT NULL,
      note text NOT NULL CHECK (note <> '')
    )`.execute(db);
  await sql`
    CREATE FUNCTION evidence_checkpoints_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END
    $fn$`.execute(db);
  await sql`CREATE TRIGGER evidence_checkpoints_append_only BEFORE UPDATE OR DELETE ON evidence_checkpoints
            FOR EACH ROW EXECUTE FUNCTION evidence_checkpoints_append_only()`.execute(db);
  await sql`CREATE TRIGGER evidence_checkpoints_no_truncate BEFORE TRUNCATE ON evidence_checkpoints
            FOR EACH STATEMENT EXECUTE FUNCTION evidence_checkpoints_append_only()`.execute(db);
  await sql`REVOKE ALL ON evidence_checkpoints FROM PUBLIC`.execute(db);
  await sql`REVOKE ALL ON evidence_checkpoints FROM onestop_tenant`.execute(db);
}
