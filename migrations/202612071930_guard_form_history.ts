// A form never changes without its history row (issue #11, point 12). Every write to forms,
// form_versions and service_forms goes through the forms repository's writeForm, which writes the
// history row with it; this guard makes the rule hold for any other writer too. Each history row
// now records the transaction that wrote it, and a constraint trigger checks at commit that every
// changed row has its history row from the same transaction, or refuses the commit.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // txid_current() is the top-level transaction even inside a savepoint.
  await sql`ALTER TABLE form_history ADD COLUMN tx bigint NOT NULL DEFAULT txid_current()`.execute(db);

  await sql`
    CREATE FUNCTION form_history_required() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      recorded boolean;
    BEGIN
      IF TG_TABLE_NAME = 'forms' THEN
        -- A form made or edited: its history row names the revision it made.
        SELECT EXISTS (SELECT 1 FROM form_history h
                        WHERE h.form_id = NEW.id AND h.revision = NEW.revision AND h.tx = txid_current())
          INTO recorded;
      ELSIF TG_TABLE_NAME = 'form_versions' THEN
        SELECT EXISTS (SELECT 1 FROM form_history h
                        WHERE h.form_id = NEW.form_id AND h.change = 'published' AND h.version = NEW.version AND h.tx = txid_current())
          INTO recorded;
      ELSIF TG_OP = 'DELETE' THEN
        SELECT EXISTS (SELECT 1 FROM form_history h
                        WHERE h.form_id = OLD.form_id AND h.change = 'unlinked' AND h.details->>'serviceId' = OLD.service_id::text AND h.tx = txid_current())
          INTO recorded;
      ELSE
        SELECT EXISTS (SELECT 1 FROM form_history h
                        WHERE h.form_id = NEW.form_id AND h.change = 'linked' AND h.details->>'serviceId' = NEW.service_id::text AND h.tx = txid_current())
          INTO recorded;
      END IF;
      IF NOT recorded THEN
        RAISE EXCEPTION '% on % without its form_history row in the same transaction', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NULL;
    END
    $fn$`.execute(db);

  // Deferred to the commit, so the history row may come before or after the change it records.
  await sql`CREATE CONSTRAINT TRIGGER forms_history_required AFTER INSERT OR UPDATE ON forms
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION form_history_required()`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER form_versions_history_required AFTER INSERT ON form_versions
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION form_history_required()`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER service_forms_history_required AFTER INSERT OR UPDATE OR DELETE ON service_forms
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION form_history_required()`.execute(db);
}
