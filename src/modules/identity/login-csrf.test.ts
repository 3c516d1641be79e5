// The sign-in form's CSRF cookie under https carries the __Host- prefix like the session cookie
// (issue #11, point 8): a sibling host may set cookies for the parent domain, never a __Host- one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { TestBrowser, staffAccount } from './staff-test-browser.ts';

describeOnDatabases('the sign-in CSRF cookie', (ctx) => {
  let https: TestApp;
  let http: TestApp;
  before(async () => {
    https = await buildTestApp(ctx.db, { PUBLIC_URL: 'https://onestop.example.jp' });
    http = await buildTestApp(ctx.db);
  });
  after(async () => {
    await https.close();
    await http.close();
  });

  type Cookie = { name: string; value: string; secure?: boolean; path?: string; domain?: string; sameSite?: string };
  const loginCookies = (res: { cookies: unknown[] }) => (res.cookies as Cookie[]).filter((c) => c.name.includes('login_csrf'));

  test('given https, when the sign-in page is shown, then the cookie is __Host-, Secure, for path / and no domain', async () => {
    const res = await new TestBrowser(https.app).get('/staff/login');
    assert.equal(res.statusCode, 200);
    const [cookie, ...more] = loginCookies(res);
    assert.equal(more.length, 0);
    assert.equal(cookie?.name, '__Host-onestop_login_csrf');
    assert.equal(cookie.secure, true);
    assert.equal(cookie.path, '/');
    assert.equal(cookie.domain, undefined);
    assert.equal(cookie.sameSite, 'Strict');
  });

  test('given https, when the token comes in a cookie without the prefix (as a sibling host could plant it), then the sign-in is refused', async () => {
    const staff = await staffAccount(ctx.db, {});
    const browser = new TestBrowser(https.app);
    const page = await browser.get('/staff/login');
    const token = TestBrowser.csrfOf(page.body);
    browser.cookies.delete('__Host-onestop_login_csrf');
    browser.cookies.set('onestop_login_csrf', token);
    const planted = await browser.post('/staff/login', { _csrf: token, loginId: staff.loginId, password: staff.password });
    assert.equal(planted.statusCode, 403);
    browser.cookies.set('__Host-onestop_login_csrf', token);
    const real = await browser.post('/staff/login', { _csrf: token, loginId: staff.loginId, password: staff.password });
    assert.equal(real.statusCode, 303, real.body);
  });

  test('given plain http (a laptop), then the cookie keeps its plain name, since __Host- needs Secure', async () => {
    const res = await new TestBrowser(http.app).get('/staff/login');
    assert.deepEqual(loginCookies(res).map((c) => [c.name, c.secure ?? false]), [['onestop_login_csrf', false]]);
  });
});
