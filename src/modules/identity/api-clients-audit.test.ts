// API clients (create, secret once, rotation with overlap, disable, last use) and the audit log pages
// (own municipality vs national, filters, CSV), with role and tenant refusals (R15).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { readCsv } from '../../platform/csv.ts';
import { API_CLIENT_SCOPES } from './api-client-secrets.ts';
import { auditCsv } from './list-audit-events.ts';
import { apiClient, signedInStaff, type TestCaller } from './testing.ts';

function basic(clientId: string, secret: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` };
}

test('the audit CSV neutralises what a spreadsheet would run, quotes line breaks, and reads back exactly', () => {
  const row = { id: 'e1', at: new Date('2026-04-01T00:00:00Z'), municipality_code: '131130', actor_kind: 'staff', actor_id: null, actor_label: '=HYPERLINK("https://evil.example")', action: 'staff.login', outcome: 'failure', target: "'-1", details: { note: 'a,b' }, request_id: 'r\n1', ip: '@127.0.0.1' } as const;
  const csv = auditCsv([row as never]);
  const line = csv.split('\r\n')[1]!;
  assert.ok(line.includes(`,"'=HYPERLINK(""https://evil.example"")",`) && line.includes(",''-1,") && line.includes(`,"r\n1",'@127.0.0.1`), line);
  assert.deepEqual(readCsv(csv)[1]!.slice(4, 11), [row.actor_label, row.action, row.outcome, row.target, '{"note":"a,b"}', row.request_id, row.ip]);
});

describeOnDatabases('API clients and the audit log', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
  });
  after(() => t.close());

  async function create(admin: TestCaller, name: string, scopes: string[]) {
    const res = await t.app.inject({ method: 'POST', url: '/staff/api-clients', cookies: admin.cookies, headers: admin.headers, payload: { name, scopes } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const clientId = /(oc_[0-9a-f]{20})/.exec(res.body)![1]!;
    const secret = /(ocs_[A-Za-z0-9_-]{43})/.exec(res.body)![1]!;
    const row = await ctx.db.kysely.selectFrom('api_clients').select('id').where('client_id', '=', clientId).executeTakeFirstOrThrow();
    return { id: row.id, clientId, secret };
  }

  test('an administrator creates a client, sees the secret once, and the system can use it; the list shows its last use', async () => {
    const admin = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['municipality_admin'] });
    const c = await create(admin, '基幹システム', ['identity:codes', 'applications:read']);
    const stored = await ctx.db.kysely.selectFrom('api_client_secrets').selectAll().where('api_client_id', '=', c.id).execute();
    assert.equal(stored.length, 1);
    assert.notEqual(stored[0]!.secret_hash, c.secret);
    assert.equal(stored[0]!.hint, c.secret.slice(-4));
    const me = await t.app.inject({ url: '/api/v1/me', headers: basic(c.clientId, c.secret) });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json().scopes, ['identity:codes', 'applications:read']);
    const list = await t.app.inject({ url: '/staff/api-clients', cookies: admin.cookies, headers: { accept: 'text/html' } });
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(c.clientId));
    assert.ok(!list.body.includes(c.secret), 'the secret is never shown again');
    assert.ok(list.body.includes(`…${c.secret.slice(-4)}`));
    const used = await ctx.db.kysely.selectFrom('api_clients').select('last_used_at').where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.ok(used.last_used_at);
    const events = await ctx.db.kysely.selectFrom('audit_events').select(['action', 'municipality_code', 'actor_id']).where('target', '=', c.clientId).execute();
    assert.deepEqual(events, [{ action: 'api_client.created', municipality_code: '131130', actor_id: admin.id }]);
  });

  test('the form refuses a missing name and unknown scopes, with the error linked to the field', async () => {
    const admin = await signedInStaff(ctx.db, { municipalityCode: '131130' });
    const res = await t.app.inject({ method: 'POST', url: '/staff/api-clients', cookies: admin.cookies, headers: admin.headers, payload: { name: ' ', scopes: 'root' } });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#name"/);
    assert.match(res.body, /権限は一覧から選んでください/);
    assert.deepEqual([...API_CLIENT_SCOPES], ['identity:codes', 'services:write', 'applications:read', 'notices:send', 'records:write']);
  });

  test('rotation: the old secret works during the overlap and not after; then disabling stops every secret', async () => {
    const admin = await signedInStaff(ctx.db, { municipalityCode: '131130' });
    const c = await create(admin, '連携システム', ['notices:send']);
    const rotated = await t.app.inject({ method: 'POST', url: `/staff/api-clients/${c.id}/rotate`, cookies: admin.cookies, headers: admin.headers, payload: { overlapDays: '1' } });
    assert.equal(rotated.statusCode, 200, rotated.body);
    const fresh = /(ocs_[A-Za-z0-9_-]{43})/.exec(rotated.body)![1]!;
    assert.notEqual(fresh, c.secret);
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: basic(c.clientId, c.secret) })).statusCode, 200, 'old secret during overlap');
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: basic(c.clientId, fresh) })).statusCode, 200, 'new secret');
    const old = await ctx.db.kysely.selectFrom('api_client_secrets').select(['id', 'expires_at']).where('api_client_id', '=', c.id).where('hint', '=', c.secret.slice(-4)).executeTakeFirstOrThrow();
    const left = old.expires_at!.getTime() - Date.now();
    assert.ok(left > 23 * 3600_000 && left <= 24 * 3600_000, 'one day of overlap');
    // The overlap ends.
    await ctx.db.kysely.updateTable('api_client_secrets').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', old.id).execute();
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: basic(c.clientId, c.secret) })).statusCode, 401, 'old secret after overlap');
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: basic(c.clientId, fresh) })).statusCode, 200);

    const bad = await t.app.inject({ method: 'POST', url: `/staff/api-clients/${c.id}/rotate`, cookies: admin.cookies, headers: admin.headers, payload: { overlapDays: '3' } });
    assert.equal(bad.statusCode, 400);

    const disabled = await t.app.inject({ method: 'POST', url: `/staff/api-clients/${c.id}/disable`, cookies: admin.cookies, headers: admin.headers, payload: {} });
    assert.equal(disabled.statusCode, 303);
    assert.equal((await t.app.inject({ url: '/api/v1/me', headers: basic(c.clientId, fresh) })).statusCode, 401);
    const actions = (await ctx.db.kysely.selectFrom('audit_events').select('action').where('target', '=', c.clientId).orderBy('at').execute()).map((e) => e.action);
    assert.deepEqual(actions, ['api_client.created', 'api_client.secret_rotated', 'api_client.disabled']);
  });

  test('a viewer cannot manage API clients (403), and Shibuya’s administrator gets 404 for Yokohama’s client', async () => {
    const viewer = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['viewer'] });
    assert.equal((await t.app.inject({ url: '/staff/api-clients', cookies: viewer.cookies })).statusCode, 403);
    assert.equal((await t.app.inject({ method: 'POST', url: '/staff/api-clients', cookies: viewer.cookies, headers: viewer.headers, payload: { name: 'x', scopes: 'identity:codes' } })).statusCode, 403);
    const yokohama = await apiClient(ctx.db, { municipalityCode: '141003' });
    const shibuyaAdmin = await signedInStaff(ctx.db, { municipalityCode: '131130' });
    for (const action of ['rotate', 'disable']) {
      const res = await t.app.inject({ method: 'POST', url: `/staff/api-clients/${yokohama.id}/${action}`, cookies: shibuyaAdmin.cookies, headers: shibuyaAdmin.headers, payload: { overlapDays: '7' } });
      assert.equal(res.statusCode, 404, action);
    }
    const list = await t.app.inject({ url: '/staff/api-clients', cookies: shibuyaAdmin.cookies });
    assert.ok(!list.body.includes(yokohama.clientId));
    assert.equal((await t.app.inject({ method: 'POST', url: '/staff/api-clients/not-a-uuid/disable', cookies: shibuyaAdmin.cookies, headers: shibuyaAdmin.headers, payload: {} })).statusCode, 404);
  });

  test('audit: Shibuya’s administrator sees only Shibuya’s events, the national administrator all; filters, paging and CSV', async () => {
    const shibuya = await signedInStaff(ctx.db, { municipalityCode: '131130' });
    const yokohama = await signedInStaff(ctx.db, { municipalityCode: '141003' });
    const s = await create(shibuya, 'audit-shibuya', ['identity:codes']);
    const y = await create(yokohama, 'audit-yokohama', ['identity:codes']);

    const own = await t.app.inject({ url: '/staff/audit?action=api_client.created', cookies: shibuya.cookies, headers: { accept: 'text/html' } });
    assert.equal(own.statusCode, 200);
    assert.ok(own.body.includes(s.clientId));
    assert.ok(!own.body.includes(y.clientId));

    const national = await signedInStaff(ctx.db, { roles: ['national_admin'] });
    const all = await t.app.inject({ url: '/staff/audit?action=api_client.created', cookies: national.cookies });
    assert.equal(all.statusCode, 200);
    assert.ok(all.body.includes(s.clientId) && all.body.includes(y.clientId));

    const csv = await t.app.inject({ url: '/staff/audit.csv?action=api_client.created', cookies: shibuya.cookies });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv; charset=utf-8/);
    assert.ok(csv.body.startsWith('\uFEFFat,municipality_code,actor_kind,'));
    assert.ok(csv.body.includes(s.clientId) && !csv.body.includes(y.clientId));
    // details is JSON with quotes and commas: quoted, quotes doubled.
    assert.match(csv.body, /"\{""name"":""audit-shibuya"",""scopes"":\[""identity:codes""\]\}"/);

    const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
    const dated = await t.app.inject({ url: `/staff/audit?from=${today}&to=${today}&action=api_client.created`, cookies: shibuya.cookies });
    assert.ok(dated.body.includes(s.clientId));
    const past = await t.app.inject({ url: '/staff/audit?from=2000-01-01&to=2000-01-02', cookies: shibuya.cookies });
    assert.match(past.body, /0件/);
    const wrong = await t.app.inject({ url: '/staff/audit?from=yesterday', cookies: shibuya.cookies, headers: { accept: 'text/html' } });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /href="#from"/);

    const viewer = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['viewer'] });
    assert.equal((await t.app.inject({ url: '/staff/audit', cookies: viewer.cookies })).statusCode, 403);
    assert.equal((await t.app.inject({ url: '/staff/audit.csv', cookies: viewer.cookies })).statusCode, 403);
  });
});
