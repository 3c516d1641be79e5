import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ensureNationalProcedures, exportServices, importServices, NATIONAL_PROCEDURES, parseRecordsFile, type Writer } from '../modules/catalogue/index.ts';
import { ensureMunicipalityMaster } from '../modules/municipalities/index.ts';
import { describeOnDatabases } from '../platform/testing/database.ts';
import { seedDemoCatalogue } from './seed-catalogue.ts';

describeOnDatabases('the demo catalogue', (ctx) => {
  const counts = async () => {
    const db = ctx.db.kysely;
    const services = await db.selectFrom('services').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const versions = await db.selectFrom('service_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { services: Number(services.n), versions: Number(versions.n) };
  };
  let first: Awaited<ReturnType<typeof seedDemoCatalogue>>;

  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
    first = await seedDemoCatalogue(ctx.db);
  });

  test('given a second run, then nothing is created and the counts of services and versions stay the same', async () => {
    const before = await counts();
    assert.equal(before.services, first.services);
    assert.equal(first.created, first.services);
    assert.equal(first.rejected, 0);
    const second = await seedDemoCatalogue(ctx.db);
    assert.equal(second.created, 0);
    assert.deepEqual(await counts(), before);
  });

  test('each demo municipality publishes all 15 national procedures, with its department and attachments flagged', async () => {
    for (const code of ['131130', '131121', '141003']) {
      const rows = await ctx.db.kysely
        .selectFrom('services')
        .select(['procedure_id', 'status', 'department', 'contact', 'apply_methods', 'attachments'])
        .where('municipality_code', '=', code)
        .where('procedure_id', 'is not', null)
        .execute();
      assert.deepEqual(rows.map((r) => r.procedure_id).sort(), NATIONAL_PROCEDURES.map((p) => p.id).sort(), code);
      assert.ok(rows.every((r) => r.status === 'published' && r.department !== '' && /0\d{1,2}-000?0-\d{4}/.test(r.contact)));
      assert.ok(rows.every((r) => r.apply_methods.includes('signed_online') && r.apply_methods.includes('counter')));
      assert.ok(rows.some((r) => r.attachments.some((a) => a.originalRequired)), `${code} has originals to submit`);
    }
  });

  test('the open records: 90 national and 32 of 渋谷区, published, tagged with life events; Tokyo’s allowance is prefectural; some drafts', async () => {
    const db = ctx.db.kysely;
    const national = await db.selectFrom('services').select(['title', 'life_events', 'benefit_ids']).where('municipality_code', 'is', null).where('prefecture_code', 'is', null).execute();
    assert.equal(national.length, 90);
    assert.deepEqual(national.find((s) => s.title === '児童扶養手当')?.benefit_ids, ['child-rearing-allowance']);
    assert.ok(national.find((s) => s.title === '産後ケア事業')?.life_events.includes('birth'));
    const shibuyaOpen = await db.selectFrom('services').select('id').where('municipality_code', '=', '131130').where('external_id', 'like', 'shibuya_parenting-%').execute();
    assert.equal(shibuyaOpen.length, 32);
    const tokyo = await db.selectFrom('services').select(['title', 'benefit_ids']).where('municipality_code', 'is', null).where('prefecture_code', '=', '13').execute();
    assert.deepEqual(tokyo.map((s) => s.benefit_ids).flat().sort(), ['tokyo-child-disability-allowance', 'tokyo-child-upbringing-allowance']);
    const drafts = await db.selectFrom('services').select('municipality_code').where('status', '=', 'draft').execute();
    assert.deepEqual([...new Set(drafts.map((d) => d.municipality_code))].sort(), ['131121', '131130', '141003']);
    // Every service has its history: the open records were imported, then tagged.
    const history = await db
      .selectFrom('service_versions as v')
      .innerJoin('services as s', 's.id', 'v.service_id')
      .select(['v.change'])
      .where('s.title', '=', '児童扶養手当')
      .where('s.municipality_code', 'is', null)
      .orderBy('v.version')
      .execute();
    assert.deepEqual(history.map((h) => h.change), ['imported', 'updated']);
  });

  test("each owner's own export (CSV and JSON), imported back as a dry run, would change nothing", async () => {
    // Issue #11: 渋谷区's export reported 15 records "would update" (the nation's 41).
    const writers: Writer[] = [
      { kind: 'national', label: 'round-trip' },
      ...['131130', '131121', '141003'].map((municipalityCode): Writer => ({ kind: 'municipality', municipalityCode, label: 'round-trip' })),
    ];
    for (const writer of writers) {
      for (const format of ['csv', 'json'] as const) {
        const file = await exportServices({ db: ctx.db }, writer, { format });
        const report = await importServices({ db: ctx.db }, writer, { records: parseRecordsFile(Buffer.from(file.body, 'utf8')), dryRun: true });
        const owner = writer.kind === 'national' ? 'national' : writer.municipalityCode;
        assert.deepEqual([report.created, report.updated, report.unchanged, report.rejected], [0, 0, file.count, []], `${owner} ${format}`);
      }
    }
  });
});
