// R15 over the whole router: every route that serves staff or systems is found from the router
// itself, so a new route is covered the moment it is registered.
// - Without credentials, every protected route answers 401.
// - Municipal staff get 403 from every staff route reserved to other roles (the national
//   administration pages among them, issue #11 §5).
// - For every route that names a resource (a path parameter), municipality B's resource is created
//   by the route's fixture below; A's staff and A's system get 404 for it, while B's get through —
//   which proves the fixture is real and the test cannot pass by finding nothing.
// A protected route with a path parameter and no fixture fails the test until one is written.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Db } from './platform/db/index.ts';
import type { StaffRole } from './platform/db/tables.ts';
import { buildTestApp, type TestApp } from './testing/app.ts';
import { describeOnDatabases } from './platform/testing/database.ts';
import { MUNICIPAL_ROLES, type ProtectedRoute } from './modules/identity/index.ts';
import { apiClient, signedInStaff, type TestCaller } from './modules/identity/testing.ts';
import { fixtures, ALL_SCOPES, type Made } from './tenancy-fixtures.ts';
import type { LightMyRequestResponse } from 'fastify';

const A = '131130'; // 東京都渋谷区
const B = '141003'; // 神奈川県横浜市

function key(route: ProtectedRoute): string {
  return `${route.method} ${route.url}`;
}

function servesStaffOrSystem(route: ProtectedRoute): boolean {
  return Boolean(route.auth.staff || route.auth.system) && !route.auth.optional;
}

function fillPath(url: string, params: Record<string, string>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`fixture gives no value for :${name} in ${url}`);
    return encodeURIComponent(value);
  });
}

function hasParams(url: string): boolean {
  return /:[A-Za-z0-9_]+/.test(url);
}

/** Whether a municipal caller may use the route at all (otherwise 403 is the right refusal). */
function municipalStaffMayUse(route: ProtectedRoute): boolean {
  const staff = route.auth.staff;
  if (!staff) return false;
  const roles = typeof staff === 'object' ? staff.roles : undefined;
  return !roles || roles.some((r) => (MUNICIPAL_ROLES as readonly StaffRole[]).includes(r));
}

async function callersOf(db: Db, municipalityCode: string): Promise<{ staff: TestCaller; system: TestCaller }> {
  return {
    staff: await signedInStaff(db, { municipalityCode, roles: [...MUNICIPAL_ROLES] }),
    system: await apiClient(db, { municipalityCode, scopes: [...ALL_SCOPES] }),
  };
}

describeOnDatabases('every staff and system route keeps municipalities apart (R15)', (ctx) => {
  let t: TestApp;
  let routes: ProtectedRoute[];
  before(async () => {
    t = await buildTestApp(ctx.db);
    routes = t.app.protectedRoutes.filter(servesStaffOrSystem);
  });
  after(() => t.close());

  test('the router has staff and system routes to check', () => {
    assert.ok(routes.length > 0);
  });

  test('without credentials every protected route answers 401', async () => {
    for (const route of t.app.protectedRoutes.filter((r) => !r.auth.optional)) {
      const url = route.url.replace(/:([A-Za-z0-9_]+)/g, 'x');
      const res = await t.app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {} });
      assert.equal(res.statusCode, 401, `${key(route)} answered ${res.statusCode} without credentials`);
    }
  });

  test('municipal staff get 403 from every staff route reserved to other roles, the national pages among them', async () => {
    const reserved = t.app.protectedRoutes.filter((r) => r.auth.staff && !r.auth.optional && !municipalStaffMayUse(r));
    // The national administration pages (issue #11 §5) are here, so the check cannot pass empty.
    for (const url of ['/admin', '/admin/jobs']) assert.ok(reserved.some((r) => r.method === 'GET' && r.url === url), `${url} is not reserved`);
    const { staff } = await callersOf(ctx.db, A);
    for (const route of reserved) {
      const url = route.url.replace(/:([A-Za-z0-9_]+)/g, 'x');
      const res = await t.app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {}, cookies: staff.cookies, headers: staff.headers });
      assert.equal(res.statusCode, 403, `${key(route)} answered ${res.statusCode} to municipal staff`);
    }
  });

  test("municipality A's staff and systems get 404 for municipality B's resources", async () => {
    const a = await callersOf(ctx.db, A);
    const b = await callersOf(ctx.db, B);
    const missing: string[] = [];
    for (const route of routes.filter((r) => hasParams(r.url))) {
      const fixture = fixtures[key(route)];
      if (!fixture) {
        missing.push(key(route));
        continue;
      }
      const made = await fixture(ctx.db, B);
      const url = fillPath(route.url, made.params);
      const payload = route.method === 'GET' ? undefined : (made.body ?? {});
      for (const kind of ['staff', 'system'] as const) {
        if (kind === 'staff' && !route.auth.staff) continue;
        if (kind === 'system' && !route.auth.system) continue;
        const own = await t.app.inject({ method: route.method as 'GET', url, payload, cookies: b[kind].cookies, headers: b[kind].headers });
        if (kind === 'staff' && !municipalStaffMayUse(route)) {
          assert.equal(own.statusCode, 403, `${key(route)} must refuse municipal staff`);
          continue;
        }
        assert.ok(![401, 403, 404].includes(own.statusCode), `${key(route)}: B's own ${kind} got ${own.statusCode} for B's resource (fixture not real?)`);
        // The fixture may have been consumed by B's call (e.g. a one-time action): make another.
        const again: Made = await fixture(ctx.db, B);
        const otherUrl = fillPath(route.url, again.params);
        const foreign: LightMyRequestResponse = await t.app.inject({
          method: route.method as 'GET',
          url: otherUrl,
          payload: route.method === 'GET' ? undefined : (again.body ?? {}),
          cookies: a[kind].cookies,
          headers: a[kind].headers,
        });
        assert.equal(foreign.statusCode, 404, `${key(route)}: A's ${kind} got ${foreign.statusCode} for B's resource`);
      }
    }
    assert.deepEqual(missing, [], `protected routes with path parameters need a fixture in src/tenancy-fixtures.ts: ${missing.join(', ')}`);
  });
});
