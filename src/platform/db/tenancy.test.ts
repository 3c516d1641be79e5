import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { describeOnDatabases } from '../testing/database.ts';
import { withScope } from './tenancy.ts';
import { ensureMunicipalityMaster } from '../../modules/municipalities/index.ts';

const SHIBUYA = '131130';
const SETAGAYA = '131121';
const YOKOHAMA = '141003';

describeOnDatabases('tenancy in the data layer (R15)', (ctx) => {
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ctx.db.kysely
      .insertInto('municipality_profiles')
      .values([SHIBUYA, SETAGAYA, YOKOHAMA].map((code) => ({ municipality_code: code, receipt_method: 'lgwan_asp' as const, contact_department: `dept ${code}` })))
      .execute();
  });

  test('a municipality sees only its own rows, even when it asks for everything', async () => {
    const rows = await withScope(ctx.db.kysely, { kind: 'municipality', municipalityCode: SHIBUYA }, (trx) =>
      trx.selectFrom('municipality_profiles').selectAll().execute(),
    );
    assert.deepEqual(rows.map((r) => r.municipality_code), [SHIBUYA]);
  });

  test("a municipality cannot read another's row by its key", async () => {
    const row = await withScope(ctx.db.kysely, { kind: 'municipality', municipalityCode: SHIBUYA }, (trx) =>
      trx.selectFrom('municipality_profiles').selectAll().where('municipality_code', '=', YOKOHAMA).executeTakeFirst(),
    );
    assert.equal(row, undefined);
  });

  test("a municipality cannot write another's rows: updates touch nothing, inserts are refused", async () => {
    const result = await withScope(ctx.db.kysely, { kind: 'municipality', municipalityCode: SHIBUYA }, (trx) =>
      trx.updateTable('municipality_profiles').set({ contact_department: 'hijacked' }).where('municipality_code', '=', SETAGAYA).executeTakeFirst(),
    );
    assert.equal(result.numUpdatedRows, 0n);
    await assert.rejects(
      withScope(ctx.db.kysely, { kind: 'municipality', municipalityCode: SHIBUYA }, (trx) =>
        trx.insertInto('municipality_profiles').values({ municipality_code: '012025', receipt_method: 'lgwan_asp', contact_department: 'x' }).execute(),
      ),
      /row-level security/,
    );
    const setagaya = await ctx.db.kysely.selectFrom('municipality_profiles').select('contact_department').where('municipality_code', '=', SETAGAYA).executeTakeFirstOrThrow();
    assert.equal(setagaya.contact_department, `dept ${SETAGAYA}`);
  });

  test('a municipality can change its own rows', async () => {
    const result = await withScope(ctx.db.kysely, { kind: 'municipality', municipalityCode: SHIBUYA }, (trx) =>
      trx.updateTable('municipality_profiles').set({ contact_phone: '03-0000-0000' }).executeTakeFirst(),
    );
    assert.equal(result.numUpdatedRows, 1n);
  });

  test("a prefecture reads only its municipalities' shared rows, and cannot write", async () => {
    const rows = await withScope(ctx.db.kysely, { kind: 'prefecture', prefectureCode: '13' }, (trx) =>
      trx.selectFrom('municipality_profiles').select('municipality_code').orderBy('municipality_code').execute(),
    );
    assert.deepEqual(rows.map((r) => r.municipality_code), [SETAGAYA, SHIBUYA]);
    const updated = await withScope(ctx.db.kysely, { kind: 'prefecture', prefectureCode: '13' }, (trx) =>
      trx.updateTable('municipality_profiles').set({ contact_department: 'x' }).executeTakeFirst(),
    );
    assert.equal(updated.numUpdatedRows, 0n);
  });

  test('the national side reads shared rows of every municipality', async () => {
    const rows = await withScope(ctx.db.kysely, { kind: 'national' }, (trx) => trx.selectFrom('municipality_profiles').select('municipality_code').execute());
    assert.equal(rows.length, 3);
  });

  test('the scope ends with its transaction', async () => {
    await withScope(ctx.db.kysely, { kind: 'municipality', municipalityCode: SHIBUYA }, async () => {});
    const rows = await ctx.db.kysely.selectFrom('municipality_profiles').select('municipality_code').execute();
    assert.equal(rows.length, 3);
  });

  test('a table that is not shared with the national side stays closed to it', async () => {
    await sql`create table tenancy_probe (id serial primary key, municipality_code text not null)`.execute(ctx.db.kysely);
    await sql`select onestop_enable_tenancy('tenancy_probe')`.execute(ctx.db.kysely);
    await sql`insert into tenancy_probe (municipality_code) values (${SHIBUYA}), (${YOKOHAMA})`.execute(ctx.db.kysely);
    const national = await withScope(ctx.db.kysely, { kind: 'national' }, (trx) => sql`select * from tenancy_probe`.execute(trx));
    assert.equal(national.rows.length, 0);
    const own = await withScope(ctx.db.kysely, { kind: 'municipality', municipalityCode: YOKOHAMA }, (trx) => sql<{ municipality_code: string }>`select * from tenancy_probe`.execute(trx));
    assert.deepEqual(own.rows.map((r) => r.municipality_code), [YOKOHAMA]);
    await sql`drop table tenancy_probe`.execute(ctx.db.kysely);
  });

  test('every table with a municipality_code column is under row-level security', async () => {
    const { rows } = await sql<{ table_name: string; rls: boolean; policies: number }>`
      select c.table_name, cls.relrowsecurity as rls,
             (select count(*) from pg_policies p where p.tablename = c.table_name and p.schemaname = 'public')::int as policies
      from information_schema.columns c
      join pg_class cls on cls.relname = c.table_name and cls.relnamespace = 'public'::regnamespace
      where c.table_schema = 'public' and c.column_name = 'municipality_code'`.execute(ctx.db.kysely);
    assert.ok(rows.length >= 1);
    const open = rows.filter((r) => !r.rls || r.policies === 0).map((r) => r.table_name);
    assert.deepEqual(open, [], `tables without tenancy: ${open.join(', ')}`);
  });
});
