import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { TestBrowser, staffAccount } from './staff-test-browser.ts';
import { currentTotpCode, generateTotpSecret, matchTotpStep } from './totp.ts';

test('a one-time code is accepted for its own step and one step either side, not two', () => {
  const secret = generateTotpSecret();
  const now = 1_800_000_000_000;
  const step = Math.floor(now / 30_000);
  assert.equal(matchTotpStep(secret, currentTotpCode(secret, now), now), step);
  assert.equal(matchTotpStep(secret, currentTotpCode(secret, now - 30_000), now), step - 1);
  assert.equal(matchTotpStep(secret, currentTotpCode(secret, now + 30_000), now), step + 1);
  assert.equal(matchTotpStep(secret, currentTotpCode(secret, now - 60_000), now), null);
  assert.equal(matchTotpStep(secret, 'abcdef', now), null);
});

describeOnDatabases('staff sign-in', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
  });
  after(() => t.close());

  async function auditActions(target: string): Promise<string[]> {
    const rows = await ctx.db.kysely.selectFrom('audit_events').select('action').where('target', '=', target).orderBy('at').execute();
    return rows.map((r) => r.action);
  }

  test('the console home sends a visitor without a session to the sign-in page, keeping where they were going', async () => {
    const res = await new TestBrowser(t.app).get('/staff');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/login?next=%2Fstaff');
  });

  test('a member of staff signs in with ID and password, gets a new session and sees who is signed in on the console home', async () => {
    const staff = await staffAccount(ctx.db, { roles: ['service_editor'] });
    const browser = new TestBrowser(t.app);
    browser.cookies.set('onestop_session', 'A'.repeat(43));
    const res = await browser.signIn(staff.loginId.toUpperCase(), staff.password, '/staff/users?x=1');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/users?x=1');
    assert.notEqual(browser.cookies.get('onestop_session'), 'A'.repeat(43), 'a new session, never the one presented');
    const home = await browser.get('/staff');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, new RegExp(staff.loginId.replace(/\./g, '\\.')));
    assert.match(home.body, /サービス編集/);
    assert.deepEqual(await auditActions(staff.id), ['staff.login']);
  });

  test('a next that leaves the site is ignored', async () => {
    const staff = await staffAccount(ctx.db, {});
    const res = await new TestBrowser(t.app).signIn(staff.loginId, staff.password, '//evil.example/');
    assert.equal(res.headers.location, '/staff');
  });

  test('an unknown ID and a wrong password get the same answer, and the form keeps the ID but never the password', async () => {
    const staff = await staffAccount(ctx.db, {});
    const wrong = await new TestBrowser(t.app).signIn(staff.loginId, 'Wrong-password-123');
    const unknown = await new TestBrowser(t.app).signIn('nobody.here', 'Wrong-password-123');
    assert.equal(wrong.statusCode, 401);
    assert.equal(unknown.statusCode, 401);
    const message = (html: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0];
    assert.equal(message(wrong.body), message(unknown.body));
    assert.match(wrong.body, /ログインIDまたはパスワードが正しくありません/);
    assert.match(wrong.body, /href="#password"/);
    assert.doesNotMatch(wrong.body, /Wrong-password-123/);
    const failures = await ctx.db.kysely.selectFrom('audit_events').select(['actor_label', 'outcome']).where('action', '=', 'staff.login_failed').execute();
    assert.ok(failures.some((f) => f.actor_label === 'nobody.here' && f.outcome === 'failure'));
  });

  test('a sign-in without the form token is refused', async () => {
    const staff = await staffAccount(ctx.db, {});
    const browser = new TestBrowser(t.app);
    await browser.get('/staff/login');
    const res = await browser.post('/staff/login', { loginId: staff.loginId, password: staff.password, _csrf: 'x'.repeat(32) });
    assert.equal(res.statusCode, 403);
  });

  async function lockOf(loginId: string, address: string) {
    return ctx.db.kysely
      .selectFrom('staff_sign_in_failures')
      .select(['failures', 'locked_until'])
      .where('login_id', '=', loginId.toLowerCase())
      .where('client_address', '=', address)
      .executeTakeFirst();
  }

  test('five wrong passwords lock the ID from that address for 15 minutes, even against the right password; after the lock it signs in again', async () => {
    const staff = await staffAccount(ctx.db, {});
    const browser = new TestBrowser(t.app);
    for (let i = 1; i <= 4; i += 1) {
      const res = await browser.signIn(staff.loginId, `Wrong-password-${i}`);
      assert.match(res.body, /ログインIDまたはパスワードが正しくありません/, `attempt ${i}`);
    }
    const fifth = await browser.signIn(staff.loginId, 'Wrong-password-5');
    assert.equal(fifth.statusCode, 401);
    assert.match(fifth.body, /（日本時間）までロックされています/);
    const lock = await lockOf(staff.loginId, browser.address);
    const minutes = (lock!.locked_until!.getTime() - Date.now()) / 60_000;
    assert.ok(minutes > 14 && minutes <= 15, `locked for ${minutes} minutes`);

    const right = await new TestBrowser(t.app, browser.address).signIn(staff.loginId, staff.password);
    assert.equal(right.statusCode, 401, 'the right password does not open a locked ID');
    assert.match(right.body, /ロックされています/);

    await ctx.db.kysely.updateTable('staff_sign_in_failures').set({ locked_until: new Date(Date.now() - 1000) }).where('login_id', '=', staff.loginId).execute();
    const afterLock = await new TestBrowser(t.app, browser.address).signIn(staff.loginId, staff.password);
    assert.equal(afterLock.statusCode, 303);
    assert.equal(await lockOf(staff.loginId, browser.address), undefined, 'a successful sign-in clears the count');
    const actions = await auditActions(staff.id);
    // Five wrong passwords, then the right one refused while locked.
    assert.equal(actions.filter((a) => a === 'staff.login_failed').length, 6);
    assert.ok(actions.includes('staff.locked'));
    assert.equal(actions.at(-1), 'staff.login');
  });

  test('the lock is per client address: the same ID signs in from another address meanwhile, and an unknown ID is told the same', async () => {
    const staff = await staffAccount(ctx.db, {});
    // One address per ID: sign-in posts are also rate-limited per address.
    const attacker = new TestBrowser(t.app);
    for (const [loginId, from] of [[staff.loginId, attacker], ['nobody.locked.here', new TestBrowser(t.app)]] as const) {
      for (let i = 1; i <= 5; i += 1) await from.signIn(loginId, `Wrong-password-${i}`);
      assert.match((await new TestBrowser(t.app, from.address).signIn(loginId, 'Wrong-password-6')).body, /ロックされています/, loginId);
    }
    const elsewhere = await new TestBrowser(t.app).signIn(staff.loginId, staff.password);
    assert.equal(elsewhere.statusCode, 303, 'a lockout from one address does not keep the person out at their own terminal');
    const unknownElsewhere = await new TestBrowser(t.app).signIn('nobody.locked.here', 'Wrong-password-7');
    assert.match(unknownElsewhere.body, /ログインIDまたはパスワードが正しくありません/);
    assert.match((await new TestBrowser(t.app, attacker.address).signIn(staff.loginId, staff.password)).body, /ロックされています/, 'still locked where it failed');
  });

  test('an unknown ID, a disabled account and an existing one get the same answers for the same tries, in similar time', async () => {
    const staff = await staffAccount(ctx.db, {});
    const disabled = await staffAccount(ctx.db, {});
    await ctx.db.kysely.updateTable('staff_users').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();
    // What a caller can see: status, the error summary and the field's message (lock times in minutes).
    const seen = (res: { statusCode: number; body: string }) =>
      `${res.statusCode} ${/<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0] ?? '(no summary)'} ${/<p class="field-error"[\s\S]*?<\/p>/.exec(res.body)?.[0] ?? ''}`.replace(
        /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g,
        'TIME',
      );
    const run = async (loginId: string, password: (i: number) => string) => {
      const browser = new TestBrowser(t.app);
      const answers: string[] = [];
      const started = performance.now();
      for (let i = 1; i <= 7; i += 1) answers.push(seen(await browser.signIn(loginId, password(i))));
      return { answers, ms: performance.now() - started };
    };
    const known = await run(staff.loginId, (i) => `Wrong-password-${i}`);
    const unknown = await run(`nobody.${Date.now()}`, (i) => `Wrong-password-${i}`);
    // The disabled account is tried with its right password: still nothing to tell it apart.
    const off = await run(disabled.loginId, () => disabled.password);
    assert.match(known.answers[0]!, /^401 .*ログインIDまたはパスワードが正しくありません/s);
    assert.match(known.answers[4]!, /^401 .*（日本時間）までロックされています/s);
    assert.deepEqual(unknown.answers, known.answers);
    assert.deepEqual(off.answers, known.answers);
    // Every try checks a password hash, known ID or not (a lookup alone would be ~100 times faster).
    const ratio = unknown.ms / known.ms;
    assert.ok(ratio > 0.33 && ratio < 3, `unknown ID took ${Math.round(unknown.ms)} ms, known ${Math.round(known.ms)} ms`);
  });

  test('a failure after an expired lock starts counting again from one', async () => {
    const staff = await staffAccount(ctx.db, {});
    const browser = new TestBrowser(t.app);
    await ctx.db.kysely
      .insertInto('staff_sign_in_failures')
      .values({ login_id: staff.loginId.toLowerCase(), client_address: browser.address, failures: 0, locked_until: new Date(Date.now() - 1000) })
      .execute();
    const res = await browser.signIn(staff.loginId, 'Wrong-password-1');
    assert.match(res.body, /ログインIDまたはパスワードが正しくありません/);
    const lock = await lockOf(staff.loginId, browser.address);
    assert.deepEqual([lock?.failures, lock?.locked_until], [1, null]);
  });

  test('wrong codes lock the account itself only for someone who gives the right password', async () => {
    const staff = await staffAccount(ctx.db, {});
    await ctx.db.kysely.updateTable('staff_users').set({ locked_until: new Date(Date.now() + 600_000) }).where('id', '=', staff.id).execute();
    assert.match((await new TestBrowser(t.app).signIn(staff.loginId, 'Wrong-password-1')).body, /ログインIDまたはパスワードが正しくありません/);
    assert.match((await new TestBrowser(t.app).signIn(staff.loginId, staff.password)).body, /ロックされています/);
  });

  test('a disabled account cannot sign in and is told nothing more than a wrong password', async () => {
    const staff = await staffAccount(ctx.db, {});
    await ctx.db.kysely.updateTable('staff_users').set({ disabled_at: new Date() }).where('id', '=', staff.id).execute();
    const res = await new TestBrowser(t.app).signIn(staff.loginId, staff.password);
    assert.equal(res.statusCode, 401);
    assert.match(res.body, /ログインIDまたはパスワードが正しくありません/);
  });

  test('sign-in posts are rate-limited per client address', async () => {
    const browser = new TestBrowser(t.app);
    const page = await browser.get('/staff/login');
    const csrf = TestBrowser.csrfOf(page.body);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await browser.post('/staff/login', { _csrf: csrf, loginId: '', password: '' })).statusCode);
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(401));
    assert.equal(statuses[10], 429);
  });

  test('an initial password must be changed first: the console is refused until then, the rule is enforced, then the console opens', async () => {
    const staff = await staffAccount(ctx.db, { roles: ['application_handler'], mustChangePassword: true, password: 'Initial-pass-0001' });
    const browser = new TestBrowser(t.app);
    const res = await browser.signIn(staff.loginId, staff.password, '/staff');
    assert.equal(res.headers.location, '/staff/password?next=%2Fstaff');
    const home = await browser.get('/staff');
    assert.equal(home.statusCode, 303);
    assert.equal(home.headers.location, '/staff/password');
    const page = await browser.get('/staff/password?next=%2Fstaff');
    assert.match(page.body, /初期パスワードのままでは利用できません/);

    const weak = await browser.submit('/staff/password', '/staff/password', { currentPassword: staff.password, newPassword: 'short1', confirmPassword: 'short2', next: '/staff' });
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /href="#newPassword"/);
    assert.match(weak.body, /12文字以上にしてください/);
    assert.match(weak.body, /href="#confirmPassword"/);
    const wrongCurrent = await browser.submit('/staff/password', '/staff/password', { currentPassword: 'nope', newPassword: 'Brand-new-pass-77', confirmPassword: 'Brand-new-pass-77' });
    assert.equal(wrongCurrent.statusCode, 400);
    assert.match(wrongCurrent.body, /現在のパスワードが正しくありません/);

    const ok = await browser.submit('/staff/password', '/staff/password', { currentPassword: staff.password, newPassword: 'Brand-new-pass-77', confirmPassword: 'Brand-new-pass-77', next: '/staff' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/staff');
    assert.equal((await browser.get('/staff')).statusCode, 200);
    const again = await new TestBrowser(t.app).signIn(staff.loginId, 'Brand-new-pass-77');
    assert.equal(again.headers.location, '/staff');
    assert.ok((await auditActions(staff.id)).includes('staff.password_changed'));
  });

  test('a voluntary password change ends the person’s other sessions', async () => {
    const staff = await staffAccount(ctx.db, {});
    const elsewhere = new TestBrowser(t.app);
    await elsewhere.signIn(staff.loginId, staff.password);
    const here = new TestBrowser(t.app);
    await here.signIn(staff.loginId, staff.password);
    const res = await here.submit('/staff/password', '/staff/password', { currentPassword: staff.password, newPassword: 'Changed-pass-2027', confirmPassword: 'Changed-pass-2027' });
    assert.equal(res.headers.location, '/staff/password?done=1');
    assert.equal((await here.get('/staff')).statusCode, 200);
    assert.equal((await elsewhere.get('/staff')).statusCode, 303, 'the other session has ended');
  });

  test('an administrator without a second factor must enrol one before the console; the code proves it, a wrong code does not', async () => {
    const admin = await staffAccount(ctx.db, { roles: ['municipality_admin'] });
    const browser = new TestBrowser(t.app);
    const res = await browser.signIn(admin.loginId, admin.password);
    assert.equal(res.headers.location, '/staff/totp?next=%2Fstaff');
    assert.equal((await browser.get('/staff/users')).headers.location, '/staff/totp');
    const page = await browser.get('/staff/totp?next=%2Fstaff');
    assert.equal(page.statusCode, 200);
    const { totp_secret: secret } = await ctx.db.kysely.selectFrom('staff_users').select('totp_secret').where('id', '=', admin.id).executeTakeFirstOrThrow();
    assert.ok(secret);
    assert.match(page.body, /otpauth:\/\/totp\//);
    assert.ok(page.body.includes(secret.slice(0, 4)), 'the secret is shown as text');
    assert.equal((await browser.get('/staff/totp')).body.includes(secret.slice(0, 4)), true, 'the same secret until confirmed');

    const wrong = await browser.submit('/staff/totp', '/staff/totp', { code: '000000', next: '/staff' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /確認コードが正しくないか/);
    const ok = await browser.submit('/staff/totp', '/staff/totp', { code: currentTotpCode(secret), next: '/staff' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/staff');
    assert.equal((await browser.get('/staff/users')).statusCode, 200);
    const actions = await auditActions(admin.id);
    assert.ok(actions.includes('staff.totp_enrol_failed') && actions.includes('staff.totp_enrolled'));
  });

  test('with a second factor, sign-in asks for the code; a wrong or replayed code is refused', async () => {
    const secret = generateTotpSecret();
    const admin = await staffAccount(ctx.db, { roles: ['municipality_admin'], totpSecret: secret });
    const first = new TestBrowser(t.app);
    const res = await first.signIn(admin.loginId, admin.password, '/staff/users');
    assert.equal(res.headers.location, '/staff/login/totp?next=%2Fstaff%2Fusers');
    assert.equal((await first.get('/staff')).headers.location, '/staff/login/totp');
    const wrong = await first.submit('/staff/login/totp', '/staff/login/totp', { code: '12345', next: '/staff/users' });
    assert.equal(wrong.statusCode, 400);
    const code = currentTotpCode(secret);
    const ok = await first.submit('/staff/login/totp', '/staff/login/totp', { code, next: '/staff/users' });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, '/staff/users');
    assert.equal((await first.get('/staff/users')).statusCode, 200);

    const second = new TestBrowser(t.app);
    await second.signIn(admin.loginId, admin.password);
    const replay = await second.submit('/staff/login/totp', '/staff/login/totp', { code });
    assert.equal(replay.statusCode, 400, 'the same code is not good twice');
    assert.equal((await second.get('/staff')).statusCode, 303);
    const failures = await ctx.db.kysely.selectFrom('audit_events').select('details').where('target', '=', admin.id).where('action', '=', 'staff.totp_failed').execute();
    assert.deepEqual(
      failures.map((f) => (f.details as { reason: string }).reason),
      ['wrong', 'replayed'],
    );
  });

  test('five wrong codes at the second step lock the account and end the session', async () => {
    const secret = generateTotpSecret();
    const staff = await staffAccount(ctx.db, { roles: ['viewer'], totpSecret: secret });
    const browser = new TestBrowser(t.app);
    await browser.signIn(staff.loginId, staff.password);
    let last = await browser.submit('/staff/login/totp', '/staff/login/totp', { code: '000000' });
    for (let i = 0; i < 4; i += 1) last = await browser.submit('/staff/login/totp', '/staff/login/totp', { code: '000000' });
    assert.equal(last.statusCode, 401);
    assert.match(last.body, /ロックされています/);
    assert.equal((await browser.get('/staff/login/totp')).headers.location, '/staff/login?next=%2Fstaff%2Flogin%2Ftotp');
  });
});
