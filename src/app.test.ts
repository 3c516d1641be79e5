import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from './testing/app.ts';
import { describeOnDatabases } from './platform/testing/database.ts';

describeOnDatabases('the HTTP platform', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
  });
  after(() => t.close());

  test('/healthz answers without touching the database; /readyz checks it', async () => {
    assert.deepEqual((await t.app.inject('/healthz')).json(), { status: 'ok' });
    const ready = await t.app.inject('/readyz');
    assert.equal(ready.statusCode, 200);
    assert.deepEqual(ready.json(), { status: 'ready', database: ctx.kind });
  });

  test('/metrics exposes request durations by route pattern in Prometheus format', async () => {
    await t.app.inject('/api/v1/municipalities/131130');
    // From this machine, which the default METRICS_ALLOW lets in (src/platform/http/metrics.test.ts).
    const res = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    assert.match(res.headers['content-type'] as string, /^text\/plain/);
    assert.match(res.body, /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/municipalities\/:code",status="200"\} \d+/);
    assert.match(res.body, /jobs_queued\{queue="municipalities.refresh-master",state="queued"\} 0/);
  });

  test('pages carry security headers and a CSP that allows no inline script', async () => {
    const res = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    const csp = res.headers['content-security-policy'] as string;
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['referrer-policy'], 'no-referrer');
  });

  test('every response carries a request id, and a well-formed one from the caller is kept', async () => {
    const own = await t.app.inject('/healthz');
    assert.match(own.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
    const given = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'lgwan-7f3a2c91' } });
    assert.equal(given.headers['x-request-id'], 'lgwan-7f3a2c91');
    const junk = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
    assert.notEqual(junk.headers['x-request-id'], '<script>');
  });

  test('an unknown API path is a problem+json 404 with a stable code; a page gets an HTML 404', async () => {
    const api = await t.app.inject('/api/v1/nothing-here');
    assert.equal(api.statusCode, 404);
    assert.match(api.headers['content-type'] as string, /^application\/problem\+json/);
    const problem = api.json();
    assert.equal(problem.code, 'not_found');
    assert.equal(problem.status, 404);
    assert.ok(problem.detailJa.length > 0);
    assert.equal(problem.requestId, api.headers['x-request-id']);
    const page = await t.app.inject({ url: '/nothing-here', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /<html lang="ja">/);
    assert.match(page.body, /ページが見つかりません/);
  });

  test('invalid input is a 400 problem naming each field and rule, in both languages', async () => {
    const res = await t.app.inject('/api/v1/municipalities?limit=0&prefecture=Tokyo');
    assert.equal(res.statusCode, 400);
    const problem = res.json();
    assert.equal(problem.code, 'request.invalid');
    const fields = problem.errors.map((e: { field: string }) => e.field).sort();
    assert.deepEqual(fields, ['querystring/limit', 'querystring/prefecture']);
    for (const e of problem.errors) assert.ok(e.rule && e.message.ja && e.message.en);
  });

  test('the OpenAPI document describes the versioned API and nothing else', async () => {
    const doc = (await t.app.inject('/api/docs/json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/municipalities']);
    assert.ok(doc.paths['/api/v1/municipalities/{code}']);
    assert.ok(Object.keys(doc.paths).every((p: string) => p.startsWith('/api/v1/')), Object.keys(doc.paths).join(', '));
    const ui = await t.app.inject('/api/docs/');
    assert.equal(ui.statusCode, 200);
  });

  test('the language switch sets a cookie and returns only to a local path', async () => {
    const res = await t.app.inject('/lang/en?next=%2Fmunicipalities');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/municipalities');
    assert.match(res.headers['set-cookie'] as string, /^lang=en;.*HttpOnly/);
    const english = await t.app.inject({ url: '/', cookies: { lang: 'en' } });
    assert.match(english.body, /<html lang="en">/);
    assert.match(english.body, /Skip to main content/);
    const offsite = await t.app.inject('/lang/en?next=%2F%2Fevil.example');
    assert.equal(offsite.headers.location, '/');
  });

  test('the resident home and the staff sign-in render and link only to what exists (the admin shells: modules/admin)', async () => {
    for (const path of ['/', '/staff/login', '/login', '/municipalities']) {
      const res = await t.app.inject({ url: path, headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 200, path);
      assert.match(res.body, /<a class="skip-link" href="#main">/);
      assert.match(res.body, /<main id="main"/);
      const links = [...res.body.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
      for (const link of new Set(links)) {
        const target = await t.app.inject({ url: link, headers: { accept: 'text/html' } });
        assert.ok(target.statusCode < 400, `${path} links to ${link}, which answers ${target.statusCode}`);
      }
    }
  });
});

describeOnDatabases('rate limiting', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db, { RATE_LIMIT_MAX: '3' });
  });
  after(() => t.close());

  test('a client over the limit gets a 429 problem with Retry-After; health checks are never limited', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await t.app.inject('/api/v1/prefectures')).statusCode, 200);
    const limited = await t.app.inject('/api/v1/prefectures');
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json().code, 'request.rate_limited');
    assert.ok(limited.headers['retry-after']);
    for (let i = 0; i < 5; i++) assert.equal((await t.app.inject('/healthz')).statusCode, 200);
  });
});
