import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { deriveAgencyCode, ensureAgencyCode } from './agency-codes.ts';
import { ensureNationalAgencyCodes, nationalAgencyName } from './national-agency-codes.ts';
import { signedInResident, signedInStaff } from './testing.ts';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describeOnDatabases('agency-specific codes of national bodies', (ctx) => {
  let t: TestApp;
  let residentId: string;
  let codes: Record<string, string>;
  let municipalCode: string;
  before(async () => {
    t = await buildTestApp(ctx.db);
    residentId = (await signedInResident(ctx.db)).id;
    await ensureNationalAgencyCodes(ctx.db.kysely, residentId);
    await ensureNationalAgencyCodes(ctx.db.kysely, residentId); // idempotent
    const rows = await ctx.db.kysely.selectFrom('national_agency_codes').select(['agency', 'code']).where('resident_id', '=', residentId).execute();
    codes = Object.fromEntries(rows.map((r) => [r.agency, r.code]));
    municipalCode = (await ensureAgencyCode(ctx.db.kysely, '131130', residentId)).code;
  });
  after(() => t.close());

  test('each national body has one code per resident, unlike every other body’s and the municipality’s', () => {
    assert.deepEqual(Object.keys(codes).sort(), ['cfa', 'digital', 'mhlw']);
    const all = [...Object.values(codes), municipalCode];
    assert.equal(new Set(all).size, all.length);
    for (const code of all) assert.match(code, /^[A-Z2-7]{20}$/);
  });

  test('a code is the keyed HMAC of the body and the account: another key gives another code', async () => {
    const key = await ctx.db.kysely.selectFrom('agency_code_keys').select(['secret']).orderBy('version').executeTakeFirstOrThrow();
    assert.equal(deriveAgencyCode(new Uint8Array(key.secret), nationalAgencyName('cfa'), residentId), codes.cfa);
    assert.notEqual(deriveAgencyCode(new Uint8Array(32), nationalAgencyName('cfa'), residentId), codes.cfa);
  });

  async function check(caller: { cookies: Record<string, string>; headers: Record<string, string> }, fields: Record<string, string>) {
    return t.app.inject({
      method: 'POST',
      url: '/staff/account-check',
      cookies: caller.cookies,
      headers: { ...caller.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: form(fields),
    });
  }

  test("a national administrator checks one body's codes, and only that body's", async () => {
    const admin = await signedInStaff(ctx.db, { roles: ['national_admin'] });
    const page = await t.app.inject({ url: '/staff/account-check', cookies: admin.cookies });
    assert.match(page.body, /<select id="agency-one" name="agency">/);
    assert.match((await check(admin, { agency: 'cfa', code: codes.cfa! })).body, /アカウントあり/);
    assert.match((await check(admin, { agency: 'cfa', code: codes.mhlw! })).body, /アカウントなし/);
    assert.match((await check(admin, { agency: 'cfa', code: municipalCode })).body, /アカウントなし/);
    const unknown = await check(admin, { agency: 'nope', code: codes.cfa! });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /href="#agency-one"/);
    const audit = await ctx.db.kysely.selectFrom('audit_events').select(['target']).where('actor_id', '=', admin.id).execute();
    assert.ok(audit.every((e) => e.target === 'national:cfa'));
  });

  test("a municipality never learns a national body's codes", async () => {
    const staff = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['viewer'] });
    assert.match((await check(staff, { agency: 'cfa', code: codes.cfa! })).body, /アカウントなし/);
    assert.match((await check(staff, { code: municipalCode })).body, /アカウントあり/);
  });
});
