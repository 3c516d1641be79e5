// /metrics only for the configured networks or with the token (issue #11 §5).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../testing/database.ts';

const TOKEN = 'metrics-token-0123456789abcdef0123456789';

describeOnDatabases('who may read /metrics', (ctx) => {
  let byDefault: TestApp;
  let configured: TestApp;
  before(async () => {
    byDefault = await buildTestApp(ctx.db);
    configured = await buildTestApp(ctx.db, { METRICS_ALLOW: '10.20.0.0/16, 2001:db8::/32', METRICS_TOKEN: TOKEN });
  });
  after(async () => {
    await byDefault.close();
    await configured.close();
  });

  const read = (t: TestApp, remoteAddress: string, headers: Record<string, string> = {}) => t.app.inject({ url: '/metrics', remoteAddress, headers });

  test('by default only this machine reads metrics; any other address gets 403 without a figure', async () => {
    assert.equal((await read(byDefault, '127.0.0.1')).statusCode, 200);
    assert.equal((await read(byDefault, '::1')).statusCode, 200);
    for (const address of ['192.0.2.10', '10.20.1.1', '::ffff:192.0.2.10']) {
      const res = await read(byDefault, address);
      assert.equal(res.statusCode, 403, address);
      assert.equal(res.json().code, 'metrics.forbidden');
      assert.doesNotMatch(res.body, /http_request_duration_seconds/);
    }
    // No token is configured, so none opens it.
    assert.equal((await read(byDefault, '192.0.2.10', { authorization: `Bearer ${TOKEN}` })).statusCode, 403);
  });

  test('the configured networks read metrics; this machine no longer does unless listed', async () => {
    const allowed = await read(configured, '10.20.30.40');
    assert.equal(allowed.statusCode, 200);
    assert.match(allowed.body, /http_request_duration_seconds/);
    assert.equal((await read(configured, '2001:db8::7')).statusCode, 200);
    assert.equal((await read(configured, '10.21.0.1')).statusCode, 403);
    assert.equal((await read(configured, '127.0.0.1')).statusCode, 403);
  });

  test('the bearer token opens metrics from anywhere; a wrong or malformed one does not', async () => {
    const withToken = await read(configured, '192.0.2.10', { authorization: `Bearer ${TOKEN}` });
    assert.equal(withToken.statusCode, 200);
    assert.match(withToken.body, /jobs_queued/);
    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, 'Bearer ', TOKEN]) {
      assert.equal((await read(configured, '192.0.2.10', { authorization })).statusCode, 403, authorization);
    }
  });
});
