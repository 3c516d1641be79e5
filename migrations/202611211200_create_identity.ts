// Identity and access (§3.1, §3.3, R6, R7, R15): residents and their sessions, agency-specific codes,
// staff accounts, API clients of existing systems, and the append-only security audit log.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('residents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The stable identity of the authentication certificate; never a My Number.
    .addColumn('certificate_id', 'text', (c) => c.notNull().unique())
    .addColumn('home_municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_login_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('login_id', 'text', (c) => c.notNull().unique().check(sql`login_id ~ '^[a-z0-9][a-z0-9._-]{2,63}$'`))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('prefecture_code', 'text', (c) => c.references('prefectures.code'))
    .addColumn('roles', sql`text[]`, (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled_at', 'timestamptz')
    .addColumn('totp_last_step', 'bigint')
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('disabled_at', 'timestamptz')
    .addCheckConstraint(
      'staff_users_home',
      sql`(roles && ARRAY['national_admin']::text[] AND municipality_code IS NULL AND prefecture_code IS NULL)
       OR (roles && ARRAY['prefecture_viewer']::text[] AND municipality_code IS NULL AND prefecture_code IS NOT NULL)
       OR (NOT roles && ARRAY['national_admin', 'prefecture_viewer']::text[] AND municipality_code IS NOT NULL)`,
    )
    .addCheckConstraint(
      'staff_users_roles',
      sql`cardinality(roles) > 0 AND roles <@ ARRAY['municipality_admin', 'service_editor', 'application_handler',
        'notice_sender', 'records_clerk', 'viewer', 'national_admin', 'prefecture_viewer']::text[]`,
    )
    .execute();
  await sql`SELECT onestop_enable_tenancy('staff_users')`.execute(db);

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('resident_id', 'uuid', (c) => c.references('residents.id').onDelete('cascade'))
    .addColumn('staff_id', 'uuid', (c) => c.references('staff_users.id').onDelete('cascade'))
    // A staff session passes through stages: password change and the second factor come first.
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage IN ('active', 'password_change', 'totp', 'totp_enroll')`))
    .addColumn('csrf_secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint('sessions_subject', sql`(resident_id IS NULL) <> (staff_id IS NULL)`)
    .execute();
  await db.schema.createIndex('sessions_resident_idx').on('sessions').column('resident_id').execute();
  await db.schema.createIndex('sessions_staff_idx').on('sessions').column('staff_id').execute();

  await db.schema
    .createTable('agency_code_keys')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('secret', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('retired_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('agency_codes')
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'uuid', (c) => c.references('residents.id').onDelete('set null'))
    .addColumn('key_version', 'integer', (c) => c.references('agency_code_keys.version'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set when the municipality's own system registered the code (it knows the resident).
    .addColumn('registered_at', 'timestamptz')
    .addPrimaryKeyConstraint('agency_codes_pk', ['municipality_code', 'code'])
    .addUniqueConstraint('agency_codes_resident', ['municipality_code', 'resident_id', 'key_version'])
    .execute();
  await sql`SELECT onestop_enable_tenancy('agency_codes')`.execute(db);

  await db.schema
    .createTable('api_clients')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('disabled_at', 'timestamptz')
    .execute();
  await sql`SELECT onestop_enable_tenancy('api_clients')`.execute(db);

  await db.schema
    .createTable('api_client_secrets')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('api_client_id', 'uuid', (c) => c.notNull().references('api_clients.id').onDelete('cascade'))
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('hint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Set on rotation: the old secret keeps working until then, so systems can switch over.
    .addColumn('expires_at', 'timestamptz')
    .addColumn('last_used_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('api_client_secrets_client_idx').on('api_client_secrets').column('api_client_id').execute();
  await sql`SELECT onestop_enable_tenancy('api_client_secrets')`.execute(db);

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    // Null for national events; the national side reads every row.
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind IN ('resident', 'staff', 'system', 'platform', 'anonymous')`))
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome IN ('success', 'failure')`))
    .addColumn('target', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('request_id', 'text')
    .addColumn('ip', 'text')
    .execute();
  await db.schema.createIndex('audit_events_municipality_at_idx').on('audit_events').columns(['municipality_code', 'at']).execute();
  await sql`SELECT onestop_enable_tenancy('audit_events', ARRAY['national'])`.execute(db);
  // Append-only: nobody changes or removes an audit event, whatever role they connect as.
  await sql`REVOKE UPDATE, DELETE ON audit_events FROM onestop_tenant`.execute(db);
  await sql`
    CREATE FUNCTION onestop_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END
    $fn$`.execute(db);
  await sql`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
            FOR EACH ROW EXECUTE FUNCTION onestop_refuse_change()`.execute(db);

  await db.schema
    .alterTable('municipality_profiles')
    // LGWAN terminals: when not empty, staff of the municipality may work only from these networks.
    .addColumn('staff_ip_allowlist', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
}
