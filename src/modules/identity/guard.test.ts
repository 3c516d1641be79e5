import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { isIpAllowed } from './guard.ts';
import { apiClient, signedInResident, signedInStaff } from './testing.ts';

test('IP allow-lists match IPv4 and IPv6 networks and single addresses, and ignore junk', () => {
  assert.equal(isIpAllowed('10.20.30.40', ['10.20.0.0/16']), true);
  assert.equal(isIpAllowed('::ffff:10.20.30.40', ['10.20.0.0/16']), true);
  assert.equal(isIpAllowed('10.21.0.1', ['10.20.0.0/16']), false);
  assert.equal(isIpAllowed('2001:db8::1', ['2001:db8::/32']), true);
  assert.equal(isIpAllowed('127.0.0.1', ['127.0.0.1']), true);
  assert.equal(isIpAllowed('127.0.0.1', ['not-an-ip/8']), false);
});

describeOnDatabases('access control', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
  });
  after(() => t.close());

  test('without credentials a protected API answers 401 problem+json', async () => {
    const res = await t.app.inject('/api/v1/me');
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'identity.unauthenticated');
    assert.match(res.headers['content-type'] as string, /problem\+json/);
  });

  test('/api/v1/me names a member of staff, a resident and an API client', async () => {
    const staff = await signedInStaff(ctx.db, { municipalityCode: '141003', roles: ['viewer'] });
    const me = (await t.app.inject({ url: '/api/v1/me', cookies: staff.cookies })).json();
    assert.deepEqual([me.kind, me.loginId, me.municipalityCode, me.roles, me.stage], ['staff', staff.loginId, '141003', ['viewer'], 'active']);
    const resident = await signedInResident(ctx.db, { homeMunicipalityCode: '131130' });
    const r = (await t.app.inject({ url: '/api/v1/me', cookies: resident.cookies })).json();
    assert.deepEqual([r.kind, r.residentId, r.homeMunicipalityCode], ['resident', resident.id, '131130']);
    const system = await apiClient(ctx.db, { municipalityCode: '131121', scopes: ['applications:read'] });
    const s = (await t.app.inject({ url: '/api/v1/me', headers: system.headers })).json();
    assert.deepEqual([s.kind, s.clientId, s.municipalityCode, s.scopes], ['system', system.clientId, '131121', ['applications:read']]);
  });

  test('wrong client credentials are refused, not taken as anonymous', async () => {
    const system = await apiClient(ctx.db);
    const wrong = `Basic ${Buffer.from(`${system.clientId}:ocs_wrong`).toString('base64')}`;
    const res = await t.app.inject({ url: '/api/v1/me', headers: { authorization: wrong } });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'identity.bad_client_credentials');
  });

  test('a forged or unknown session cookie is no session', async () => {
    const res = await t.app.inject({ url: '/api/v1/me', cookies: { onestop_session: 'A'.repeat(43) } });
    assert.equal(res.statusCode, 401);
  });

  test('signing out needs the CSRF token; with it the session ends and the cookie is cleared', async () => {
    const staff = await signedInStaff(ctx.db);
    const forged = await t.app.inject({ method: 'POST', url: '/staff/logout', cookies: staff.cookies, payload: {} });
    assert.equal(forged.statusCode, 403);
    assert.equal(forged.json().code, 'identity.csrf');
    const out = await t.app.inject({ method: 'POST', url: '/staff/logout', cookies: staff.cookies, headers: staff.headers, payload: {} });
    assert.equal(out.statusCode, 303);
    assert.match(out.headers['set-cookie'] as string, /onestop_session=;/);
    assert.equal((await t.app.inject({ url: '/api/v1/me', cookies: staff.cookies })).statusCode, 401);
    const events = await ctx.db.kysely.selectFrom('audit_events').select(['action', 'actor_label']).where('actor_id', '=', staff.id).execute();
    assert.deepEqual(events, [{ action: 'staff.logout', actor_label: staff.loginId }]);
  });

  test('logout everywhere ends every session of the same person', async () => {
    const resident = await signedInResident(ctx.db);
    const { startSession } = await import('./sessions.ts');
    const other = await startSession(ctx.db.kysely, { residentId: resident.id }, 'active');
    const res = await t.app.inject({ method: 'POST', url: '/logout/everywhere', cookies: resident.cookies, headers: resident.headers, payload: {} });
    assert.equal(res.statusCode, 303);
    assert.equal((await t.app.inject({ url: '/api/v1/me', cookies: { onestop_session: other.token } })).statusCode, 401);
  });

  test('a session idle for more than 30 minutes ends with a message saying so', async () => {
    const staff = await signedInStaff(ctx.db);
    await ctx.db.kysely.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000) }).where('staff_id', '=', staff.id).execute();
    const res = await t.app.inject({ url: '/api/v1/me', cookies: staff.cookies });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'identity.session_expired');
    assert.match(res.json().detailJa, /30分間操作がなかった/);
  });

  test('a session past its absolute lifetime is gone', async () => {
    const staff = await signedInStaff(ctx.db);
    await ctx.db.kysely.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).where('staff_id', '=', staff.id).execute();
    assert.equal((await t.app.inject({ url: '/api/v1/me', cookies: staff.cookies })).statusCode, 401);
  });

  test('staff outside their municipality’s IP allow-list are refused, and the refusal is audited', async () => {
    await ctx.db.kysely
      .insertInto('municipality_profiles')
      .values({ municipality_code: '012025', receipt_method: 'lgwan_asp', contact_department: '子育て支援課', staff_ip_allowlist: ['10.0.0.0/8'] })
      .execute();
    const staff = await signedInStaff(ctx.db, { municipalityCode: '012025' });
    const res = await t.app.inject({ url: '/api/v1/me', cookies: staff.cookies, remoteAddress: '192.0.2.10' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'identity.ip_not_allowed');
    const inside = await t.app.inject({ url: '/api/v1/me', cookies: staff.cookies, remoteAddress: '10.1.2.3' });
    assert.equal(inside.statusCode, 200);
    const refused = await ctx.db.kysely.selectFrom('audit_events').select(['action', 'outcome', 'ip']).where('actor_id', '=', staff.id).execute();
    assert.deepEqual(refused, [{ action: 'staff.ip_refused', outcome: 'failure', ip: '192.0.2.10' }]);
  });

  test('the audit log is append-only', async () => {
    await assert.rejects(ctx.db.kysely.updateTable('audit_events').set({ action: 'changed' }).execute(), /append-only/);
    await assert.rejects(ctx.db.kysely.deleteFrom('audit_events').execute(), /append-only/);
  });
});
