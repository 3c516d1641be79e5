// Forms as data (§3.4, ADR 0013): a national template per focus procedure, or a municipality's
// form (adopted from a template with its own 上乗せ section, or built from scratch); published
// versions that never change (an application keeps the exact version id); which form a service
// uses; and a history row written in the same transaction as every change.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('forms')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // NULL: a national template, shared with every municipality.
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('national_template', 'adopted', 'own')`))
    .addColumn('procedure_id', 'text', (c) => c.references('procedures.id'))
    // An adopted form: the template it came from; its national part stays that template's.
    .addColumn('template_form_id', 'uuid', (c) => c.references('forms.id'))
    // …and the template version it was adopted from (set once form_versions exists, below).
    .addColumn('template_version_id', 'uuid')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    // The working copy the builder edits (a layout); publishing freezes it into form_versions.
    .addColumn('draft', 'jsonb', (c) => c.notNull())
    // Bumped on every draft change: optimistic concurrency for the builder, and the preview's cache key.
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('forms_owner', sql`(kind = 'national_template') = (municipality_code IS NULL)`)
    .addCheckConstraint('forms_template', sql`(kind = 'adopted') = (template_form_id IS NOT NULL)`)
    .execute();
  await sql`CREATE UNIQUE INDEX forms_national_procedure_idx ON forms (procedure_id) WHERE kind = 'national_template'`.execute(db);
  await db.schema.createIndex('forms_municipality_idx').on('forms').columns(['municipality_code', 'updated_at']).execute();

  await db.schema
    .createTable('form_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('forms.id'))
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('layout', 'jsonb', (c) => c.notNull())
    .addColumn('schema', 'jsonb', (c) => c.notNull())
    // For an adopted form: the template version its national part is.
    .addColumn('template_version_id', 'uuid', (c) => c.references('form_versions.id'))
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addUniqueConstraint('form_versions_form_version', ['form_id', 'version'])
    .execute();
  await sql`ALTER TABLE forms ADD CONSTRAINT forms_template_version_fk FOREIGN KEY (template_version_id) REFERENCES form_versions (id)`.execute(db);
  // A published version is what applications were made with: it never changes.
  await sql`
    CREATE FUNCTION form_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'form versions are immutable once published' USING ERRCODE = 'restrict_violation';
    END
    $fn$`.execute(db);
  await sql`CREATE TRIGGER form_versions_immutable BEFORE UPDATE OR DELETE ON form_versions
            FOR EACH ROW EXECUTE FUNCTION form_versions_immutable()`.execute(db);

  await db.schema
    .createTable('service_forms')
    .addColumn('service_id', 'uuid', (c) => c.primaryKey().references('services.id').onDelete('cascade'))
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('forms.id'))
    .addColumn('linked_by', 'text')
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('service_forms_form_idx').on('service_forms').column('form_id').execute();

  await db.schema
    .createTable('form_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('form_id', 'uuid', (c) => c.notNull().references('forms.id'))
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change IN ('created', 'adopted', 'edited', 'published', 'linked', 'unlinked')`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  await db.schema.createIndex('form_history_form_idx').on('form_history').columns(['form_id', 'changed_at']).execute();

  for (const table of ['forms', 'form_versions', 'service_forms', 'form_history']) {
    await sql`SELECT onestop_enable_tenancy(${sql.lit(table)}, ARRAY['national'])`.execute(db);
  }
  // National templates (municipality_code NULL) are shared: every municipality reads them to adopt.
  for (const table of ['forms', 'form_versions']) {
    await sql`CREATE POLICY national_template_read ON ${sql.table(table)} FOR SELECT USING (municipality_code IS NULL)`.execute(db);
  }
  await sql`REVOKE UPDATE, DELETE ON form_versions FROM onestop_tenant`.execute(db);
  await sql`REVOKE UPDATE, DELETE ON form_history FROM onestop_tenant`.execute(db);
}
