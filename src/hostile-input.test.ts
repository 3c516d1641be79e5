// No 5xx from hostile input, on every route (issue #11, point 2). The routes come from the router
// itself, so a new route is covered the moment it is registered. Each route gets each class of
// hostile input — NUL and lone surrogates in path parameters, query names and values, JSON strings
// and keys, urlencoded and multipart fields; JSON nested 10,000 deep; limits and offsets no
// database integer holds; CR/LF in `next` — as its own caller (resident, staff, system or anyone),
// with real resources where the tenancy test has a fixture for the route. Then:
// - no answer is a 5xx;
// - text no database can hold, and JSON too deep, is a 400 `request.invalid` naming the field;
// - no refused request wrote anything: the row count and the newest row version (xmin) of every
//   table in the schema are the same before and after it, which also catches an update.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Db } from './platform/db/index.ts';
import type { StaffRole } from './platform/db/tables.ts';
import type { RegisteredRoute } from './platform/http/input-guard.ts';
import { buildTestApp, type TestApp } from './testing/app.ts';
import { describeOnDatabases } from './platform/testing/database.ts';
import { MUNICIPAL_ROLES, type AuthRequirement } from './modules/identity/index.ts';
import { apiClient, signedInResident, signedInStaff, type TestCaller } from './modules/identity/testing.ts';
import { publishedServiceWithForm, VALID_DATA } from './modules/applications/testing.ts';
import { ALL_SCOPES, fixtures, type Made } from './tenancy-fixtures.ts';

const HOME = '131130';

interface Target {
  route: RegisteredRoute;
  caller: TestCaller | null;
  params: Record<string, string>;
  body: Record<string, unknown>;
  isPage: boolean;
}

interface Probe {
  name: string;
  /** The request, or null when the class does not apply to the route. */
  build(target: Target): InjectOptions | null;
  /** The field a 400 must name; absent: any answer below 500 will do. */
  field?: (target: Target) => string | null;
}

const hasBody = (t: Target) => t.route.method !== 'GET';
const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!).concat(url.endsWith('*') ? ['*'] : []);

function pathOf(url: string, params: Record<string, string>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(params[name]!)).replace(/\*$/, () => encodeURIComponent(params['*']!));
}

/** A value for a path parameter that no fixture gives (the hostile part is elsewhere). */
function ordinaryParam(name: string): string {
  return ({ code: HOME, purpose: 'signature', lang: 'en', stepId: 'applicant', '*': 'app.css' } as Record<string, string>)[name] ?? randomUUID();
}

let addressCounter = 0;

function request(t: Target, options: { path?: string; query?: string; payload?: string | Buffer; contentType?: string }): InjectOptions {
  const path = options.path ?? pathOf(t.route.url, t.params);
  const headers: Record<string, string> = { ...(t.caller?.headers ?? {}), accept: t.isPage ? 'text/html' : 'application/json' };
  if (options.contentType) headers['content-type'] = options.contentType;
  return {
    method: t.route.method as 'GET',
    url: options.query ? `${path}?${options.query}` : path,
    // A client address of its own, so the sign-in forms' per-address limits never answer first.
    remoteAddress: `10.${(++addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`,
    headers,
    cookies: t.caller?.cookies ?? {},
    ...(options.payload === undefined ? {} : { payload: options.payload }),
  };
}

const csrfOf = (t: Target) => t.caller?.headers['x-csrf-token'] ?? '';
const json = (t: Target, extra: string) => {
  const base = JSON.stringify({ ...t.body, _csrf: csrfOf(t) });
  return `${base.slice(0, -1)},${extra}}`;
};

function multipart(fields: Record<string, string>): { payload: Buffer; contentType: string } {
  const boundary = `----hostile${randomUUID()}`;
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), contentType: `multipart/form-data; boundary=${boundary}` };
}

const HUGE_NUMBERS = ['Infinity', '-Infinity', '1e400', '1e20', '18446744073709551616', 'NaN'];
const DEPTH = 10_000;

/** The property names a route's schema declares for a part of the request. */
function schemaProperties(route: RegisteredRoute, part: 'querystring' | 'body'): string[] {
  const schema = (route.schema as Record<string, { properties?: Record<string, unknown> } | undefined> | undefined)?.[part];
  return Object.keys(schema?.properties ?? {});
}

function hasPagingSchema(route: RegisteredRoute): boolean {
  const query = (route.schema as { querystring?: { properties?: Record<string, unknown> } } | undefined)?.querystring;
  return Boolean(query?.properties && ('limit' in query.properties || 'offset' in query.properties));
}

const PROBES: Probe[] = [
  {
    name: 'NUL in a path parameter',
    build: (t) => (paramNames(t.route.url).length === 0 ? null : request(t, { path: pathOf(t.route.url, Object.fromEntries(paramNames(t.route.url).map((n) => [n, `a\u0000${t.params[n]}`]))) })),
    field: (t) => `params/${paramNames(t.route.url)[0]}`,
  },
  {
    name: 'a lone surrogate, UTF-8 encoded, in a path parameter',
    build: (t) => (paramNames(t.route.url).length === 0 ? null : request(t, { path: pathOf(t.route.url, t.params).replace(/\/[^/]*$/, '/%ED%A0%80') })),
  },
  {
    name: 'NUL in every query value the route declares, and in q and action',
    build: (t) => request(t, { query: ['q', 'action', ...schemaProperties(t.route, 'querystring')].map((n) => `${encodeURIComponent(n)}=a%00b`).join('&') }),
    field: () => 'querystring/q',
  },
  { name: 'NUL in a query name', build: (t) => request(t, { query: 'a%00b=1' }), field: () => 'querystring/a\\u0000b' },
  { name: 'a lone surrogate in the query', build: (t) => request(t, { query: 'q=%ED%A0%80&action=%ED%B0%80' }) },
  ...HUGE_NUMBERS.map<Probe>((n) => ({
    name: `limit, offset and page of ${n}`,
    build: (t) => request(t, { query: `limit=${n}&offset=${n}&page=${n}` }),
    field: (t) => (hasPagingSchema(t.route) ? 'querystring/' : null),
  })),
  { name: 'CR/LF in next', build: (t) => request(t, { query: `next=${encodeURIComponent('/\r\nSet-Cookie: planted=1\r\n\r\n')}` }) },
  {
    name: 'NUL in every string of a real body and in the fields the route declares',
    build: (t) => {
      if (!hasBody(t)) return null;
      const body: Record<string, unknown> = { ...t.body };
      for (const name of schemaProperties(t.route, 'body')) body[name] = 'a\u0000b';
      for (const [name, value] of Object.entries(body)) if (typeof value === 'string') body[name] = `${value}\u0000`;
      return request(t, { payload: JSON.stringify({ ...body, _csrf: csrfOf(t), note: 'a\u0000b' }), contentType: 'application/json' });
    },
    field: () => 'body/',
  },
  {
    name: 'NUL in a JSON key',
    build: (t) => (hasBody(t) ? request(t, { payload: json(t, '"a\\u0000b":1'), contentType: 'application/json' }) : null),
    field: () => 'body/a\\u0000b',
  },
  {
    name: 'a lone surrogate in a JSON string and key',
    build: (t) => (hasBody(t) ? request(t, { payload: json(t, '"note":"\\ud800x","\\udc00":1'), contentType: 'application/json' }) : null),
    field: () => 'body/',
  },
  {
    name: `JSON data ${DEPTH} levels deep`,
    build: (t) => (hasBody(t) ? request(t, { payload: json(t, `"data":${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`), contentType: 'application/json' }) : null),
    field: () => 'body',
  },
  {
    name: 'numbers no database integer holds, in JSON',
    build: (t) => (hasBody(t) ? request(t, { payload: json(t, '"limit":18446744073709551616,"offset":1e400,"version":1e20,"expectedVersion":18446744073709551616'), contentType: 'application/json' }) : null),
  },
  {
    name: 'numbers no database integer holds, in a form',
    build: (t) => {
      if (!hasBody(t)) return null;
      const huge = '18446744073709551616';
      const form = new URLSearchParams({ ...Object.fromEntries(Object.entries(t.body).map(([k, v]) => [k, String(v)])), _csrf: csrfOf(t), version: huge, revision: huge, offset: huge, rows: huge, overlapDays: huge });
      return request(t, { payload: form.toString(), contentType: 'application/x-www-form-urlencoded' });
    },
  },
  {
    name: 'NUL in a form field',
    build: (t) => {
      if (!hasBody(t)) return null;
      const form = new URLSearchParams({ ...Object.fromEntries(Object.entries(t.body).map(([k, v]) => [k, String(v)])), _csrf: csrfOf(t), note: 'a\u0000b' });
      return request(t, { payload: form.toString(), contentType: 'application/x-www-form-urlencoded' });
    },
    field: () => 'body/note',
  },
  {
    name: 'NUL in a multipart text field',
    build: (t) => {
      if (!hasBody(t)) return null;
      const form = multipart({ _csrf: csrfOf(t), note: 'a\u0000b' });
      return request(t, { payload: form.payload, contentType: form.contentType });
    },
  },
];

/**
 * The next transaction id. Reading it takes none, and any write, even one rolled back, takes one:
 * when it has not moved, nothing was written and the slower fingerprint below is not needed.
 */
async function nextTransactionId(db: Db): Promise<string> {
  const { rows } = await sql<{ xmax: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as xmax`.execute(db.kysely);
  return rows[0]!.xmax;
}

/** Row count and newest row version of every table: any committed insert, update or delete changes it. */
async function fingerprint(db: Db, tables: string[]): Promise<string> {
  const parts = tables.map((t) => `select '${t}' as t, count(*)::text as n, coalesce(max(xmin::text::bigint), 0)::text as x from "${t}"`);
  const { rows } = await sql<{ t: string; n: string; x: string }>`${sql.raw(parts.join(' union all '))}`.execute(db.kysely);
  return rows.map((r) => `${r.t}:${r.n}:${r.x}`).join(' ');
}

function describeWrite(before: string, after: string): string {
  const was = new Set(before.split(' '));
  return after.split(' ').filter((p) => !was.has(p)).join(', ');
}

interface Callers {
  resident: TestCaller;
  staff: TestCaller;
  national: TestCaller;
  system: TestCaller;
}

function callerFor(auth: AuthRequirement | undefined, callers: Callers): TestCaller | null {
  if (!auth || auth.optional) return null;
  if (auth.staff) {
    const roles = typeof auth.staff === 'object' ? auth.staff.roles : undefined;
    return !roles || roles.some((r) => (MUNICIPAL_ROLES as readonly StaffRole[]).includes(r)) ? callers.staff : callers.national;
  }
  if (auth.system) return callers.system;
  return callers.resident;
}

describeOnDatabases('hostile input on every route: never a 5xx, never a write', (ctx) => {
  let t: TestApp;
  let callers: Callers;
  let tables: string[];
  before(async () => {
    t = await buildTestApp(ctx.db, { RATE_LIMIT_MAX: '1000000' });
    callers = {
      resident: await signedInResident(ctx.db, { homeMunicipalityCode: HOME }),
      staff: await signedInStaff(ctx.db, { municipalityCode: HOME, roles: [...MUNICIPAL_ROLES] }),
      national: await signedInStaff(ctx.db, { roles: ['national_admin'] }),
      system: await apiClient(ctx.db, { municipalityCode: HOME, scopes: [...ALL_SCOPES] }),
    };
    // Each caller once, so that first-use bookkeeping (an API client's last use) is behind us.
    for (const caller of Object.values(callers)) await t.app.inject({ url: '/api/v1/me', cookies: caller.cookies, headers: caller.headers });
    const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(ctx.db.kysely);
    tables = rows.map((r) => r.name);
  });
  after(() => t.close());

  test('the router has routes of every kind of caller to check', () => {
    const auths = t.app.registeredRoutes.map((r) => r.config.auth as AuthRequirement | undefined);
    assert.ok(t.app.registeredRoutes.length > 100);
    for (const kind of ['resident', 'staff', 'system'] as const) assert.ok(auths.some((a) => a?.[kind]), kind);
  });

  test('every route, every class of hostile input: no 5xx, a 400 naming the field where the text cannot be stored, and nothing written', async () => {
    const failures: string[] = [];
    let previous = await fingerprint(ctx.db, tables);
    let previousXid = await nextTransactionId(ctx.db);
    let sent = 0;
    // Signing out last: the callers' sessions must live through every other route.
    const routes = [...t.app.registeredRoutes].sort((a, b) => Number(a.url.includes('logout')) - Number(b.url.includes('logout')));
    let freshAt = Date.now();
    for (const route of routes) {
      if (route.method === 'OPTIONS') continue;
      const auth = route.config.auth as AuthRequirement | undefined;
      const key = `${route.method} ${route.url}`;
      const fixture = fixtures[key];
      const made: Made = fixture ? await fixture(ctx.db, HOME) : { params: {} };
      // The callers' sessions and secrets record their use at most once a minute (identity's
      // SESSION_TOUCH_SECONDS), on whichever request comes then: on a busy machine this test runs
      // longer than that, and the touch must not land on a refused request. Mark them used now and then.
      const stale = Date.now() - freshAt > 20_000;
      if (stale) {
        await sql`update sessions set last_seen_at = now()`.execute(ctx.db.kysely);
        await sql`update api_client_secrets set last_used_at = now() where last_used_at is not null`.execute(ctx.db.kysely);
        freshAt = Date.now();
      }
      if (fixture || stale) [previous, previousXid] = [await fingerprint(ctx.db, tables), await nextTransactionId(ctx.db)];
      const params = Object.fromEntries(paramNames(route.url).map((n) => [n, made.params[n] ?? ordinaryParam(n)]));
      const target: Target = { route, caller: callerFor(auth, callers), params, body: made.body ?? {}, isPage: !route.url.startsWith('/api/') && !route.url.startsWith('/pki/') };
      for (const probe of PROBES) {
        const options = probe.build(target);
        if (!options) continue;
        sent += 1;
        let res: LightMyRequestResponse;
        try {
          res = await t.app.inject(options);
        } catch (error) {
          failures.push(`${key} — ${probe.name}: the request crashed (${(error as Error).message})`);
          continue;
        }
        const where = `${key} — ${probe.name}: ${res.statusCode}`;
        if (res.statusCode >= 500) failures.push(`${where} ${res.body.slice(0, 200)}`);
        if (String(res.headers['set-cookie'] ?? '').includes('planted')) failures.push(`${where}: a header was injected`);
        const field = probe.field?.(target);
        const isProblem = String(res.headers['content-type']).startsWith('application/problem+json');
        const code = isProblem ? (res.json() as { code: string }).code : null;
        if (field) {
          if (res.statusCode !== 400) failures.push(`${where}, not 400`);
          else if (target.isPage) {
            if (!String(res.headers['content-type']).startsWith('text/html')) failures.push(`${where}: a page answers with a page`);
          } else {
            const problem = res.json() as { code: string; errors?: Array<{ field: string }> };
            if (problem.code !== 'request.invalid' || !problem.errors?.some((e) => e.field.startsWith(field))) failures.push(`${where}: ${res.body.slice(0, 300)} does not name ${field}`);
          }
        }
        const xid = await nextTransactionId(ctx.db);
        if (xid === previousXid) continue;
        const now = await fingerprint(ctx.db, tables);
        // Refused at the edge, or refused as invalid: nothing may have been written. (Other refusals
        // may rightly write, e.g. the audit row of a wrong password.)
        const refusedAsInvalid = res.statusCode === 400 && (field !== undefined && field !== null ? true : code === 'request.invalid');
        if (refusedAsInvalid && now !== previous) failures.push(`${where}: refused, yet wrote ${describeWrite(previous, now)}`);
        [previous, previousXid] = [now, await nextTransactionId(ctx.db)];
      }
    }
    assert.ok(sent > 1000, `only ${sent} requests sent`);
    assert.deepEqual(failures, []);
  });
});

describeOnDatabases('the hostile requests of issue #11, on real resources', (ctx) => {
  let t: TestApp;
  let resident: TestCaller;
  let staff: TestCaller;
  let system: TestCaller;
  let draftId: string;
  before(async () => {
    t = await buildTestApp(ctx.db, { RATE_LIMIT_MAX: '1000000' });
    resident = await signedInResident(ctx.db, { homeMunicipalityCode: HOME });
    staff = await signedInStaff(ctx.db, { municipalityCode: HOME, roles: [...MUNICIPAL_ROLES] });
    system = await apiClient(ctx.db, { municipalityCode: HOME, scopes: [...ALL_SCOPES] });
    const { serviceId } = await publishedServiceWithForm(ctx.db, { municipalityCode: HOME });
    const draft = await t.app.inject({ method: 'POST', url: '/api/v1/applications/drafts', cookies: resident.cookies, headers: resident.headers, payload: { serviceId, data: VALID_DATA } });
    assert.equal(draft.statusCode, 201, draft.body);
    draftId = draft.json().id;
  });
  after(() => t.close());

  const call = (caller: TestCaller | null, options: InjectOptions) =>
    t.app.inject({ ...options, cookies: { ...(caller?.cookies ?? {}), ...((options.cookies as Record<string, string>) ?? {}) }, headers: { ...(caller?.headers ?? {}), ...(options.headers ?? {}) } });

  function assertNames(res: LightMyRequestResponse, field: string, rule: string): void {
    assert.equal(res.statusCode, 400, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const problem = res.json() as { code: string; detailJa: string; errors: Array<{ field: string; rule: string; message: { ja: string; en: string } }> };
    assert.equal(problem.code, 'request.invalid');
    assert.deepEqual(problem.errors.map((e) => [e.field, e.rule]), [[field, rule]]);
    assert.ok(problem.errors[0]!.message.ja && problem.errors[0]!.message.en);
  }

  test('given NUL or a lone surrogate in JSON strings and keys, then 400 naming the field, and the stored data is unchanged', async () => {
    const service = await fixtures['PUT /api/v1/system/services/:id']!(ctx.db, HOME);
    const put = (payload: string) => call(system, { method: 'PUT', url: `/api/v1/system/services/${service.params.id}`, payload, headers: { 'content-type': 'application/json' } });
    assertNames(await put('{"title":"a\\u0000b","version":1}'), 'body/title', 'noNul');
    assertNames(await put('{"title":"a\\ud800b","version":1}'), 'body/title', 'wellFormed');
    assertNames(await put('{"title":"ok","version":1,"links":[{"a\\u0000":1}]}'), 'body/links/0/a\\u0000', 'noNul');
    const patch = (payload: string) => call(resident, { method: 'PATCH', url: `/api/v1/applications/drafts/${draftId}`, payload, headers: { 'content-type': 'application/json' } });
    assertNames(await patch('{"data":{"applicant":{"name":"a\\u0000b"}}}'), 'body/data/applicant/name', 'noNul');
    assertNames(await patch('{"data":{"applicant":{"\\udc00":"x"}}}'), 'body/data/applicant/\\udc00', 'wellFormed');
    assertNames(await patch(`{"data":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`), 'body', 'maxDepth');
    const read = await call(resident, { url: `/api/v1/applications/drafts/${draftId}` });
    assert.deepEqual(read.json().data, VALID_DATA);
  });

  test('given NUL in a query or a path, then 400 naming it', async () => {
    assertNames(await call(null, { url: '/api/v1/municipalities?q=a%00b' }), 'querystring/q', 'noNul');
    assertNames(await call(null, { url: '/pki/test/cards/%00/authentication/certificate' }), 'params/id', 'noNul');
    assertNames(await call(null, { url: '/api/v1/municipalities/%ED%A0%80' }), 'params', 'wellFormed');
  });

  test('given limit or offset no database integer holds, then 400 naming it', async () => {
    for (const value of ['Infinity', '1e400', '1e20', '18446744073709551616', '-Infinity']) {
      const limit = await call(null, { url: `/api/v1/municipalities?limit=${value}` });
      assert.equal(limit.statusCode, 400, `${value}: ${limit.body}`);
      assert.ok(limit.json().errors.some((e: { field: string }) => e.field === 'querystring/limit'), value);
      const offset = await call(system, { url: `/api/v1/system/services?offset=${value}` });
      assert.equal(offset.statusCode, 400, `${value}: ${offset.body}`);
      assert.ok(offset.json().errors.some((e: { field: string }) => e.field === 'querystring/offset'), value);
    }
    assert.equal((await call(null, { url: '/api/v1/municipalities?limit=5&offset=10' })).statusCode, 200);
  });

  test('given NUL in a page’s query or form, then the 400 is a page in Japanese, or in English for an English reader, naming the field', async () => {
    const page = { accept: 'text/html' };
    const audit = await call(staff, { url: '/staff/audit?action=a%00b', headers: page });
    assert.equal(audit.statusCode, 400);
    assert.match(String(audit.headers['content-type']), /^text\/html/);
    assert.match(audit.body, /リクエストの内容が正しくありません。/);
    assert.match(audit.body, /querystring\/action: NUL文字/);
    const english = await call(staff, { url: '/staff/audit?action=a%00b', headers: page, cookies: { lang: 'en' } });
    assert.equal(english.statusCode, 400);
    assert.match(english.body, /The request is not valid\./);
    assert.match(english.body, /querystring\/action: must not contain a NUL character/);

    const form = (fields: Record<string, string>) => new URLSearchParams({ _csrf: resident.headers['x-csrf-token']!, ...fields }).toString();
    const step = await call(resident, {
      method: 'POST',
      url: `/applications/drafts/${draftId}/steps/applicant`,
      headers: { ...page, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ 'applicant.name': 'a\u0000b' }),
    });
    assert.equal(step.statusCode, 400);
    assert.match(step.body, /body\/applicant\.name/);
    const builder = await fixtures['POST /staff/forms/:id/edit']!(ctx.db, HOME);
    const edit = await call(staff, {
      method: 'POST',
      url: `/staff/forms/${builder.params.id}/edit`,
      headers: { ...page, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: staff.headers['x-csrf-token']!, ...(builder.body as Record<string, string>), titleJa: 'a\u0000b' }).toString(),
    });
    assert.equal(edit.statusCode, 400);
    assert.match(edit.body, /body\/titleJa/);
    const read = await call(resident, { url: `/api/v1/applications/drafts/${draftId}` });
    assert.deepEqual(read.json().data, VALID_DATA);
  });

  test('given CR/LF in next, then no header is injected and the redirect stays home', async () => {
    const res = await call(null, { url: `/lang/en?next=${encodeURIComponent('/\r\nSet-Cookie: planted=1')}` });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/');
    assert.equal(String(res.headers['set-cookie']).includes('planted'), false);
  });
});
