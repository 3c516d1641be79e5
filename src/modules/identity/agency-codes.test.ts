// Agency-specific codes (R6, R7, R15): derivation, key rotation, registration and the account check
// by API and by the staff page, each municipality only ever seeing its own codes.
import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { codesFromText } from './account-check-pages.tsx';
import { deriveAgencyCode, ensureAgencyCode, normalizeAgencyCode, rotateAgencyKey, toBase32 } from './agency-codes.ts';
import { apiClient, signedInResident, signedInStaff } from './testing.ts';

describe('agency-specific code derivation', () => {
  test('two agencies get different codes for one resident, and neither follows from the other without the key', () => {
    const key = randomBytes(32);
    const resident = randomUUID();
    const shibuya = deriveAgencyCode(key, '131130', resident);
    const yokohama = deriveAgencyCode(key, '141003', resident);
    assert.match(shibuya, /^[A-Z2-7]{20}$/);
    assert.notEqual(shibuya, yokohama);
    assert.equal(deriveAgencyCode(key, '131130', resident), shibuya, 'stable');
    // Without the key: neither a keyless hash of the same input nor another key gives the code.
    assert.notEqual(toBase32(createHmac('sha256', Buffer.alloc(32)).update(`131130:${resident}`).digest().subarray(0, 13)).slice(0, 20), shibuya);
    assert.notEqual(deriveAgencyCode(randomBytes(32), '131130', resident), shibuya);
  });

  test('codes are read as people type them; CSV and pasted lists give their first column and skip a header', () => {
    assert.equal(normalizeAgencyCode('abcd-efgh ijkl mnop qrst'), 'ABCDEFGHIJKLMNOPQRST');
    assert.equal(normalizeAgencyCode('ABCDEFGHIJKLMNOPQRS1'), null, '1 is not base32');
    assert.deepEqual(codesFromText('\uFEFF機関別符号,備考\r\n"AAAAAAAAAAAAAAAAAAAA",x\r\n\r\nBBBBBBBBBBBBBBBBBBBB\n'), ['AAAAAAAAAAAAAAAAAAAA', 'BBBBBBBBBBBBBBBBBBBB']);
  });
});

describeOnDatabases('agency-specific codes', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
  });
  after(() => t.close());

  async function linkedResident(municipalities: string[]): Promise<{ id: string; codes: Record<string, string> }> {
    const r = await signedInResident(ctx.db);
    const codes: Record<string, string> = {};
    for (const m of municipalities) codes[m] = (await ensureAgencyCode(ctx.db.kysely, m, r.id)).code;
    return { id: r.id, codes };
  }

  function post(url: string, headers: Record<string, string>, codes: string[]) {
    return t.app.inject({ method: 'POST', url, headers, payload: { codes } });
  }

  test('a system checks only its own agency: another municipality’s code of the same resident is unknown', async () => {
    const r = await linkedResident(['131130', '141003']);
    assert.notEqual(r.codes['131130'], r.codes['141003']);
    const shibuya = await apiClient(ctx.db, { municipalityCode: '131130', scopes: ['identity:codes'] });
    const res = await post('/api/v1/agency-codes/check', shibuya.headers, [r.codes['131130']!.toLowerCase(), r.codes['141003']!, 'ZZZZZZZZZZZZZZZZZZZZ']);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().items, [
      { code: r.codes['131130'], hasAccount: true },
      { code: r.codes['141003'], hasAccount: false },
      { code: 'ZZZZZZZZZZZZZZZZZZZZ', hasAccount: false },
    ]);
    const audit = await ctx.db.kysely.selectFrom('audit_events').select(['municipality_code', 'details']).where('action', '=', 'agency_codes.checked').execute();
    assert.deepEqual(audit.at(-1), { municipality_code: '131130', details: { count: 3, withAccount: 1 } });
  });

  test('registering keeps unknown codes without an account; the resident’s later link gives them one', async () => {
    const yokohama = await apiClient(ctx.db, { municipalityCode: '141003', scopes: ['identity:codes'] });
    const r = await linkedResident(['141003']);
    const unknown = 'QQQQQQQQQQQQQQQQQQQQ';
    const res = await post('/api/v1/agency-codes/register', yokohama.headers, [r.codes['141003']!, unknown, unknown]);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { received: 3, added: 1, withAccount: 1 });
    const rows = await ctx.db.kysely.selectFrom('agency_codes').selectAll().where('code', '=', unknown).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.resident_id, null);
    assert.ok(rows[0]!.registered_at);
    // Registering again changes nothing.
    assert.deepEqual((await post('/api/v1/agency-codes/register', yokohama.headers, [unknown])).json(), { received: 1, added: 0, withAccount: 0 });
  });

  test('the API needs the identity:codes scope, valid codes and at most 10,000 of them', async () => {
    const without = await apiClient(ctx.db, { municipalityCode: '131130', scopes: ['applications:read'] });
    assert.equal((await post('/api/v1/agency-codes/check', without.headers, ['AAAAAAAAAAAAAAAAAAAA'])).statusCode, 403);
    const system = await apiClient(ctx.db, { municipalityCode: '131130', scopes: ['identity:codes'] });
    const bad = await post('/api/v1/agency-codes/check', system.headers, ['AAAAAAAAAAAAAAAAAAAA', 'not-a-code']);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'identity.invalid_agency_code');
    assert.equal(bad.json().errors[0].field, 'codes/1');
    const many = await post('/api/v1/agency-codes/check', system.headers, Array.from({ length: 10_001 }, () => 'AAAAAAAAAAAAAAAAAAAA'));
    assert.equal(many.statusCode, 400);
    const full = await post('/api/v1/agency-codes/check', system.headers, Array.from({ length: 10_000 }, (_v, i) => toBase32(Buffer.from(`${i}`.padStart(13, '0'))).slice(0, 20)));
    assert.equal(full.statusCode, 200);
    assert.equal(full.json().items.length, 10_000);
  });

  test('after a key rotation new links use the new key and old codes keep resolving', async () => {
    const before = await linkedResident(['131121']);
    const version = await rotateAgencyKey(ctx.db.kysely);
    const after = await linkedResident(['131121']);
    const rows = await ctx.db.kysely.selectFrom('agency_codes').select(['code', 'key_version']).where('resident_id', 'in', [before.id, after.id]).execute();
    assert.equal(rows.find((r) => r.code === after.codes['131121'])!.key_version, version);
    assert.ok(rows.find((r) => r.code === before.codes['131121'])!.key_version! < version);
    // The earlier resident's code is kept, not re-derived.
    assert.equal((await ensureAgencyCode(ctx.db.kysely, '131121', before.id)).code, before.codes['131121']);
    const setagaya = await apiClient(ctx.db, { municipalityCode: '131121', scopes: ['identity:codes'] });
    const res = await post('/api/v1/agency-codes/check', setagaya.headers, [before.codes['131121']!, after.codes['131121']!]);
    assert.deepEqual(
      res.json().items.map((i: { hasAccount: boolean }) => i.hasAccount),
      [true, true],
    );
  });

  test('staff check one code or many (textarea or CSV file) and download the result; other roles cannot, and the national side checks only national bodies', async () => {
    const r = await linkedResident(['131130', '141003']);
    const staff = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['notice_sender'] });
    const page = await t.app.inject({ url: '/staff/account-check', cookies: staff.cookies, headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200);

    const one = await t.app.inject({ method: 'POST', url: '/staff/account-check', cookies: staff.cookies, headers: staff.headers, payload: { code: r.codes['131130'] } });
    assert.equal(one.statusCode, 200);
    assert.match(one.body, /アカウントあり/);
    const bad = await t.app.inject({ method: 'POST', url: '/staff/account-check', cookies: staff.cookies, headers: staff.headers, payload: { code: 'xyz' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#code"/);

    const boundary = '----onestop';
    const csrf = staff.headers['x-csrf-token']!;
    const body = [
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="codes"\r\n\r\n\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="codes.csv"\r\nContent-Type: text/csv\r\n\r\ncode\r\n${r.codes['131130']}\r\n${r.codes['141003']}\r\n\r\n`,
      `--${boundary}--\r\n`,
    ].join('');
    const bulk = await t.app.inject({ method: 'POST', url: '/staff/account-check', cookies: staff.cookies, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    assert.equal(bulk.statusCode, 200, bulk.body);
    assert.match(bulk.body, /2件のうち、アカウントあり 1件、アカウントなし 1件/);
    // The file is read as the services import reads one: UTF-8 or Shift_JIS, else refused naming it.
    const utf16 = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="codes.csv"\r\n\r\n`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`機関別符号\r\n${r.codes['131130']}\r\n`, 'utf16le'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const refused = await t.app.inject({ method: 'POST', url: '/staff/account-check', cookies: staff.cookies, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: utf16 });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#file"/);
    assert.match(refused.body, /UTF-8 または Shift_JIS（CP932）のテキストではありません/);

    const csv = await t.app.inject({
      method: 'POST',
      url: '/staff/account-check.csv',
      cookies: staff.cookies,
      headers: staff.headers,
      payload: { codes: `${r.codes['131130']}\n${r.codes['141003']}` },
    });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.equal(csv.body, `\uFEFFcode,has_account\r\n${r.codes['131130']},yes\r\n${r.codes['141003']},no\r\n`);

    const editor = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['service_editor'] });
    assert.equal((await t.app.inject({ url: '/staff/account-check', cookies: editor.cookies })).statusCode, 403);
    const national = await signedInStaff(ctx.db, { roles: ['national_admin'] });
    // National administrators get the national bodies' check instead (national-agency-codes.test.ts).
    const nationalPage = await t.app.inject({ url: '/staff/account-check', cookies: national.cookies });
    assert.equal(nationalPage.statusCode, 200);
    assert.match(nationalPage.body, /name="agency"/);
  });
});
