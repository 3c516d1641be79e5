// The evidence log's public API over HTTP, on both databases: the checkpoint as signed text, the
// history, proofs that verify against a checkpoint's root with verify.ts, facts, keys; and every bad
// parameter is a 400 problem naming its field, never a 5xx.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { parseCheckpoint } from './checkpoint-format.ts';
import { leafHash } from './hashes.ts';
import { openNote } from './note.ts';
import { appendTestArrivals, checkpointEverything, TEST_ORIGIN, TEST_VERIFIER_KEY, TEST_VERIFIER_KEY_2 } from './testing.ts';
import { verifyConsistency, verifyInclusion } from './verify.ts';

const fromBase64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

describeOnDatabases('the evidence API', (ctx) => {
  let t: TestApp;
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  before(async () => {
    t = await buildTestApp(ctx.db, { EVIDENCE_PUBLISHED_KEYS: TEST_VERIFIER_KEY_2 });
  });
  after(() => t.close());

  test('keys: the log’s name, its current key and the retired one', async () => {
    const res = await get('/api/v1/evidence/keys');
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      origin: TEST_ORIGIN,
      keys: [
        { verifierKey: TEST_VERIFIER_KEY, current: true },
        { verifierKey: TEST_VERIFIER_KEY_2, current: false },
      ],
    });
  });

  test('before the first checkpoint: 404 evidence.no_checkpoint, and an empty history', async () => {
    const res = await get('/api/v1/evidence/checkpoint');
    assert.equal(res.statusCode, 404);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(res.json().code, 'evidence.no_checkpoint');
    assert.deepEqual((await get('/api/v1/evidence/checkpoints')).json(), { items: [] });
  });

  test('the checkpoint is the signed note as text; proofs from the API verify against checkpoints’ roots', async () => {
    await appendTestArrivals(ctx.db, 5);
    const first = await checkpointEverything(ctx.db);
    await appendTestArrivals(ctx.db, 6);
    const second = await checkpointEverything(ctx.db);
    assert.deepEqual([first.size, second.size], [5, 11]);

    const res = await get('/api/v1/evidence/checkpoint');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    assert.equal(res.body, second.note);
    const checkpoint = parseCheckpoint(openNote(res.body, [TEST_VERIFIER_KEY]).text);
    assert.equal(checkpoint.size, second.size);

    const history = (await get('/api/v1/evidence/checkpoints?from=0')).json().items as Array<{ size: number; root: string; time: string; note: string }>;
    // Facts may reach their leaves in more than one round (a round takes what no open transaction
    // can still precede), so there may be checkpoints between these two: ascending, first to last.
    const sizes = history.map((c) => c.size);
    assert.deepEqual([sizes[0], sizes.at(-1)], [first.size, second.size]);
    assert.deepEqual(sizes, [...sizes].sort((a, b) => a - b));
    const last = history.at(-1)!;
    assert.equal(last.note, second.note);
    assert.equal(last.root, Buffer.from(second.root).toString('base64'));
    assert.match(last.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual((await get(`/api/v1/evidence/checkpoints?from=${first.size + 1}`)).json().items.map((c: { size: number }) => c.size), sizes.slice(1));
    assert.equal((await get('/api/v1/evidence/checkpoints?limit=1')).json().items.length, 1);

    const facts = await get(`/api/v1/evidence/facts?start=0&end=${second.size}`);
    assert.equal(facts.statusCode, 200);
    const items = facts.json().items as Array<{ leafIndex: number; fact: string }>;
    assert.deepEqual(items.map((f) => f.leafIndex), [...Array(second.size).keys()]);
    // As lines: the same texts, in the same order, each ended by a newline.
    const lines = await t.app.inject({ method: 'GET', url: `/api/v1/evidence/facts?start=1&end=${second.size}`, headers: { accept: 'application/x-ndjson' } });
    assert.equal(lines.statusCode, 200);
    assert.match(String(lines.headers['content-type']), /^application\/x-ndjson/);
    assert.equal(lines.body, items.slice(1).map((f) => `${f.fact}\n`).join(''));
    for (const { leafIndex, fact } of items) {
      const proof = await get(`/api/v1/evidence/proofs/inclusion?leaf=${leafIndex}&size=${second.size}`);
      assert.equal(proof.statusCode, 200, proof.body);
      const body = proof.json() as { leafIndex: number; treeSize: number; proof: string[] };
      assert.equal(body.leafIndex, leafIndex);
      assert.equal(body.treeSize, second.size);
      assert.ok(verifyInclusion(leafHash(Buffer.from(fact, 'utf8')), leafIndex, second.size, body.proof.map(fromBase64), second.root), `leaf ${leafIndex}`);
      // The same proof does not pass for another fact.
      const other = items[(leafIndex + 1) % items.length]!.fact;
      assert.equal(verifyInclusion(leafHash(Buffer.from(other, 'utf8')), leafIndex, second.size, body.proof.map(fromBase64), second.root), false);
    }

    const consistency = await get(`/api/v1/evidence/proofs/consistency?from=${first.size}&to=${second.size}`);
    assert.equal(consistency.statusCode, 200, consistency.body);
    const proof = (consistency.json() as { from: number; to: number; proof: string[] }).proof.map(fromBase64);
    assert.ok(verifyConsistency(first.size, second.size, proof, first.root, second.root));
    assert.equal(verifyConsistency(first.size, second.size, proof, second.root, first.root), false);
  });

  test('bad parameters are 400 problems naming the field; none is a 5xx', async () => {
    const head = (await get('/api/v1/evidence/checkpoint')).body;
    const size = parseCheckpoint(openNote(head, [TEST_VERIFIER_KEY]).text).size;
    const cases: Array<[string, string, string]> = [
      // [url, code, field]
      [`/api/v1/evidence/proofs/inclusion?leaf=0&size=${size + 1}`, 'evidence.bad_range', 'querystring/size'],
      [`/api/v1/evidence/proofs/inclusion?leaf=${size}&size=${size}`, 'evidence.bad_range', 'querystring/leaf'],
      ['/api/v1/evidence/proofs/inclusion?leaf=0&size=0', 'evidence.bad_range', 'querystring/leaf'],
      ['/api/v1/evidence/proofs/inclusion?leaf=-1&size=1', 'request.invalid', 'querystring/leaf'],
      ['/api/v1/evidence/proofs/inclusion?leaf=0&size=18446744073709551616', 'request.invalid', 'querystring/size'],
      ['/api/v1/evidence/proofs/inclusion?leaf=0&size=1e20', 'request.invalid', 'querystring/size'],
      ['/api/v1/evidence/proofs/inclusion?leaf=0.5&size=1', 'request.invalid', 'querystring/leaf'],
      ['/api/v1/evidence/proofs/inclusion?leaf=Infinity&size=1', 'request.invalid', 'querystring/leaf'],
      ['/api/v1/evidence/proofs/inclusion?size=1', 'request.invalid', 'querystring/leaf'],
      [`/api/v1/evidence/proofs/consistency?from=2&to=${size + 1}`, 'evidence.bad_range', 'querystring/to'],
      ['/api/v1/evidence/proofs/consistency?from=3&to=2', 'evidence.bad_range', 'querystring/from'],
      ['/api/v1/evidence/proofs/consistency?from=0&to=2', 'request.invalid', 'querystring/from'],
      ['/api/v1/evidence/proofs/consistency?from=-5&to=2', 'request.invalid', 'querystring/from'],
      ['/api/v1/evidence/proofs/consistency?from=1&to=9007199254740993', 'request.invalid', 'querystring/to'],
      [`/api/v1/evidence/facts?start=0&end=${size + 1}`, 'evidence.bad_range', 'querystring/end'],
      ['/api/v1/evidence/facts?start=3&end=2', 'evidence.bad_range', 'querystring/start'],
      ['/api/v1/evidence/facts?start=-1&end=2', 'request.invalid', 'querystring/start'],
      ['/api/v1/evidence/facts?start=0&end=1e400', 'request.invalid', 'querystring/end'],
      ['/api/v1/evidence/checkpoints?limit=0', 'request.invalid', 'querystring/limit'],
      ['/api/v1/evidence/checkpoints?limit=1001', 'request.invalid', 'querystring/limit'],
      ['/api/v1/evidence/checkpoints?from=-1', 'request.invalid', 'querystring/from'],
      ['/api/v1/evidence/checkpoints?from=18446744073709551616', 'request.invalid', 'querystring/from'],
    ];
    for (const [url, code, field] of cases) {
      const res = await get(url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, url);
      const problem = res.json() as { code: string; detailJa: string; errors?: Array<{ field: string }> };
      assert.equal(problem.code, code, url);
      assert.ok(problem.errors?.some((e) => e.field === field), `${url}: ${res.body}`);
      assert.ok(problem.detailJa, url);
    }
  });

  test('more than 10,000 facts at a time are refused, naming end', async () => {
    const res = await get('/api/v1/evidence/facts?start=5&end=10006');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().code, 'evidence.bad_range');
    assert.match(res.json().detail, /At most 10000 facts/);
    assert.deepEqual(res.json().errors.map((e: { field: string }) => e.field), ['querystring/end']);
  });

  test('/metrics tells the log’s size and the age of its latest checkpoint', async () => {
    const latest = parseCheckpoint(openNote((await get('/api/v1/evidence/checkpoint')).body, [TEST_VERIFIER_KEY]).text);
    const metrics = await get('/metrics');
    assert.equal(metrics.statusCode, 200);
    assert.match(metrics.body, new RegExp(`^onestop_evidence_log_size ${latest.size}$`, 'm'));
    const age = Number(/^onestop_evidence_checkpoint_age_seconds (\S+)$/m.exec(metrics.body)?.[1]);
    assert.ok(age >= 0 && age < 120, String(age));
  });

  test('the API is described in OpenAPI under the evidence tag', async () => {
    const doc = (await get('/api/docs/json')).json() as { paths: Record<string, { get?: { tags?: string[]; summary?: string } }> };
    for (const path of ['checkpoint', 'checkpoints', 'proofs/inclusion', 'proofs/consistency', 'facts', 'keys']) {
      const op = doc.paths[`/api/v1/evidence/${path}`]?.get;
      assert.ok(op, path);
      assert.deepEqual(op.tags, ['evidence']);
      assert.ok(op.summary);
    }
  });
});
