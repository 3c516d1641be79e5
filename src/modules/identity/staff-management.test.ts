import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { upsertProfile } from '../municipalities/index.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { parseIpAllowlist } from './set-ip-allowlist.ts';
import { TestBrowser, staffAccount } from './staff-test-browser.ts';
import { signedInStaff, type TestCaller } from './testing.ts';

test('allow-list entries: addresses and CIDR blocks of both families pass, normalised; anything else is named by position', () => {
  const ok = parseIpAllowlist('10.20.0.0/16\n 192.0.2.7 ,2001:DB8::/32\n10.20.0.0/16');
  assert.deepEqual(ok, { entries: ['10.20.0.0/16', '192.0.2.7', '2001:db8::/32'], problems: [] });
  const bad = parseIpAllowlist('10.0.0.0/33\nexample.org\n::1/129\n10.1.2.3/8/1');
  assert.deepEqual(
    bad.problems.map((p) => p.message.en.slice(0, 8)),
    ['entry 1 ', 'entry 2 ', 'entry 3 ', 'entry 4 '],
  );
  assert.match(bad.problems[1]!.message.ja, /2件目「example\.org」/);
});

function form(values: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  return body.toString();
}

describeOnDatabases('staff management', (ctx) => {
  let t: TestApp;
  let shibuyaAdmin: TestCaller;
  let nationalAdmin: TestCaller;
  before(async () => {
    t = await buildTestApp(ctx.db);
    for (const code of ['131130', '141003']) await upsertProfile(ctx.db.kysely, { municipalityCode: code, receiptMethod: 'lgwan_asp', contactDepartment: '子ども家庭課' });
    shibuyaAdmin = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['municipality_admin'] });
    nationalAdmin = await signedInStaff(ctx.db, { roles: ['national_admin'] });
  });
  after(() => t.close());

  function get(caller: TestCaller, url: string, remoteAddress?: string) {
    return t.app.inject({ method: 'GET', url, cookies: caller.cookies, headers: { accept: 'text/html' }, ...(remoteAddress ? { remoteAddress } : {}) });
  }
  function post(caller: TestCaller, url: string, values: Record<string, string | string[]>, options: { csrf?: boolean; remoteAddress?: string } = {}) {
    return t.app.inject({
      method: 'POST',
      url,
      cookies: caller.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...(options.csrf === false ? {} : caller.headers) },
      payload: form(values),
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    });
  }
  async function rolesOf(id: string) {
    return (await ctx.db.kysely.selectFrom('staff_users').select('roles').where('id', '=', id).executeTakeFirstOrThrow()).roles;
  }

  test('staff without an administrator role cannot manage staff or the network (403)', async () => {
    const viewer = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['viewer'] });
    assert.equal((await get(viewer, '/staff/users')).statusCode, 403);
    assert.equal((await get(viewer, '/staff/users/new')).statusCode, 403);
    assert.equal((await post(viewer, '/staff/users', { loginId: 'sneaky.one', displayName: 'x', roles: 'viewer' })).statusCode, 403);
    assert.equal((await get(viewer, '/staff/settings/network')).statusCode, 403);
    assert.equal((await get(nationalAdmin, '/staff/settings/network')).statusCode, 403, 'the allow-list is the municipality’s own');
  });

  test('a municipality administrator lists their own staff only', async () => {
    const own = await staffAccount(ctx.db, { municipalityCode: '131130', roles: ['records_clerk'] });
    const other = await staffAccount(ctx.db, { municipalityCode: '141003', roles: ['records_clerk'] });
    const res = await get(shibuyaAdmin, '/staff/users');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(own.loginId));
    assert.ok(!res.body.includes(other.loginId));
  });

  test('cross-tenant: Shibuya’s administrator gets 404 for a Yokohama staff member and cannot change them', async () => {
    const yokohama = await staffAccount(ctx.db, { municipalityCode: '141003', roles: ['viewer'] });
    assert.equal((await get(shibuyaAdmin, `/staff/users/${yokohama.id}`)).statusCode, 404);
    assert.equal((await post(shibuyaAdmin, `/staff/users/${yokohama.id}/roles`, { roles: ['municipality_admin'] })).statusCode, 404);
    assert.equal((await post(shibuyaAdmin, `/staff/users/${yokohama.id}/password-reset`, {})).statusCode, 404);
    assert.equal((await post(shibuyaAdmin, `/staff/users/${yokohama.id}/disable`, {})).statusCode, 404);
    const row = await ctx.db.kysely.selectFrom('staff_users').selectAll().where('id', '=', yokohama.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.roles, row.disabled_at, row.must_change_password], [['viewer'], null, false]);
    assert.equal((await get(shibuyaAdmin, '/staff/users/not-a-uuid')).statusCode, 404);
  });

  test('issuing an account shows the initial password once; the person must change it at first sign-in', async () => {
    const res = await post(shibuyaAdmin, '/staff/users', { loginId: 'Shibuya.New-Clerk', displayName: '新人 職員', roles: ['application_handler', 'viewer', 'national_admin'] });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers['cache-control'], 'no-store');
    const password = /<code class="secret">([^<]+)<\/code>/.exec(res.body)?.[1];
    assert.ok(password && /^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/.test(password));
    const row = await ctx.db.kysely.selectFrom('staff_users').selectAll().where('login_id', '=', 'shibuya.new-clerk').executeTakeFirstOrThrow();
    assert.deepEqual([row.municipality_code, row.roles, row.must_change_password], ['131130', ['application_handler', 'viewer'], true]);
    assert.ok(!row.password_hash.includes(password));
    const detail = await get(shibuyaAdmin, `/staff/users/${row.id}`);
    assert.ok(!detail.body.includes(password), 'never shown again');
    const signIn = await new TestBrowser(t.app).signIn('shibuya.new-clerk', password);
    assert.equal(signIn.headers.location, '/staff/password?next=%2Fstaff');
    const audit = await ctx.db.kysely.selectFrom('audit_events').selectAll().where('target', '=', row.id).where('action', '=', 'staff.account_issued').executeTakeFirstOrThrow();
    assert.equal(audit.municipality_code, '131130');
  });

  test('issuing re-renders the form with bilingual errors linked to the fields', async () => {
    const bad = await post(shibuyaAdmin, '/staff/users', { loginId: 'x', displayName: '', roles: [] });
    assert.equal(bad.statusCode, 400);
    for (const f of ['loginId', 'displayName', 'roles']) assert.match(bad.body, new RegExp(`href="#${f}"`));
    const existing = await staffAccount(ctx.db, { municipalityCode: '141003' });
    const taken = await t.app.inject({
      method: 'POST',
      url: '/staff/users',
      cookies: { ...shibuyaAdmin.cookies, lang: 'en' },
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...shibuyaAdmin.headers },
      payload: form({ loginId: existing.loginId, displayName: 'Someone', roles: 'viewer' }),
    });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /this login ID is already in use/);
  });

  test('changing roles is audited with before and after; an administrator cannot drop their own administrator role', async () => {
    const clerk = await staffAccount(ctx.db, { municipalityCode: '131130', roles: ['viewer'] });
    const res = await post(shibuyaAdmin, `/staff/users/${clerk.id}/roles`, { roles: ['notice_sender', 'viewer'] });
    assert.equal(res.statusCode, 303);
    assert.deepEqual(await rolesOf(clerk.id), ['notice_sender', 'viewer']);
    const audit = await ctx.db.kysely.selectFrom('audit_events').selectAll().where('target', '=', clerk.id).where('action', '=', 'staff.roles_changed').executeTakeFirstOrThrow();
    assert.deepEqual(audit.details, { loginId: clerk.loginId, before: ['viewer'], after: ['notice_sender', 'viewer'] });
    assert.equal(audit.actor_id, shibuyaAdmin.id);

    const self = await post(shibuyaAdmin, `/staff/users/${shibuyaAdmin.id}/roles`, { roles: ['viewer'] });
    assert.equal(self.statusCode, 400);
    assert.match(self.body, /自分自身の管理者の役割は外せません/);
    assert.deepEqual(await rolesOf(shibuyaAdmin.id), ['municipality_admin']);
  });

  test('a management form without the CSRF token is refused', async () => {
    const clerk = await staffAccount(ctx.db, { municipalityCode: '131130', roles: ['viewer'] });
    const res = await post(shibuyaAdmin, `/staff/users/${clerk.id}/roles`, { roles: ['municipality_admin'] }, { csrf: false });
    assert.equal(res.statusCode, 403);
    assert.deepEqual(await rolesOf(clerk.id), ['viewer']);
  });

  test('resetting a password gives a new initial password and ends the person’s sessions', async () => {
    const clerk = await staffAccount(ctx.db, { municipalityCode: '131130', roles: ['viewer'] });
    const browser = new TestBrowser(t.app);
    await browser.signIn(clerk.loginId, clerk.password);
    assert.equal((await browser.get('/staff')).statusCode, 200);
    const res = await post(shibuyaAdmin, `/staff/users/${clerk.id}/password-reset`, {});
    assert.equal(res.statusCode, 200);
    const password = /<code class="secret">([^<]+)<\/code>/.exec(res.body)?.[1];
    assert.ok(password);
    assert.equal((await browser.get('/staff')).statusCode, 303, 'the session has ended');
    assert.equal((await new TestBrowser(t.app).signIn(clerk.loginId, clerk.password)).statusCode, 401);
    assert.equal((await new TestBrowser(t.app).signIn(clerk.loginId, password)).headers.location, '/staff/password?next=%2Fstaff');
    assert.equal((await post(shibuyaAdmin, `/staff/users/${shibuyaAdmin.id}/password-reset`, {})).statusCode, 403, 'not one’s own');
  });

  test('disabling ends the sessions and stops sign-in; enabling lets the person back; nobody disables themselves', async () => {
    const clerk = await staffAccount(ctx.db, { municipalityCode: '131130', roles: ['viewer'] });
    const browser = new TestBrowser(t.app);
    await browser.signIn(clerk.loginId, clerk.password);
    assert.equal((await post(shibuyaAdmin, `/staff/users/${clerk.id}/disable`, {})).statusCode, 303);
    assert.equal((await browser.get('/staff')).statusCode, 303);
    assert.equal((await new TestBrowser(t.app).signIn(clerk.loginId, clerk.password)).statusCode, 401);
    assert.equal((await post(shibuyaAdmin, `/staff/users/${clerk.id}/enable`, {})).statusCode, 303);
    assert.equal((await new TestBrowser(t.app).signIn(clerk.loginId, clerk.password)).statusCode, 303);
    assert.equal((await post(shibuyaAdmin, `/staff/users/${shibuyaAdmin.id}/disable`, {})).statusCode, 403);
    const actions = await ctx.db.kysely.selectFrom('audit_events').select('action').where('target', '=', clerk.id).execute();
    assert.ok(actions.some((a) => a.action === 'staff.disabled') && actions.some((a) => a.action === 'staff.enabled'));
  });

  test('national administrators manage national, prefecture and municipal administrator accounts, not other municipal staff', async () => {
    const yokohamaAdmin = await staffAccount(ctx.db, { municipalityCode: '141003', roles: ['municipality_admin'] });
    const yokohamaClerk = await staffAccount(ctx.db, { municipalityCode: '141003', roles: ['viewer'] });
    const list = await get(nationalAdmin, '/staff/users');
    assert.equal(list.statusCode, 200);
    assert.ok(list.body.includes(yokohamaAdmin.loginId));
    assert.ok(!list.body.includes(yokohamaClerk.loginId));
    assert.equal((await get(nationalAdmin, `/staff/users/${yokohamaClerk.id}`)).statusCode, 404);
    assert.equal((await get(nationalAdmin, `/staff/users/${yokohamaAdmin.id}`)).statusCode, 200);

    const viewer = await post(nationalAdmin, '/staff/users', { kind: 'prefecture', loginId: 'kanagawa.viewer', displayName: '神奈川県 閲覧', prefectureCode: '14' });
    assert.equal(viewer.statusCode, 201);
    const admin = await post(nationalAdmin, '/staff/users', { kind: 'municipality', loginId: 'setagaya.admin2', displayName: '世田谷区 管理者', municipalityCode: '131121' });
    assert.equal(admin.statusCode, 201);
    const rows = await ctx.db.kysely
      .selectFrom('staff_users')
      .select(['login_id', 'roles', 'municipality_code', 'prefecture_code'])
      .where('login_id', 'in', ['kanagawa.viewer', 'setagaya.admin2'])
      .orderBy('login_id')
      .execute();
    assert.deepEqual(rows, [
      { login_id: 'kanagawa.viewer', roles: ['prefecture_viewer'], municipality_code: null, prefecture_code: '14' },
      { login_id: 'setagaya.admin2', roles: ['municipality_admin'], municipality_code: '131121', prefecture_code: null },
    ]);
    const noSuchTown = await post(nationalAdmin, '/staff/users', { kind: 'municipality', loginId: 'nowhere.admin', displayName: 'x', municipalityCode: '999999' });
    assert.equal(noSuchTown.statusCode, 400);
    assert.match(noSuchTown.body, /href="#municipalityCode"/);

    const reset = await post(nationalAdmin, `/staff/users/${yokohamaAdmin.id}/password-reset`, {});
    assert.equal(reset.statusCode, 200);
    const audit = await ctx.db.kysely.selectFrom('audit_events').selectAll().where('target', '=', yokohamaAdmin.id).where('action', '=', 'staff.password_reset').executeTakeFirstOrThrow();
    assert.equal(audit.municipality_code, '141003', 'Yokohama sees what was done to its administrator');
  });

  test('the allow-list form names each bad entry, in Japanese and English', async () => {
    const res = await post(shibuyaAdmin, '/staff/settings/network', { allowlist: '10.0.0.0/8\nnot-an-address' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#allowlist"/);
    assert.match(res.body, /2件目「not-an-address」/);
    const en = await t.app.inject({
      method: 'POST',
      url: '/staff/settings/network',
      cookies: { ...shibuyaAdmin.cookies, lang: 'en' },
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...shibuyaAdmin.headers },
      payload: form({ allowlist: '300.1.1.1' }),
    });
    assert.match(en.body, /entry 1 “300\.1\.1\.1” is not an IP address or CIDR block/);
  });

  test('a list that shuts out the administrator’s own address is refused until confirmed, then enforced and audited', async () => {
    const admin = await signedInStaff(ctx.db, { municipalityCode: '141003', roles: ['municipality_admin'] });
    const here = '203.0.113.9';
    const page = await get(admin, '/staff/settings/network', here);
    assert.match(page.body, /203\.0\.113\.9/);
    const warned = await post(admin, '/staff/settings/network', { allowlist: '10.20.0.0/16' }, { remoteAddress: here });
    assert.equal(warned.statusCode, 409);
    assert.match(warned.body, /id="confirmLockout"/);
    assert.match(warned.body, /href="#confirmLockout"/);
    const unchanged = await ctx.db.kysely.selectFrom('municipality_profiles').select('staff_ip_allowlist').where('municipality_code', '=', '141003').executeTakeFirstOrThrow();
    assert.deepEqual(unchanged.staff_ip_allowlist, []);

    const including = await post(admin, '/staff/settings/network', { allowlist: '10.20.0.0/16\n203.0.113.0/24' }, { remoteAddress: here });
    assert.equal(including.statusCode, 303);
    const confirmed = await post(admin, '/staff/settings/network', { allowlist: '10.20.0.0/16', confirmLockout: 'yes' }, { remoteAddress: here });
    assert.equal(confirmed.statusCode, 303);
    assert.equal((await get(admin, '/staff', here)).statusCode, 403, 'the rule applies at once');
    assert.equal((await get(admin, '/staff', '10.20.1.2')).statusCode, 200);
    const events = await ctx.db.kysely
      .selectFrom('audit_events')
      .select(['details', 'municipality_code'])
      .where('action', '=', 'staff.ip_allowlist_changed')
      .where('actor_id', '=', admin.id)
      .orderBy('at')
      .execute();
    assert.deepEqual(
      events.map((e) => e.details),
      [
        { before: [], after: ['10.20.0.0/16', '203.0.113.0/24'], selfLockoutConfirmed: false },
        { before: ['10.20.0.0/16', '203.0.113.0/24'], after: ['10.20.0.0/16'], selfLockoutConfirmed: true },
      ],
    );
    assert.deepEqual(events.map((e) => e.municipality_code), ['141003', '141003']);
    // Shibuya is untouched.
    const shibuya = await ctx.db.kysely.selectFrom('municipality_profiles').select('staff_ip_allowlist').where('municipality_code', '=', '131130').executeTakeFirstOrThrow();
    assert.deepEqual(shibuya.staff_ip_allowlist, []);
  });
});
