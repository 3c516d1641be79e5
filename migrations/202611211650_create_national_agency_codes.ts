// Agency-specific codes of national bodies (§3.1): like a municipality, each national body knows a
// resident only by a code of its own. National rows are platform data, read only by national work.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('national_agency_codes')
    .addColumn('agency', 'text', (c) => c.notNull().check(sql`agency ~ '^[a-z][a-z0-9-]{1,30}$'`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('resident_id', 'uuid', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('key_version', 'integer', (c) => c.notNull().references('agency_code_keys.version'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('national_agency_codes_pk', ['agency', 'code'])
    .addUniqueConstraint('national_agency_codes_resident', ['agency', 'resident_id', 'key_version'])
    .execute();
}
