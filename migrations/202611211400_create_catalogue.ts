// The service catalogue (§3.2, §3.3, §5): national procedures, and services — a municipality's
// offer of a procedure or its own scheme, a prefecture's, or a national one shown everywhere —
// with drafts, publication and a version history written in the same transaction as each change.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('procedures')
    .addColumn('id', 'text', (c) => c.primaryKey().check(sql`id ~ '^[a-z0-9][a-z0-9.-]{2,80}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    // 個人番号利用事務 (番号法 9条1項 or 2項): signed applications only (R3), notices allowed (R6).
    .addColumn('my_number_procedure', 'boolean', (c) => c.notNull())
    .addColumn('needs_review', 'boolean', (c) => c.notNull())
    // One of the 15 national focus procedures (PRODUCT.md §5).
    .addColumn('focus', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`GRANT SELECT ON procedures TO onestop_tenant`.execute(db);

  await db.schema
    .createTable('services')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // Owner: a municipality, or a prefecture (municipality null), or the nation (both null).
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('prefecture_code', 'text', (c) => c.references('prefectures.code'))
    .addColumn('procedure_id', 'text', (c) => c.references('procedures.id'))
    // The サービスID of the open 制度 layout: re-importing the same record updates it.
    .addColumn('external_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status IN ('draft', 'published', 'unpublished')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('live').check(sql`mode IN ('test', 'live')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('support', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('eligibility', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('applicant', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('how_to_apply', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('acceptance_start', 'date')
    .addColumn('acceptance_end', 'date')
    .addColumn('deadline_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('detail_url', 'text')
    .addColumn('contact', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('department', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('legal_basis', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('categories', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('life_events', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('apply_methods', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('tags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    // [{ name, required, originalRequired, note }] — R5: originals to be submitted separately.
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('things_to_bring', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    // [{ title, url }]
    .addColumn('related_links', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    // Benefit estimate ids (modules/catalogue/benefits) this service pays, for attribute search.
    .addColumn('benefit_ids', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    // Fields of the open 制度 layout kept as imported (制度番号, 元制度番号, 制度変更区分, 公開日, …).
    .addColumn('open_data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    // National pre-registration (seed 000 §2.2 B-3): registered by the national side for a
    // municipality, which reviews and adopts it.
    .addColumn('pre_registered_at', 'timestamptz')
    .addColumn('adopted_at', 'timestamptz')
    .addColumn('published_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('services_owner', sql`municipality_code IS NULL OR prefecture_code = left(municipality_code, 2)`)
    .addCheckConstraint('services_acceptance', sql`acceptance_end IS NULL OR acceptance_start IS NULL OR acceptance_end >= acceptance_start`)
    .addCheckConstraint(
      'services_apply_methods',
      sql`apply_methods <@ ARRAY['signed_online', 'simple_online', 'print_and_post', 'counter']::text[]`,
    )
    .execute();
  // One record per owner and open-data id; NULLs (national) compared with coalesce.
  await sql`CREATE UNIQUE INDEX services_external_idx ON services (coalesce(municipality_code, ''), coalesce(prefecture_code, ''), external_id)
            WHERE external_id IS NOT NULL`.execute(db);
  await db.schema.createIndex('services_municipality_idx').on('services').columns(['municipality_code', 'status']).execute();
  await db.schema.createIndex('services_prefecture_idx').on('services').columns(['prefecture_code', 'status']).execute();
  // Staff see and change only their municipality's services; national and prefectural ones
  // (municipality_code NULL) are invisible to them. Residents read published services through
  // the public search, which is platform work.
  await sql`SELECT onestop_enable_tenancy('services', ARRAY['national'])`.execute(db);

  await db.schema
    .createTable('service_versions')
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('change', 'text', (c) =>
      c.notNull().check(sql`change IN ('created', 'updated', 'published', 'unpublished', 'imported', 'pre_registered', 'adopted')`),
    )
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addPrimaryKeyConstraint('service_versions_pk', ['service_id', 'version', 'change'])
    .execute();
  await sql`SELECT onestop_enable_tenancy('service_versions', ARRAY['national'])`.execute(db);
  await sql`REVOKE UPDATE, DELETE ON service_versions FROM onestop_tenant`.execute(db);
}
