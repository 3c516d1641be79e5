// A municipality that uses the platform: how it receives applications (seed 000 ch. 4) and
// whether it is still in its operational test (R16). The first municipal table under tenancy.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('municipality_profiles')
    .addColumn('municipality_code', 'text', (c) => c.primaryKey().references('municipalities.code'))
    .addColumn('receipt_method', 'text', (c) =>
      c.notNull().check(sql`receipt_method IN ('lgwan_asp', 'delivery_service', 'existing_system', 'dedicated_line', 'print_and_post')`),
    )
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('test').check(sql`mode IN ('test', 'live')`))
    .addColumn('contact_department', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('joined_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('live_at', 'timestamptz')
    .execute();
  await sql`SELECT onestop_enable_tenancy('municipality_profiles', ARRAY['prefecture', 'national'])`.execute(db);
}
