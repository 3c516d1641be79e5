// The municipality master: every prefecture and municipality by 全国地方公共団体コード.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('prefectures')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[0-9]{2}$'`))
    .addColumn('lg_code', 'text', (c) => c.notNull().unique().check(sql`lg_code ~ '^[0-9]{6}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kana', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('municipalities')
    .addColumn('code', 'text', (c) => c.primaryKey().check(sql`code ~ '^[0-9]{6}$'`))
    .addColumn('prefecture_code', 'text', (c) => c.notNull().references('prefectures.code'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('city', 'designated_city', 'special_ward', 'ward', 'town', 'village')`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kana', 'text', (c) => c.notNull())
    // A designated city's wards point at their city.
    .addColumn('parent_code', 'text', (c) => c.references('municipalities.code'))
    .execute();
  await db.schema.createIndex('municipalities_prefecture_idx').on('municipalities').column('prefecture_code').execute();
  await db.schema.createIndex('municipalities_parent_idx').on('municipalities').column('parent_code').execute();
  await sql`GRANT SELECT ON prefectures, municipalities TO onestop_tenant`.execute(db);
}
