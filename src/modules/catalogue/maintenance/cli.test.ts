import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { runCli } from '../../../platform/cli/run.ts';
import { encodeCp932 } from '../../../platform/testing/cp932.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import { ensureMunicipalityMaster } from '../../municipalities/index.ts';
import { ensureNationalProcedures } from '../ensure-procedures.ts';
import { createServicesCommands } from './cli.ts';
import { OPEN_DATA_COLUMNS, recordsToCsv } from './open-data-layout.ts';

const CIVICHAT = fileURLToPath(new URL('../../../demo/data/civichat/', import.meta.url));

describeOnDatabases('onestop services import and export', (ctx) => {
  const commands = createServicesCommands({ openDb: async () => ({ ...ctx.db, close: async () => {} }) });

  async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    const out = new PassThrough();
    const err = new PassThrough();
    const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
    out.on('data', (c: Buffer) => chunks.out.push(c));
    err.on('data', (c: Buffer) => chunks.err.push(c));
    const code = await runCli(commands, argv, { out, err });
    return { code, out: Buffer.concat(chunks.out).toString('utf8'), err: Buffer.concat(chunks.err).toString('utf8') };
  }

  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
  });

  test('bad usage exits 2 with a message', async () => {
    const file = join(CIVICHAT, 'japan-systems.json');
    assert.equal((await run('services', 'import', file)).code, 2);
    assert.equal((await run('services', 'import', file, '--national', '--municipality', '131130')).code, 2);
    const noSuch = await run('services', 'import', file, '--municipality', '131131');
    assert.equal(noSuch.code, 2);
    assert.match(noSuch.err, /no such municipality/);
    assert.equal((await run('services', 'import', '--national')).code, 2);
    assert.equal((await run('services', 'export', '--national', '--format', 'xml')).code, 2);
  });

  test('a dry run of the national file reports 90 to create and writes nothing; the import creates them; again, all unchanged', async () => {
    const file = join(CIVICHAT, 'japan-systems.json');
    const dry = await run('services', 'import', file, '--national', '--dry-run');
    assert.equal(dry.code, 0, dry.err);
    assert.match(dry.out, /^dry run: 90 records: would create 90, would update 0, unchanged 0, rejected 0$/m);
    const count = async () => Number((await ctx.db.kysely.selectFrom('services').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(await count(), 0);
    const real = await run('services', 'import', file, '--national', '--publish');
    assert.match(real.out, /^90 records: created 90, updated 0, unchanged 0, rejected 0$/m);
    assert.equal(await count(), 90);
    const again = await run('services', 'import', file, '--national');
    assert.match(again.out, /unchanged 90, rejected 0/);
  });

  test('a progress line every 100 records on stderr; a rejected row exits 1 with its reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onestop-services-'));
    const records = Array.from({ length: 250 }, (_, i) => ({ サービスID: `bulk-${i}`, 'タイトル（制度名）': `制度 ${i}`, 受付開始日: i === 7 ? '2024/2/30' : '2024/4/1' }));
    const file = join(dir, 'bulk.json');
    await writeFile(file, JSON.stringify(records));
    const result = await run('services', 'import', file, '--municipality', '141003');
    assert.equal(result.code, 1);
    assert.match(result.err, /100\/250 records/);
    assert.match(result.err, /200\/250 records/);
    assert.match(result.out, /created 249, updated 0, unchanged 0, rejected 1/);
    assert.match(result.out, /row 8 \(bulk-7\): 受付開始日 "2024\/2\/30" is not a date/);
  });

  test('export to a file, import it back: unchanged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onestop-services-'));
    const file = join(dir, 'yokohama.csv');
    const exported = await run('services', 'export', '--municipality', '141003', '--format', 'csv', '--out', file);
    assert.equal(exported.code, 0);
    assert.match(exported.err, /249 services/);
    assert.ok((await readFile(file, 'utf8')).startsWith('\uFEFFサービスID,'));
    const back = await run('services', 'import', file, '--municipality', '141003');
    assert.equal(back.code, 0, back.out);
    assert.match(back.out, /unchanged 249, rejected 0/);
  });

  // Issue #11 point 4: five records as a municipality's spreadsheet would hold them.
  const FIVE = Array.from({ length: 5 }, (_, i) => ({
    サービスID: `sjis-${i + 1}`,
    'タイトル（制度名）': `一時保育 ${i + 1}`,
    概要: `保護者の就労や通院のとき、お子さんを一時的にお預かりします（①～⑤）。`,
    お問い合わせ先: `-${i} 子育て支援課 045-000-1501`,
    受付開始日: '2024/4/1',
  }));

  function csvText(records: Array<Record<string, string>>): string {
    return recordsToCsv(records.map((r) => Object.fromEntries(OPEN_DATA_COLUMNS.map((c) => [c, r[c] ?? null])))).replace(/^\uFEFF/, '');
  }

  async function serviceRows(code: string) {
    return ctx.db.kysely.selectFrom('services').select(['external_id', 'title', 'summary', 'contact', 'acceptance_start', 'version']).where('municipality_code', '=', code).orderBy('external_id').execute();
  }

  test('a Shift_JIS (CP932) file imports the same as its UTF-8 twin', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onestop-services-'));
    // CP932 has no • (U+2022): a spreadsheet saved that way spells the column 利用・申請方法, an alias.
    const text = csvText(FIVE).replace('利用•申請方法', '利用・申請方法');
    await writeFile(join(dir, 'utf8.csv'), text, 'utf8');
    await writeFile(join(dir, 'sjis.csv'), encodeCp932(text));
    const sjis = await run('services', 'import', join(dir, 'sjis.csv'), '--municipality', '131121');
    assert.equal(sjis.code, 0, sjis.out + sjis.err);
    assert.match(sjis.out, /^5 records: created 5, updated 0, unchanged 0, rejected 0$/m);
    const stored = await serviceRows('131121');
    assert.deepEqual(
      stored.map((s) => [s.external_id, s.title, s.summary, s.contact]),
      FIVE.map((r) => [r.サービスID, r['タイトル（制度名）'], r.概要, r.お問い合わせ先]),
    );
    const twin = await run('services', 'import', join(dir, 'utf8.csv'), '--municipality', '131121');
    assert.match(twin.out, /^5 records: created 0, updated 0, unchanged 5, rejected 0$/m);
  });

  test('a NUL byte in row 3 of 5 rejects row 3 naming the column, and imports the other four', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onestop-services-'));
    const records = FIVE.map((r, i) => ({ ...r, サービスID: `nul-${i + 1}`, ...(i === 2 ? { 概要: 'ここに\u0000が' } : {}) }));
    const file = join(dir, 'nul.csv');
    await writeFile(file, csvText(records));
    const dry = await run('services', 'import', file, '--municipality', '141003', '--dry-run');
    assert.match(dry.out, /would create 4, would update 0, unchanged 0, rejected 1/);
    const result = await run('services', 'import', file, '--municipality', '141003');
    assert.equal(result.code, 1, result.err);
    assert.match(result.out, /^5 records: created 4, updated 0, unchanged 0, rejected 1$/m);
    assert.match(result.out, /^ {2}row 3 \(nul-3\): 概要 holds a character that cannot be stored \(NUL or a lone surrogate\)$/m);
    const stored = (await serviceRows('141003')).filter((s) => s.external_id?.startsWith('nul-'));
    assert.deepEqual(stored.map((s) => s.external_id), ['nul-1', 'nul-2', 'nul-4', 'nul-5']);
  });

  test('a file in another encoding, or binary, is refused as a whole with the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'onestop-services-'));
    const text = csvText(FIVE);
    const utf16 = join(dir, 'utf16.csv');
    await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const binary = join(dir, 'photo.csv');
    await writeFile(binary, Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 0xff)]));
    for (const file of [utf16, binary]) {
      const result = await run('services', 'import', file, '--municipality', '131130', '--dry-run');
      assert.equal(result.code, 1);
      assert.match(result.err, /the file is not UTF-8 or Shift_JIS \(CP932\) text/i);
      assert.doesNotMatch(result.out + result.err, /サービスID is missing/);
    }
  });
});
