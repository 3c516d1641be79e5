import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { before, test } from 'node:test';
import { runCli } from '../../../platform/cli/run.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import { ensureMunicipalityMaster } from '../../municipalities/index.ts';
import { ensureNationalProcedures } from '../ensure-procedures.ts';
import { createServicesCommands } from './cli.ts';

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
});
