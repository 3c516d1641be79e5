// Card login end to end through the HTTP API: first login opens the folder, the next reuses it, a new
// session id every time, refused cards say why, nonces are single use; and the folder page.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { upsertProfile } from '../municipalities/index.ts';
import { createDbTestPkiStore, issueTestCard, openTestCard, revokeTestCertificate, type TestPkiStore } from '../signatures/index.ts';
import { cookieName } from './sessions.ts';

const PIN = '4321';

function sessionCookie(res: LightMyRequestResponse): string | undefined {
  return res.cookies.find((c) => c.name === cookieName(false))?.value;
}

describeOnDatabases('resident card login', (ctx) => {
  let t: TestApp;
  let store: TestPkiStore;
  let n = 0;

  before(async () => {
    t = await buildTestApp(ctx.db);
    store = createDbTestPkiStore(ctx.db);
    await upsertProfile(ctx.db.kysely, { municipalityCode: '131130', receiptMethod: 'lgwan_asp', contactDepartment: '子ども家庭支援課' });
    await upsertProfile(ctx.db.kysely, { municipalityCode: '141003', receiptMethod: 'existing_system', contactDepartment: 'こども家庭課' });
  });
  after(() => t.close());

  async function newCard(): Promise<string> {
    const card = await issueTestCard({
      store,
      resident: { name: `試験 太郎${++n}`, sex: 'male', dateOfBirth: '1990-01-01', address: '東京都渋谷区宇田川町1番1号' },
      signaturePin: 'TEST1234',
      authenticationPin: PIN,
    });
    return card.id;
  }

  async function signed(cardId: string, pin = PIN) {
    const challenge = await t.app.inject({ method: 'POST', url: '/api/v1/auth/resident/challenge' });
    assert.equal(challenge.statusCode, 200);
    const { nonce, digestInfo, expiresAt } = challenge.json();
    assert.ok(new Date(expiresAt).getTime() > Date.now());
    const card = await openTestCard({ store, id: cardId });
    const signature = Buffer.from(await card.authentication.sign(new Uint8Array(Buffer.from(digestInfo, 'base64')), pin)).toString('base64');
    const certificate = Buffer.from(await card.authentication.readCertificate()).toString('base64');
    return { nonce, signature, certificate };
  }

  function login(payload: object, cookies?: Record<string, string>) {
    return t.app.inject({ method: 'POST', url: '/api/v1/auth/resident/login', payload, ...(cookies ? { cookies } : {}) });
  }

  test('the first login opens the account, the second reuses it, and each starts a new session', async () => {
    const cardId = await newCard();
    const first = await login(await signed(cardId));
    assert.equal(first.statusCode, 200, first.body);
    const a = first.json();
    assert.equal(a.created, true);
    // Opening the account gave the resident a code at each national body (§3.1).
    const national = await ctx.db.kysely.selectFrom('national_agency_codes').select('agency').where('resident_id', '=', a.residentId).orderBy('agency').execute();
    assert.deepEqual(national.map((r) => r.agency), ['cfa', 'digital', 'mhlw']);
    const cookieA = sessionCookie(first);
    assert.ok(cookieA);
    const setCookie = String(first.headers['set-cookie']);
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);

    const me = await t.app.inject({ url: '/api/v1/me', cookies: { [cookieName(false)]: cookieA } });
    assert.deepEqual([me.json().kind, me.json().residentId], ['resident', a.residentId]);

    // Signing in again from the same browser: same account, new session id, the old one ended.
    const second = await login(await signed(cardId), { [cookieName(false)]: cookieA });
    assert.equal(second.statusCode, 200);
    assert.deepEqual(second.json(), { residentId: a.residentId, created: false });
    const cookieB = sessionCookie(second);
    assert.ok(cookieB && cookieB !== cookieA);
    assert.equal((await t.app.inject({ url: '/api/v1/me', cookies: { [cookieName(false)]: cookieA } })).statusCode, 401);
    assert.equal((await t.app.inject({ url: '/api/v1/me', cookies: { [cookieName(false)]: cookieB } })).statusCode, 200);

    const events = await ctx.db.kysely.selectFrom('audit_events').select(['action', 'actor_id', 'details']).where('target', '=', a.residentId).orderBy('at').execute();
    assert.deepEqual(
      events.map((e) => [e.action, e.actor_id, e.details.created]),
      [
        ['resident.login', a.residentId, true],
        ['resident.login', a.residentId, false],
      ],
    );
    const residents = await ctx.db.kysely.selectFrom('residents').selectAll().where('id', '=', a.residentId).execute();
    assert.equal(residents.length, 1);
    assert.ok(residents[0]!.last_login_at);
  });

  test('the account keeps its login certificate’s issuer and serial for the link service (R17); an account opened before gets them at its next login', async () => {
    const cardId = await newCard();
    const first = (await login(await signed(cardId))).json();
    const authentication = new X509Certificate(Buffer.from(await (await openTestCard({ store, id: cardId })).authentication.readCertificate()));
    const kept = () => ctx.db.kysely.selectFrom('residents').select(['certificate_issuer', 'certificate_serial']).where('id', '=', first.residentId).executeTakeFirstOrThrow();
    const expected = { certificate_serial: authentication.serialNumber.toLowerCase().replace(/^(00)+/, ''), certificate_issuer: (await kept()).certificate_issuer };
    assert.deepEqual(await kept(), expected);
    assert.match(expected.certificate_issuer ?? '', /user authentication/, 'the authentication CA issued it');
    await ctx.db.kysely.updateTable('residents').set({ certificate_issuer: null, certificate_serial: null }).where('id', '=', first.residentId).execute();
    const again = await login(await signed(cardId));
    assert.deepEqual(again.json(), { residentId: first.residentId, created: false });
    assert.deepEqual(await kept(), expected);
  });

  test('a replayed nonce is refused, and the message says to start again', async () => {
    const cardId = await newCard();
    const attempt = await signed(cardId);
    assert.equal((await login(attempt)).statusCode, 200);
    const replay = await login(attempt);
    assert.equal(replay.statusCode, 401);
    assert.equal(replay.json().code, 'identity.login_expired');
    assert.match(replay.json().detailJa, /もう一度/);
  });

  test('a revoked card cannot log in, and is told to have the certificate reissued at the counter', async () => {
    const cardId = await newCard();
    const card = await openTestCard({ store, id: cardId });
    const serial = new X509Certificate(Buffer.from(await card.authentication.readCertificate())).serialNumber.toLowerCase();
    await revokeTestCertificate({ store, purpose: 'authentication', serial, reason: 'keyCompromise' });
    const res = await login(await signed(cardId));
    assert.equal(res.statusCode, 401);
    const problem = res.json();
    assert.equal(problem.code, 'identity.card_revoked');
    assert.equal(problem.subIndication, 'REVOKED');
    assert.match(problem.detailJa, /失効/);
    assert.match(problem.detailJa, /窓口で電子証明書の再発行/);
    assert.match(problem.detail, /revoked/);
    assert.equal(sessionCookie(res), undefined);
    const failed = await ctx.db.kysely.selectFrom('audit_events').select(['actor_kind', 'details']).where('action', '=', 'resident.login_failed').execute();
    assert.ok(failed.some((e) => e.actor_kind === 'anonymous' && e.details.subIndication === 'REVOKED'));
  });

  test('a signature by another key is refused; a form post (not JSON) is refused outright', async () => {
    const cardId = await newCard();
    const other = await newCard();
    const attempt = await signed(cardId);
    const forged = await signed(other);
    const res = await login({ ...attempt, signature: forged.signature });
    assert.equal(res.statusCode, 401);
    assert.equal(res.json().code, 'identity.card_signature_invalid');
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/resident/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(await signed(cardId)).toString(),
    });
    assert.equal(form.statusCode, 415);
  });

  test('the folder needs a login; there the resident chooses a home municipality, which creates the agency-specific code', async () => {
    const anonymous = await t.app.inject({ url: '/me', headers: { accept: 'text/html' } });
    assert.equal(anonymous.statusCode, 303);
    assert.equal(anonymous.headers.location, '/login?next=%2Fme');

    const cardId = await newCard();
    const res = await login(await signed(cardId));
    const { residentId } = res.json();
    const cookies = { [cookieName(false)]: sessionCookie(res)! };
    const page = await t.app.inject({ url: '/me', cookies, headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /利用者フォルダ/);
    assert.match(page.body, /現在ログインしている端末・ブラウザ: 1件/);
    assert.match(page.body, /準備中/);
    // What works opens from the folder; only what is not built says 準備中.
    assert.match(page.body, /href="\/me\/applications"/);
    assert.match(page.body, /href="\/me\/inquiries"/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;

    const wrong = await t.app.inject({ method: 'POST', url: '/me/home', cookies, payload: { _csrf: csrf, municipalityCode: '011002' } });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /href="#municipalityCode"/);

    const noCsrf = await t.app.inject({ method: 'POST', url: '/me/home', cookies, payload: { municipalityCode: '131130' } });
    assert.equal(noCsrf.statusCode, 403);

    const saved = await t.app.inject({ method: 'POST', url: '/me/home', cookies, payload: { _csrf: csrf, municipalityCode: '131130' } });
    assert.equal(saved.statusCode, 303);
    const codes = await ctx.db.kysely.selectFrom('agency_codes').selectAll().where('resident_id', '=', residentId).execute();
    assert.equal(codes.length, 1);
    assert.equal(codes[0]!.municipality_code, '131130');
    assert.match(codes[0]!.code, /^[A-Z2-7]{20}$/);
    // Choosing again keeps the same code.
    await t.app.inject({ method: 'POST', url: '/me/home', cookies, payload: { _csrf: csrf, municipalityCode: '131130' } });
    assert.equal((await ctx.db.kysely.selectFrom('agency_codes').selectAll().where('resident_id', '=', residentId).execute()).length, 1);
    const again = await t.app.inject({ url: '/me?saved=1', cookies, headers: { accept: 'text/html' } });
    assert.match(again.body, /東京都 渋谷区/);
  });

  test('the login page offers the demo cards and says JavaScript is needed; without it, the form post explains', async () => {
    const page = await t.app.inject({ url: '/login?next=/me', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /JavaScript が必要です/);
    // The shared card-form helper first, then the login script (both deferred: in this order).
    assert.match(page.body, /src="\/assets\/card-form.js"[^]*src="\/assets\/resident-login.js"/);
    const noJs = await t.app.inject({ method: 'POST', url: '/login', headers: { accept: 'text/html' }, payload: {} });
    assert.equal(noJs.statusCode, 400);
    assert.match(noJs.body, /JavaScript を有効にしてから/);
    for (const asset of ['/assets/card-form.js', '/assets/resident-login.js']) assert.equal((await t.app.inject(asset)).statusCode, 200, asset);
  });
});
