// The national administration pages answer national administrators only (issue #11 §5).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { signedInResident, signedInStaff } from '../identity/testing.ts';

const PAGES = [
  ['/admin', /<h1[^>]*>国の管理画面<\/h1>/],
  ['/admin/jobs', /<h1[^>]*>ジョブキュー<\/h1>/],
  ['/admin/evidence', /<h1[^>]*>証跡ログ<\/h1>/],
] as const;

describeOnDatabases('national administration pages', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
  });
  after(() => t.close());

  test('a browser without a session is sent to the staff sign-in and back; an API caller gets 401', async () => {
    for (const [path] of PAGES) {
      const page = await t.app.inject({ url: `${path}?x=1`, headers: { accept: 'text/html' } });
      assert.equal(page.statusCode, 303, path);
      assert.equal(page.headers.location, `/staff/login?next=${encodeURIComponent(`${path}?x=1`)}`);
      const api = await t.app.inject({ url: path });
      assert.equal(api.statusCode, 401, path);
      assert.equal((await t.app.inject({ method: 'HEAD', url: path })).statusCode, 401, `HEAD ${path}`);
      assert.equal(api.json().code, 'identity.unauthenticated');
      assert.doesNotMatch(api.body, /ジョブ|participating/);
    }
  });

  test('municipal staff, a prefecture viewer and a resident are refused with 403', async () => {
    const callers = [
      { who: 'municipal staff', caller: await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['municipality_admin', 'service_editor', 'application_handler', 'viewer'] }), says: /この操作を行う権限がありません/ },
      { who: 'prefecture viewer', caller: await signedInStaff(ctx.db, { roles: ['prefecture_viewer'] }), says: /この操作を行う権限がありません/ },
      { who: 'resident', caller: await signedInResident(ctx.db), says: /住民の方は利用できません/ },
    ];
    for (const { who, caller, says } of callers) {
      for (const [path] of PAGES) {
        const res = await t.app.inject({ url: path, cookies: caller.cookies, headers: { accept: 'text/html' } });
        assert.equal(res.statusCode, 403, `${who} on ${path}`);
        assert.match(res.body, says);
        assert.doesNotMatch(res.body, /利用している市区町村|ジョブごとの件数|監視（ウィットネス）の状態/);
      }
    }
  });

  test('a national administrator sees the pages, and every link on them leads somewhere', async () => {
    const national = await signedInStaff(ctx.db, { roles: ['national_admin'] });
    for (const [path, heading] of PAGES) {
      const res = await t.app.inject({ url: path, cookies: national.cookies, headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 200, path);
      assert.match(res.body, heading);
      const links = [...res.body.matchAll(/href="(\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
      for (const link of new Set(links)) {
        const target = await t.app.inject({ url: link, cookies: national.cookies, headers: { accept: 'text/html' } });
        assert.ok(target.statusCode < 400, `${path} links to ${link}, which answers ${target.statusCode}`);
      }
    }
  });

  test('a national administrator who has not finished signing in is sent to finish first', async () => {
    const halfway = await signedInStaff(ctx.db, { roles: ['national_admin'], stage: 'totp' });
    const res = await t.app.inject({ url: '/admin', cookies: halfway.cookies, headers: { accept: 'text/html' } });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/staff/login/totp');
  });

  test('the router lists every /admin route as protected for national administrators only', () => {
    const admin = t.app.protectedRoutes.filter((r) => r.url === '/admin' || r.url.startsWith('/admin/'));
    const listed = admin.map((r) => `${r.method} ${r.url}`);
    // The shell's own pages, the evidence log's (issue #12) and the help module's national desk, FAQ and response times (issue #13).
    for (const route of ['GET /admin', 'GET /admin/jobs', 'GET /admin/evidence', 'GET /admin/help/inquiries', 'POST /admin/help/inquiries/:id/reply', 'GET /admin/help/faq', 'GET /admin/help/response-times']) {
      assert.ok(listed.includes(route), `${route} is not listed`);
    }
    for (const route of admin) assert.deepEqual(route.auth.staff, { roles: ['national_admin'] });
  });
});
