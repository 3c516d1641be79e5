// `onestop evidence witness` as a municipality would run it: its own embedded database, the
// platform's address over real HTTP and the log's published verifier key; the exit status tells a
// verified look from an alarm.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../../platform/cli/command.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { checkpointOnce } from './checkpoint-once.ts';
import { appendFact } from './facts.ts';
import { parseSignerKey } from './note.ts';
import { latestCheckpoint } from './repository/checkpoints.ts';
import { TEST_SIGNING_KEY, TEST_VERIFIER_KEY, TEST_VERIFIER_KEY_2 } from './testing.ts';
import { witnessCommands } from './witness-cli.ts';

const command = witnessCommands.find((c) => c.name === 'evidence witness')!;

async function run(values: Record<string, string | boolean>): Promise<{ code: number; out: string }> {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const code = await command.run({ values, positionals: [], out, err: new PassThrough() });
  return { code, out: chunks.join('') };
}

describeOnDatabases('onestop evidence witness', (ctx) => {
  let t: TestApp;
  let url: string;
  let dataDir: string;
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: process.env.LOG_LEVEL };
  before(async () => {
    t = await buildTestApp(ctx.db);
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    // The witness keeps its observations in its own embedded database.
    dataDir = await mkdtemp(join(tmpdir(), 'witness-cli-'));
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    process.env.LOG_LEVEL = 'silent';
  });
  after(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const grow = async (count: number) => {
    for (let i = 0; i < count; i++) {
      await appendFact(ctx.db.kysely, { kind: 'consent.given', municipality: '131016', mode: 'test', ids: { consent: `c-${i}` }, digests: {}, details: { actor: 'resident' } });
    }
    const target = ((await latestCheckpoint(ctx.db.kysely))?.size ?? 0) + count;
    // On PostgreSQL the sequencer waits for the cluster's older transactions: round until covered.
    for (let tries = 0; ((await latestCheckpoint(ctx.db.kysely))?.size ?? 0) < target; tries++) {
      assert.ok(tries < 300, 'no checkpoint covers the new facts');
      await checkpointOnce(ctx.db, [parseSignerKey(TEST_SIGNING_KEY)], t.app.deps.evidenceKeys.origin);
      await sleep(50);
    }
  };

  test('a look verifies every fact first, then only the new ones; a key the log does not sign with is an alarm', async () => {
    await grow(12);
    const first = await run({ url, key: TEST_VERIFIER_KEY });
    assert.equal(first.code, 0, first.out);
    assert.match(first.out, /ok: onestop\.test\/evidence size 12 verified \(every fact, /);
    await grow(3);
    const second = await run({ url: `${url}/`, key: TEST_VERIFIER_KEY });
    assert.equal(second.code, 0, second.out);
    assert.match(second.out, /ok: onestop\.test\/evidence size 15 verified \(new facts, /);
    const wrongKey = await run({ url, key: TEST_VERIFIER_KEY_2 });
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.out, /ALARM: signature: the note is not signed by a trusted key/);
    const nobody = await run({ url: 'http://127.0.0.1:9', key: TEST_VERIFIER_KEY });
    assert.equal(nobody.code, 3);
    assert.match(nobody.out, /Z unreachable: GET \/checkpoint/);
  });

  test('the address, the key and the interval are checked before anything runs', async () => {
    await assert.rejects(run({ key: TEST_VERIFIER_KEY }), (e: unknown) => e instanceof UsageError && /--url/.test(e.message));
    await assert.rejects(run({ url: 'ftp://x', key: TEST_VERIFIER_KEY }), UsageError);
    await assert.rejects(run({ url }), (e: unknown) => e instanceof UsageError && /--key/.test(e.message));
    await assert.rejects(run({ url, key: TEST_VERIFIER_KEY, every: '0' }), (e: unknown) => e instanceof UsageError && /--every/.test(e.message));
  });
});
