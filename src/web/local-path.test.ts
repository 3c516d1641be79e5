// No open redirect (issue #11, point 1): one check of `next`, shared by the server and the browser's
// login script, against the classic bypass list; then every place that takes a `next` over HTTP.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../testing/app.ts';
import { describeOnDatabases } from '../platform/testing/database.ts';
import { DEMO_RESIDENTS } from '../demo/seed.ts';
import { TestBrowser, staffAccount } from '../modules/identity/testing.ts';
import { createDbTestPkiStore, issueTestCard } from '../modules/signatures/index.ts';
import { isLocalPath, safeLocalPath } from './assets/local-path.js';

/** Each of these, followed by a browser from a page of this site, must not leave it. */
const BYPASSES = [
  '//evil.example',
  '/\t/evil.example',
  '/%09/evil.example',
  '/\n/evil.example',
  '/%0A/evil.example',
  '/%0d%0a/evil.example',
  '/\r\nSet-Cookie: a=b',
  '/\\evil.example',
  '/%5Cevil.example',
  '/%5C%5Cevil.example',
  '\\\\evil.example',
  '/%2F/evil.example',
  '/%2fevil.example',
  '/%252F/evil.example',
  '/%25252F%25252Fevil.example',
  '/%255Cevil.example',
  '/%2509/evil.example',
  '/\x00/evil.example',
  '/%00/evil.example',
  '/\uFF0Fevil.example',
  '/%EF%BC%8Fevil.example',
  '/\uFF3Cevil.example',
  '/ /evil.example',
  '/%20/evil.example',
  '/\u3000/evil.example',
  '/%E2%80%AE/evil.example',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  '%2F%2Fevil.example',
  'https://evil.example/',
  'evil.example',
  '',
  '/%zz',
  `/${'a'.repeat(3000)}`,
];

const GOOD = ['/', '/me', '/staff/users?x=1', '/services?q=%E4%BF%9D%E8%82%B2&page=2', '/services?q=a+b#results', '/applications/drafts/1/steps/applicant', '/a/b;c=d?e=f:g@h'];

describe('a next is a local path only when it stays on this site', () => {
  test('given each value of the classic bypass list, then it is not a local path and the fallback is used', () => {
    for (const value of BYPASSES) {
      assert.equal(isLocalPath(value), false, JSON.stringify(value));
      assert.equal(safeLocalPath(value, '/me'), '/me', JSON.stringify(value));
    }
    for (const value of [undefined, null, 42, ['/me'], { toString: () => '/me' }]) assert.equal(safeLocalPath(value, '/x'), '/x');
  });

  test('given ordinary paths, with queries and fragments, then they are kept as they are', () => {
    for (const value of GOOD) assert.equal(safeLocalPath(value, '/fallback'), value, value);
  });

  test('the browser’s login script uses this very module, not a copy', async () => {
    const script = await readFile(new URL('./assets/resident-login.js', import.meta.url), 'utf8');
    assert.match(script, /^import \{ safeLocalPath \} from '\.\/local-path\.js';$/m);
    assert.match(script, /safeLocalPath\(form\.getAttribute\('data-next'\)/);
  });
});

describeOnDatabases('every next taken over HTTP', (ctx) => {
  let t: TestApp;
  before(async () => {
    // With a demo card, so that the login page has its form and the form its data-next.
    t = await buildTestApp(ctx.db, { DEMO: true });
    const [r] = DEMO_RESIDENTS;
    await issueTestCard({ store: createDbTestPkiStore(ctx.db), id: r!.cardId, resident: r!.resident, signaturePin: r!.signaturePin, authenticationPin: r!.authenticationPin });
  });
  after(() => t.close());

  const encode = (value: string) => encodeURIComponent(value);

  test('given the language switch, when next is a bypass, then it redirects home; a good next is followed', async () => {
    const res = await t.app.inject({ url: '/lang/en?next=/%09/evil.example' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/');
    for (const value of BYPASSES) {
      const bypass = await t.app.inject({ url: `/lang/en?next=${encode(value)}` });
      // A NUL never gets this far: the input guard refuses it first (point 2).
      if (value.includes('\u0000')) assert.equal(bypass.statusCode, 400, JSON.stringify(value));
      else assert.deepEqual([bypass.statusCode, bypass.headers.location], [303, '/'], JSON.stringify(value));
    }
    for (const value of GOOD) assert.equal((await t.app.inject({ url: `/lang/ja?next=${encode(value)}` })).headers.location, value);
  });

  test('given the staff sign-in, when next is a bypass in the address or the form, then it goes to the console home', async () => {
    const staff = await staffAccount(ctx.db, {});
    for (const value of ['/%09/evil.example', '/\t/evil.example', '/%2F/evil.example', '/\uFF0Fevil.example', '/%5Cevil.example']) {
      const browser = new TestBrowser(t.app);
      const page = await browser.get(`/staff/login?next=${encode(value)}`);
      assert.match(page.body, /name="next" value="\/staff"/, JSON.stringify(value));
      const res = await browser.post('/staff/login', { _csrf: TestBrowser.csrfOf(page.body), loginId: staff.loginId, password: staff.password, next: value });
      assert.equal(res.statusCode, 303, JSON.stringify(value));
      assert.equal(res.headers.location, '/staff', JSON.stringify(value));
    }
    const good = await new TestBrowser(t.app).signIn(staff.loginId, staff.password, '/staff/users?x=1');
    assert.equal(good.headers.location, '/staff/users?x=1');
  });

  test('given the resident login page, when next is a bypass, then the script is told to go to the folder', async () => {
    for (const value of ['/%09/evil.example', '/\t/evil.example', '//evil.example', 'javascript:alert(1)']) {
      const page = await t.app.inject({ url: `/login?next=${encode(value)}` });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /data-next="\/me"/, JSON.stringify(value));
    }
    const good = await t.app.inject({ url: `/login?next=${encode('/applications?x=1')}` });
    assert.match(good.body, /data-next="\/applications\?x=1"/);
    assert.match(good.body, /<script src="\/assets\/resident-login\.js" type="module"><\/script>/);
    const script = await t.app.inject({ url: '/assets/local-path.js' });
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['content-type']), /javascript/);
    assert.equal((await t.app.inject({ url: '/assets/local-path.d.ts' })).statusCode, 404);
  });
});
