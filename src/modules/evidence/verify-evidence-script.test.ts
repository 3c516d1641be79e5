// End to end, issue #12 point 4: real arrivals through the app, a checkpoint, a bundle assembled by
// the platform, and the standalone verifier (tools/verify-evidence.mjs, no code of the platform's)
// run on it as a child process: exit 0 for the bundle as made, exit 1 for each tampered copy.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { signedInResident } from '../identity/testing.ts';
import { publishedServiceWithForm, VALID_DATA } from '../applications/testing.ts';
import { assembleBundle } from './assemble-bundle.ts';
import { checkpointEverything, TEST_VERIFIER_KEY, TEST_VERIFIER_KEY_2 } from './testing.ts';

/** The note with one bit of its signature's Ed25519 part changed (the key id before it kept). */
function flipSignature(note: string): string {
  const at = note.lastIndexOf(' ') + 1;
  const raw = Buffer.from(note.slice(at).trim(), 'base64');
  raw[20] = raw[20]! ^ 0x01;
  return `${note.slice(0, at)}${raw.toString('base64')}\n`;
}

const SCRIPT = fileURLToPath(new URL('../../../tools/verify-evidence.mjs', import.meta.url));
const HOME = '131130';

describeOnDatabases('the standalone verifier on the platform’s own bundles', (ctx) => {
  let t: TestApp;
  let dir: string;
  before(async () => {
    t = await buildTestApp(ctx.db);
    dir = await mkdtemp(join(tmpdir(), 'onestop-bundle-'));
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function arrive(): Promise<string> {
    const resident = await signedInResident(ctx.db, { homeMunicipalityCode: HOME });
    const { serviceId } = await publishedServiceWithForm(ctx.db, { municipalityCode: HOME, applyMethods: ['simple_online'] });
    const call = (method: 'POST', url: string, payload: unknown) => t.app.inject({ method, url, payload: payload as object, cookies: resident.cookies, headers: resident.headers });
    const draft = await call('POST', '/api/v1/applications/drafts', { serviceId, data: VALID_DATA });
    assert.equal(draft.statusCode, 201, draft.body);
    const submitted = await call('POST', `/api/v1/applications/drafts/${draft.json().id}/submit`, { method: 'simple' });
    assert.equal(submitted.statusCode, 201, submitted.body);
    return submitted.json().id as string;
  }

  test('a bundle of a real arrival verifies with the script; every tampered copy fails', async () => {
    const ids = [await arrive(), await arrive(), await arrive()];
    // Not covered before a checkpoint: no bundle, rather than a bundle that cannot verify.
    assert.equal(await assembleBundle(ctx.db, 'application.arrived', ids[0]!, TEST_VERIFIER_KEY), null);
    const checkpoint = await checkpointEverything(ctx.db);
    const bundle = await assembleBundle(ctx.db, 'application.arrived', ids[1]!, TEST_VERIFIER_KEY);
    assert.ok(bundle);
    const fact = JSON.parse(bundle.fact) as { kind: string; ids: { application: string } };
    assert.equal(fact.kind, 'application.arrived');
    assert.equal(fact.ids.application, ids[1]);
    assert.equal(bundle.treeSize, checkpoint.size);
    assert.equal(bundle.checkpoint, checkpoint.note);

    const run = async (content: unknown, ...args: string[]) => {
      const file = join(dir, `bundle-${Math.random().toString(36).slice(2)}.json`);
      await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
      const result = spawnSync(process.execPath, [SCRIPT, file, ...args], { encoding: 'utf8', timeout: 30_000 });
      return { status: result.status, out: `${result.stdout}${result.stderr}` };
    };

    const good = await run(bundle);
    assert.equal(good.status, 0, good.out);
    assert.match(good.out, new RegExp(`leaf: ${bundle.leafIndex}\n`));
    assert.match(good.out, /検証に成功しました/);
    assert.equal((await run(bundle, '--key', TEST_VERIFIER_KEY)).status, 0);

    const tampered: Array<[string, unknown]> = [
      ['the fact’s time', { ...bundle, fact: bundle.fact.replace(/"time":"(\d{4})/, (_m, y: string) => `"time":"${Number(y) - 1}`) }],
      ['the fact’s application id', { ...bundle, fact: bundle.fact.replace(ids[1]!, ids[2]!) }],
      ['the leaf index', { ...bundle, leafIndex: (bundle.leafIndex + 1) % bundle.treeSize }],
      ['a proof hash', { ...bundle, inclusionProof: bundle.inclusionProof.map((h, i) => (i === 0 ? Buffer.alloc(32, 7).toString('base64') : h)) }],
      ['the checkpoint’s size', { ...bundle, checkpoint: bundle.checkpoint.replace(`\n${bundle.treeSize}\n`, `\n${bundle.treeSize + 1}\n`), treeSize: bundle.treeSize + 1 }],
      ['the signature', { ...bundle, checkpoint: flipSignature(bundle.checkpoint) }],
      ['the key (another key of the same name)', { ...bundle, verifierKey: TEST_VERIFIER_KEY_2 }],
    ];
    for (const [what, copy] of tampered) {
      const result = await run(copy);
      assert.equal(result.status, 1, `${what}: ${result.out}`);
    }
    // A key the bundle does not carry, trusted explicitly, refuses the bundle's own.
    assert.equal((await run(bundle, '--key', TEST_VERIFIER_KEY_2)).status, 1);
    assert.equal((await run('{ not json')).status, 1);
  });
});
