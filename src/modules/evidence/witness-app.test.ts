// The witness against the platform itself, over its public evidence API (issue #12 §5): a fact
// changed behind the platform's back by the database owner with triggers off is caught by the full
// look, raises the gauge and the admin page, and no proof touching that fact verifies any more. A
// rewritten checkpoint (fork), a log that shrank, a checkpoint by a key the witness does not trust
// and a consistency proof from doctored stored hashes are alarms too.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Transaction } from 'kysely';
import type { Database, Db } from '../../platform/db/index.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { signedInStaff } from '../identity/testing.ts';
import { assembleBundle } from './assemble-bundle.ts';
import { checkpointOnce } from './checkpoint-once.ts';
import { formatCheckpoint } from './checkpoint-format.ts';
import { leafHash } from './hashes.ts';
import { parseSignerKey, signNote, type NoteSigner } from './note.ts';
import { latestCheckpoint, type StoredCheckpoint } from './repository/checkpoints.ts';
import { inclusionProof } from './proofs.ts';
import { appendTestArrivals, TEST_SIGNING_KEY, TEST_SIGNING_KEY_2, TEST_VERIFIER_KEY } from './testing.ts';
import { verifyBundle, verifyInclusion } from './verify.ts';
import { witnessOnce } from './witness.ts';

const VERIFIER_SCRIPT = fileURLToPath(new URL('../../../tools/verify-evidence.mjs', import.meta.url));
const KEY_1 = parseSignerKey(TEST_SIGNING_KEY);
const KEY_2 = parseSignerKey(TEST_SIGNING_KEY_2);

/** A fetch that answers from the app in process, whatever the host: no socket, no port. */
function fetchFrom(t: TestApp): typeof globalThis.fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const res = await t.app.inject({ method: 'GET', url: url.pathname + url.search, headers: (init?.headers ?? {}) as Record<string, string> });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
    return new Response(res.statusCode === 204 ? null : res.rawPayload, { status: res.statusCode, headers });
  };
}

/** What an operator with the database owner's password can do: switch the append-only triggers off. */
async function behindThePlatformsBack(db: Db, change: (trx: Transaction<Database>) => Promise<void>): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await change(trx);
  });
}

/**
 * Checkpoints until one covers `size` facts. On PostgreSQL the sequencer waits for every older
 * transaction of the cluster (other test databases included) to end, so one round may not do.
 */
async function checkpointCovering(db: Db, keys: NoteSigner[], origin: string, size: number): Promise<StoredCheckpoint> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    await checkpointOnce(db, keys, origin);
    const latest = await latestCheckpoint(db.kysely);
    if (latest && latest.size >= size) return latest;
    if (Date.now() > deadline) throw new Error(`no checkpoint of ${size} facts within 30 s (latest: ${latest?.size ?? 'none'})`);
    await sleep(100);
  }
}

function runVerifier(bundlePath: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER_SCRIPT, bundlePath, '--key', TEST_VERIFIER_KEY], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

describeOnDatabases('the witness catches a fact changed behind the platform', (ctx) => {
  let t: TestApp;
  let dir: string;
  const log = 'http://onestop.test';
  before(async () => {
    t = await buildTestApp(ctx.db);
    dir = await mkdtemp(join(tmpdir(), 'witness-'));
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });
  const look = (full = false) => witnessOnce(ctx.db, { url: log, verifierKey: TEST_VERIFIER_KEY, fetch: fetchFrom(t), full });

  test('witness ok; fact changed with triggers off; the full look alarms, the gauge and the page say so, and its proofs fail', async () => {
    const subjects = await appendTestArrivals(ctx.db, 40, '131016');
    const first40 = await checkpointCovering(ctx.db, [KEY_1], t.app.deps.evidenceKeys.origin, 40);
    assert.equal(first40.size, 40);
    const first = await look();
    assert.equal(first.status, 'ok', first.reason ?? '');
    assert.equal(first.fullCheck, true);
    assert.equal(first.size, 40);

    const victim = subjects[7]!;
    const before = (await assembleBundle(ctx.db, 'application.arrived', victim, TEST_VERIFIER_KEY))!;
    assert.deepEqual(verifyBundle(before, [TEST_VERIFIER_KEY]).ok, true);

    // With the triggers on, even the owner cannot change a fact.
    await assert.rejects(ctx.db.executeSql(`update evidence_facts set body = body where subject_id = '${victim}'`), /append-only/);
    // The owner switches them off and rewrites the fact: another reference, and the leaf hash to
    // match, so that the row looks consistent on its own.
    await behindThePlatformsBack(ctx.db, async (trx) => {
      await sql`
        UPDATE evidence_facts
           SET body = convert_to(replace(convert_from(body, 'UTF8'), 'TEST-0007', 'TEST-9999'), 'UTF8'),
               leaf_hash = sha256('\\x00'::bytea || convert_to(replace(convert_from(body, 'UTF8'), 'TEST-0007', 'TEST-9999'), 'UTF8'))
         WHERE subject_id = ${victim}`.execute(trx);
    });
    await appendTestArrivals(ctx.db, 5, '131016');
    const later = await checkpointCovering(ctx.db, [KEY_1], t.app.deps.evidenceKeys.origin, 45);
    assert.equal(later.size, 45);

    const full = await look(true);
    assert.equal(full.status, 'alarm');
    assert.equal(full.size, 45);
    assert.match(full.reason!, /^history: facts \[0, 40\) no longer hash to the root .* this witness verified on .*: a fact was changed$/);
    // The alarm holds: the next look is full by itself and fails again.
    const next = await look();
    assert.equal(next.status, 'alarm');
    assert.equal(next.fullCheck, true);

    const metrics = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    assert.match(metrics.body, /^onestop_evidence_witness_alarm\{log="http:\/\/onestop\.test"\} 1$/m);

    const national = await signedInStaff(ctx.db, { roles: ['national_admin'] });
    const page = await t.app.inject({ url: '/admin/evidence', cookies: national.cookies, headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /role="alert"[\s\S]*警報：1件のログで不整合が見つかりました[\s\S]*onestop\.test[\s\S]*検証済みの事実が書き換えられています/);
    assert.match(page.body, /記録された事実の数<\/dt>\s*<dd>45<\/dd>/);

    // Every proof touching the changed fact now fails: the bundle, with the platform's verifier and
    // the standalone script, and a bare inclusion proof from the API.
    const after = (await assembleBundle(ctx.db, 'application.arrived', victim, TEST_VERIFIER_KEY))!;
    assert.match(after.fact, /TEST-9999/);
    const verdict = verifyBundle(after, [TEST_VERIFIER_KEY]);
    assert.equal(verdict.ok, false);
    const path = join(dir, 'tampered.json');
    await writeFile(path, JSON.stringify(after));
    const script = await runVerifier(path);
    assert.equal(script.code, 1, script.out);
    const leafIndex = after.leafIndex;
    const api = await t.app.inject({ url: `/api/v1/evidence/proofs/inclusion?leaf=${leafIndex}&size=45` });
    assert.equal(api.statusCode, 200);
    const proof = (api.json().proof as string[]).map((h) => Buffer.from(h, 'base64'));
    assert.equal(verifyInclusion(leafHash(Buffer.from(after.fact, 'utf8')), leafIndex, 45, proof, later.root), false);
    // The same proof machinery still proves the untouched neighbours, so the failure is the fact's.
    const neighbour = (await assembleBundle(ctx.db, 'application.arrived', subjects[30]!, TEST_VERIFIER_KEY))!;
    assert.equal(verifyBundle(neighbour, [TEST_VERIFIER_KEY]).ok, true);
    // Against the checkpoint the witness verified before the change, too.
    const proofAt40 = await inclusionProof(ctx.db.kysely, leafIndex, 40);
    assert.equal(verifyInclusion(leafHash(Buffer.from(after.fact, 'utf8')), leafIndex, 40, proofAt40, first40.root), false);
  });
});

describeOnDatabases('the witness alarms on forks, shrinking, unknown keys and bad consistency proofs', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
  });
  after(() => t.close());
  // Four witnesses of the one log, each under its own address, so each keeps its own verified state.
  const logs = ['http://w1.onestop.test', 'http://w2.onestop.test', 'http://w3.onestop.test', 'http://w4.onestop.test'] as const;
  const look = (url: string) => witnessOnce(ctx.db, { url, verifierKey: TEST_VERIFIER_KEY, fetch: fetchFrom(t) });
  const checkpoint = (size: number, keys = [KEY_1]) => checkpointCovering(ctx.db, keys, t.app.deps.evidenceKeys.origin, size);

  test('each misbehaviour of the log is an alarm with its reason, seen over the public API only', async () => {
    await appendTestArrivals(ctx.db, 20, '131016');
    const signed = await checkpoint(20);
    for (const url of logs) assert.equal((await look(url)).status, 'ok');

    // A fork: the operator replaces the checkpoint of size 20 by one of another tree, signed by
    // the right key.
    const forged = signNote(formatCheckpoint({ origin: t.app.deps.evidenceKeys.origin, size: 20, root: Buffer.alloc(32, 5), time: signed.time }), [KEY_1]);
    await behindThePlatformsBack(ctx.db, async (trx) => {
      await sql`DELETE FROM evidence_checkpoints WHERE size = 20`.execute(trx);
      await sql`INSERT INTO evidence_checkpoints (size, root, time, note) VALUES (20, ${Buffer.alloc(32, 5)}, ${signed.time}, ${forged})`.execute(trx);
    });
    const fork = await look(logs[0]);
    assert.equal(fork.status, 'alarm');
    assert.match(fork.reason!, /^fork: a signed checkpoint of size 20 with root BQUF/);
    assert.equal(fork.note, forged);
    await behindThePlatformsBack(ctx.db, async (trx) => {
      await sql`DELETE FROM evidence_checkpoints WHERE size = 20`.execute(trx);
      await sql`INSERT INTO evidence_checkpoints (size, root, time, note) VALUES (20, ${signed.root}, ${signed.time}, ${signed.note})`.execute(trx);
    });

    // A shrunk log: the latest checkpoint, once seen, is taken back.
    await appendTestArrivals(ctx.db, 2, '131016');
    assert.equal((await checkpoint(22)).size, 22);
    assert.equal((await look(logs[1])).size, 22);
    await behindThePlatformsBack(ctx.db, async (trx) => {
      await sql`DELETE FROM evidence_checkpoints WHERE size = 22`.execute(trx);
    });
    const shrunk = await look(logs[1]);
    assert.equal(shrunk.status, 'alarm');
    assert.match(shrunk.reason!, /^shrunk: a signed checkpoint of size 20, after one of size 22/);

    // A checkpoint signed only by a key the witness was not given.
    await appendTestArrivals(ctx.db, 1, '131016');
    assert.equal((await checkpoint(23, [KEY_2])).size, 23);
    const unknown = await look(logs[2]);
    assert.equal(unknown.status, 'alarm');
    assert.match(unknown.reason!, /^signature: the note is not signed by a trusted key \(signed by: onestop\.test\/evidence\+210eba91\)/);

    // A consistency proof built from a doctored stored subtree (leaves 0–15): the signed head is
    // still the honest one, so the proof cannot join the two.
    await appendTestArrivals(ctx.db, 1, '131016');
    assert.equal((await checkpoint(24)).size, 24);
    await behindThePlatformsBack(ctx.db, async (trx) => {
      await sql`UPDATE evidence_nodes SET hash = ${Buffer.alloc(32, 6)} WHERE level = 4 AND idx = 0`.execute(trx);
    });
    const inconsistent = await look(logs[3]);
    assert.equal(inconsistent.status, 'alarm');
    assert.match(inconsistent.reason!, /^consistency: the log's proof does not show size 24 extending size 20/);

    const metrics = (await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).body;
    for (const url of logs) assert.match(metrics, new RegExp(`^onestop_evidence_witness_alarm\\{log="${url.replace(/\./g, '\\.')}"\\} 1$`, 'm'));
  });
});
