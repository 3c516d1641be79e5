// Tenancy in the database (R15): one role that every municipal query runs as, and one function that
// puts a municipal table under row-level security keyed by its municipality_code column.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Roles are cluster-wide: another database on the same server may have made it already.
  await sql`
    DO $$ BEGIN
      CREATE ROLE onestop_tenant NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$`.execute(db);
  // The connecting role switches to onestop_tenant for every scoped transaction.
  await sql`
    DO $$ BEGIN
      IF NOT pg_has_role(current_user, 'onestop_tenant', 'MEMBER') THEN
        EXECUTE format('GRANT onestop_tenant TO %I', current_user);
      END IF;
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION onestop_enable_tenancy(tbl regclass, shared_with text[] DEFAULT '{}') RETURNS void
    LANGUAGE plpgsql AS $fn$
    BEGIN
      EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
      EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO onestop_tenant', tbl);
      EXECUTE format(
        $p$CREATE POLICY tenant_own ON %s
           USING (municipality_code = current_setting('app.municipality_code', true))
           WITH CHECK (municipality_code = current_setting('app.municipality_code', true))$p$, tbl);
      IF 'prefecture' = ANY (shared_with) THEN
        EXECUTE format(
          $p$CREATE POLICY tenant_prefecture_read ON %s FOR SELECT
             USING (current_setting('app.scope', true) = 'prefecture'
                    AND left(municipality_code, 2) = current_setting('app.prefecture_code', true))$p$, tbl);
      END IF;
      IF 'national' = ANY (shared_with) THEN
        EXECUTE format(
          $p$CREATE POLICY tenant_national_read ON %s FOR SELECT
             USING (current_setting('app.scope', true) = 'national')$p$, tbl);
      END IF;
    END
    $fn$`.execute(db);
}
