// Issue 11 point 12: an application's status never moves without its timeline event. A deferred
// constraint trigger checks, when the transaction commits, that every status change has an event
// with the new status written together with it (same writing transaction: the rows' xmin), so a
// use case that forgets the history row, or an UPDATE by hand, fails instead of leaving a silent
// gap. It fires only on an UPDATE that changes the status: arrivals (one INSERT with their
// 'arrived' event, ADR 0014) are not touched, and R1's applications_keep_record trigger is unchanged.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION applications_require_status_event() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF NOT EXISTS (
        SELECT 1 FROM applications a JOIN application_events e ON e.application_id = a.id
        WHERE a.id = NEW.id AND e.status = NEW.status AND e.xmin = a.xmin
      ) THEN
        RAISE EXCEPTION 'an application''s status changes only with its timeline event (% to %)', OLD.status, NEW.status
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NULL;
    END
    $fn$`.execute(db);
  await sql`
    CREATE CONSTRAINT TRIGGER applications_require_status_event
    AFTER UPDATE OF status ON applications
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.status IS DISTINCT FROM OLD.status)
    EXECUTE FUNCTION applications_require_status_event()`.execute(db);
}
