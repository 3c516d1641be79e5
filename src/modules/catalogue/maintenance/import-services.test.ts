import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, test } from 'node:test';
import { ensureMunicipalityMaster } from '../../municipalities/index.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import { ensureNationalProcedures } from '../ensure-procedures.ts';
import { listServicesOfOwner, selectServiceVersions } from '../repository.ts';
import { exportServices } from './export-services.ts';
import { importServices } from './import-services.ts';
import { parseRecordsFile, recordsToCsv, OPEN_DATA_COLUMNS } from './open-data-layout.ts';
import { createService, updateService, type Writer } from './save-service.ts';
import { inputOfRow } from './service-fields.ts';

const CIVICHAT = new URL('../../../demo/data/civichat/', import.meta.url);
const shibuya: Writer = { kind: 'municipality', municipalityCode: '131130', label: 'import-test' };
const yokohama: Writer = { kind: 'municipality', municipalityCode: '141003', label: 'import-test' };
const nation: Writer = { kind: 'national', label: 'import-test' };

async function civichat(name: string): Promise<unknown[]> {
  return parseRecordsFile(await readFile(new URL(name, CIVICHAT), 'utf8'));
}

async function countRows(ctx: { db: { kysely: import('kysely').Kysely<import('../../../platform/db/tables.ts').Database> } }) {
  const services = await ctx.db.kysely.selectFrom('services').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const versions = await ctx.db.kysely.selectFrom('service_versions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { services: Number(services.n), versions: Number(versions.n) };
}

function csvOf(rows: Array<Record<string, string>>): string {
  return recordsToCsv(rows.map((r) => Object.fromEntries(OPEN_DATA_COLUMNS.map((c) => [c, r[c] ?? null]))));
}

describeOnDatabases('importing services in the open 制度 layout', (ctx) => {
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
  });

  test('a dry run of the Shibuya file reports 32 to create and writes nothing', async () => {
    const before = await countRows(ctx);
    const report = await importServices(ctx, shibuya, { records: await civichat('shibuya-parenting-systems.json'), dryRun: true });
    assert.deepEqual([report.created, report.updated, report.unchanged, report.rejected], [32, 0, 0, []]);
    assert.deepEqual(await countRows(ctx), before);
  });

  test('the Shibuya file creates 32 services for 131130; importing it again changes nothing', async () => {
    const records = await civichat('shibuya-parenting-systems.json');
    const first = await importServices(ctx, shibuya, { records });
    assert.deepEqual([first.created, first.updated, first.unchanged, first.rejected.length], [32, 0, 0, 0]);
    const afterFirst = await countRows(ctx);
    const again = await importServices(ctx, shibuya, { records });
    assert.deepEqual([again.created, again.updated, again.unchanged, again.rejected.length], [0, 0, 32, 0]);
    assert.deepEqual(await countRows(ctx), afterFirst, 'no new service and no new version');

    const services = await listServicesOfOwner(ctx.db.kysely, { kind: 'municipality', municipalityCode: '131130' });
    const byTitle = (t: string) => services.find((s) => s.title === t);
    // 2021/4/1 is normalised; a deadline in words is kept as the deadline note.
    const withStart = services.find((s) => s.acceptance_start !== null)!;
    assert.equal(withStart.acceptance_start, '2021-04-01');
    assert.equal(withStart.open_data['受付開始日' as never], '2021/4/1');
    assert.ok(services.some((s) => s.deadline_note === '「出産日」から起算して1年以内' && s.acceptance_end === null));
    const loan = byTitle('東京都母子及び父子福祉資金')!;
    assert.equal(loan.department, '厚生労働省');
    assert.equal(loan.status, 'draft');
    assert.ok(services.filter((s) => s.categories.includes('benefits')).length >= 17, '給付・助成 maps to benefits');
  });

  test('the national file creates 90 national services; a record with two URLs keeps the first as the detail page', async () => {
    const report = await importServices(ctx, nation, { records: await civichat('japan-systems.json'), publish: true });
    assert.deepEqual([report.created, report.updated, report.unchanged, report.rejected], [90, 0, 0, []]);
    const services = await listServicesOfOwner(ctx.db.kysely, { kind: 'national' });
    assert.equal(services.filter((s) => s.external_id?.startsWith('japan-')).length, 90);
    assert.ok(services.every((s) => s.municipality_code === null && s.status === 'published'));
    const twoUrls = services.find((s) => String(s.open_data['詳細参照先' as never] ?? '').includes('\n'))!;
    assert.match(twoUrls.detail_url!, /^https:\/\/www\.mhlw\.go\.jp\/\S+index\.html$/);
    const again = await importServices(ctx, nation, { records: await civichat('japan-systems.json') });
    assert.equal(again.unchanged, 90);
  });

  test('a CSV with a bad date rejects that row with the reason and imports the others', async () => {
    const csv = csvOf([
      { サービスID: 'csv-1', 'タイトル（制度名）': '一時保育', 受付開始日: '2024/4/1', 受付終了日: '令和7年3月31日', 支援内容: '1行目\n2行目, "引用"' },
      { サービスID: 'csv-2', 'タイトル（制度名）': '産後ケア', 受付開始日: '2024/02/30' },
      { サービスID: 'csv-3', 'タイトル（制度名）': '', 受付開始日: '来年の春' },
    ]);
    const report = await importServices(ctx, yokohama, { records: parseRecordsFile(csv, 'csv') });
    assert.equal(report.created, 1);
    assert.deepEqual(report.rejected.map((r) => [r.row, r.externalId]), [
      [2, 'csv-2'],
      [3, 'csv-3'],
    ]);
    assert.match(report.rejected[0]!.reasons[0]!.message.en, /受付開始日 "2024\/02\/30" is not a date/);
    assert.deepEqual(report.rejected[1]!.reasons.map((r) => r.column).sort(), ['受付開始日']);
    const [saved] = await listServicesOfOwner(ctx.db.kysely, { kind: 'municipality', municipalityCode: '141003' });
    assert.deepEqual([saved!.acceptance_start, saved!.acceptance_end, saved!.support], ['2024-04-01', '2025-03-31', '1行目\n2行目, "引用"']);
  });

  test('an empty title is rejected naming the column', async () => {
    const report = await importServices(ctx, yokohama, { records: [{ サービスID: 'x-1', 'タイトル（制度名）': '' }], dryRun: true });
    assert.equal(report.rejected[0]!.reasons[0]!.column, 'タイトル（制度名）');
  });

  test('export then import (CSV and JSON) leaves every service unchanged, including ones made in the console', async () => {
    const made = await createService(ctx, shibuya, {
      input: {
        title: '子ども医療費助成',
        summary: '医療費の自己負担を助成します。',
        categories: ['medical-subsidy', 'benefits'],
        tags: ['医療証'],
        acceptanceEnd: '2027-03-31',
        deadlineNote: '年度末まで',
        attachments: [{ name: '健康保険証', required: true, originalRequired: false }],
        applyMethods: ['counter'],
      },
    });
    for (const format of ['csv', 'json'] as const) {
      const file = await exportServices(ctx, shibuya, { format });
      assert.equal(file.count, 33);
      const before = await countRows(ctx);
      const report = await importServices(ctx, shibuya, { records: parseRecordsFile(file.body) });
      assert.deepEqual([report.created, report.updated, report.unchanged, report.rejected], [0, 0, 33, []], format);
      assert.deepEqual(await countRows(ctx), before);
    }
    // The console-made service is found again by the id the export gave it (its uuid).
    const exported = JSON.parse((await exportServices(ctx, shibuya, { format: 'json' })).body) as { systemsData: Array<Record<string, string>> };
    assert.ok(exported.systemsData.some((r) => r['サービスID'] === made.id && r['タグ（テーマ）'] === '医療費助成,給付・助成'));
  });

  test('formula cells leave the CSV neutralised and come back exactly: negative numbers, phone numbers, quotes', async () => {
    const tricky = {
      title: '=HYPERLINK("https://evil.example","詳しくはこちら")',
      summary: '-5 度以下の日は休園します',
      support: "'-5 と書かれた値はそのまま",
      eligibility: '@すべての世帯',
      howToApply: '\t窓口へ',
      contact: '+81 45-000-1501',
      department: "'引用符で始まる部署",
      tags: ['-割引', '+加算'],
    };
    const made = await createService(ctx, yokohama, { input: tricky });
    const file = await exportServices(ctx, yokohama, { format: 'csv' });
    const line = file.body.split('\r\n').find((l) => l.startsWith(`${made.id},`))!;
    assert.ok(line.includes(`"'=HYPERLINK(""https://evil.example"",""詳しくはこちら"")"`), line);
    assert.ok(line.includes(",'-5 度以下の日は休園します,") && line.includes(",''-5 と書かれた値はそのまま,") && line.includes(",'+81 45-000-1501,"), line);
    assert.ok(line.includes(",'引用符で始まる部署,") && line.includes(",'@すべての世帯,") && line.includes(",'\t窓口へ,"), line);
    const before = await countRows(ctx);
    const report = await importServices(ctx, yokohama, { records: parseRecordsFile(Buffer.from(file.body, 'utf8')) });
    assert.deepEqual([report.created, report.updated, report.rejected], [0, 0, []]);
    assert.deepEqual(await countRows(ctx), before);
    const [back] = (await listServicesOfOwner(ctx.db.kysely, { kind: 'municipality', municipalityCode: '141003' })).filter((s) => s.id === made.id);
    assert.deepEqual([back!.title, back!.summary, back!.support, back!.eligibility, back!.how_to_apply, back!.contact, back!.department, back!.tags], Object.values(tricky));
  });

  test('categories changed in the console after an import are exported as ours, and the export imports back as unchanged', async () => {
    // The cause of "15 of 68 would update": the export wrote the themes kept from the first import, so
    // importing it back took the categories staff (or the demo) had added since away again.
    const services = await listServicesOfOwner(ctx.db.kysely, { kind: 'municipality', municipalityCode: '131130' });
    const imported = services.find((s) => s.external_id?.startsWith('shibuya_parenting-') && typeof s.open_data['タグ（テーマ）' as never] === 'string')!;
    const categories = [...new Set([...imported.categories, 'single-parent', 'education'])] as never;
    await updateService(ctx, shibuya, { id: imported.id, input: { ...inputOfRow(imported), categories } });
    for (const format of ['csv', 'json'] as const) {
      const file = await exportServices(ctx, shibuya, { format });
      const report = await importServices(ctx, shibuya, { records: parseRecordsFile(file.body), dryRun: true });
      assert.deepEqual([report.created, report.updated, report.rejected], [0, 0, []], format);
    }
    const json = JSON.parse((await exportServices(ctx, shibuya, { format: 'json' })).body) as { systemsData: Array<Record<string, string>> };
    const record = json.systemsData.find((r) => r['サービスID'] === imported.external_id)!;
    assert.match(record['タグ（テーマ）']!, /ひとり親/);
  });

  test('a changed record updates only the layout fields and keeps what staff added; the version says imported', async () => {
    const records = (await civichat('shibuya-parenting-systems.json')) as Array<Record<string, unknown>>;
    const first = records[0]!;
    const [service] = (await listServicesOfOwner(ctx.db.kysely, { kind: 'municipality', municipalityCode: '131130' })).filter((s) => s.external_id === first['サービスID']);
    const staffEdit = await updateService(ctx, shibuya, {
      id: service!.id,
      input: { title: service!.title, summary: service!.summary, support: service!.support ?? '', eligibility: service!.eligibility, howToApply: service!.how_to_apply, detailUrl: service!.detail_url, contact: service!.contact, department: service!.department, categories: service!.categories as never, tags: service!.tags, applyMethods: ['counter'], thingsToBring: ['印鑑'] },
      openData: service!.open_data as Record<string, unknown>,
    });
    const report = await importServices(ctx, shibuya, { records: [{ ...first, 概要: '内容を改めました。' }] });
    assert.equal(report.updated, 1);
    const history = await selectServiceVersions(ctx.db.kysely, service!.id);
    assert.equal(history[0]!.change, 'imported');
    const after = (await listServicesOfOwner(ctx.db.kysely, { kind: 'municipality', municipalityCode: '131130' })).find((s) => s.id === service!.id)!;
    assert.deepEqual([after.summary, after.apply_methods, after.things_to_bring, after.version], ['内容を改めました。', ['counter'], ['印鑑'], staffEdit.version + 1]);
  });

  test('JSON as a bare array and a repeated サービスID in one file', async () => {
    const records = parseRecordsFile(JSON.stringify([{ サービスID: 'dup', 'タイトル（制度名）': 'A' }, { サービスID: 'dup', 'タイトル（制度名）': 'B' }]));
    const report = await importServices(ctx, yokohama, { records, dryRun: true });
    assert.deepEqual([report.created, report.rejected.map((r) => r.row)], [1, [2]]);
    assert.throws(() => parseRecordsFile('{"nope": 1}'), { code: 'catalogue.bad_import_file' });
    assert.throws(() => parseRecordsFile('a,b\n"unterminated', 'csv'), { code: 'catalogue.bad_import_file' });
  });
});
