// The help pages and API over HTTP, without JavaScript: the FAQ and its search, the links in context
// (login page, receipt, PIN-locked error) reaching real entries, an inquiry from a visitor and from
// a signed-in resident, the console desk replying, the resident reading the reply, the FAQ editor
// with draft and publish, the national response times, and the refusals by role.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Html from '@kitajs/html';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { AppError } from '../../platform/errors.ts';
import { ErrorPage } from '../../web/error-page.tsx';
import { arrivedApplication } from '../applications/testing.ts';
import { signedInResident, signedInStaff, type TestCaller } from '../identity/testing.ts';

const HOME = '131130';

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

describeOnDatabases('help: pages and API', (ctx) => {
  let t: TestApp;
  let resident: TestCaller;
  let clerk: TestCaller;
  let admin: TestCaller;
  let otherAdmin: TestCaller;
  let national: TestCaller;
  before(async () => {
    t = await buildTestApp(ctx.db);
    resident = await signedInResident(ctx.db, { homeMunicipalityCode: HOME });
    clerk = await signedInStaff(ctx.db, { municipalityCode: HOME, roles: ['application_handler'] });
    admin = await signedInStaff(ctx.db, { municipalityCode: HOME, roles: ['municipality_admin'] });
    otherAdmin = await signedInStaff(ctx.db, { municipalityCode: '141003', roles: ['municipality_admin'] });
    national = await signedInStaff(ctx.db, { roles: ['national_admin'] });
  });
  after(() => t.close());

  const get = (caller: TestCaller | null, url: string) => t.app.inject({ method: 'GET', url, ...(caller ? { cookies: caller.cookies } : {}), headers: { accept: 'text/html' } });
  const post = (caller: TestCaller | null, url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      ...(caller ? { cookies: caller.cookies } : {}),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: form({ ...(caller ? { _csrf: caller.headers['x-csrf-token']! } : {}), ...fields }),
    });
  const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

  test('given a visitor, when they search the FAQ, then the page lists the matching entries and each entry page answers it', async () => {
    const home = await get(null, '/help');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /よくある質問とお問い合わせ/);
    const found = await get(null, `/help?q=${encodeURIComponent('ロック 暗証番号')}`);
    assert.equal(found.statusCode, 200);
    assert.match(found.body, /件見つかりました/);
    assert.ok(hrefs(found.body).includes('/help/faq/card-pin-lockout'));
    const entry = await get(null, '/help/faq/card-pin-lockout');
    assert.equal(entry.statusCode, 200);
    assert.match(entry.body, /3回続けて間違えるとロック/);
    assert.match(entry.body, /5回続けて間違えるとロック/);
    assert.equal((await get(null, '/help/faq/no-such-entry')).statusCode, 404);
    const api = await t.app.inject({ url: `/api/v1/help/faq?q=${encodeURIComponent('受付番号')}` });
    assert.equal(api.statusCode, 200);
    assert.ok((api.json() as { items: Array<{ key: string }> }).items.some((e) => e.key === 'receipts'));
  });

  test('given the places that link to the FAQ, then each link reaches a published entry', async () => {
    const login = await get(null, '/login');
    assert.ok(hrefs(login.body).includes('/help/faq/card-pin-lockout'), 'the login page links to the lockout entry');
    // The card forms (login, signing) carry the link, and their script shows it on a locked PIN.
    const script = await t.app.inject({ url: '/assets/card-form.js' });
    assert.match(script.body, /data-help-locked/);
    assert.match(script.body, /signatures\.pin_locked/);
    const error = await ErrorPage({
      ctx: { lang: 'ja', path: '/', area: 'resident', t: (x) => x.ja, h: (x) => Html.escapeHtml(x.ja), user: null, csrfToken: null },
      error: new AppError('signatures.pin_locked', 'forbidden', 'locked'),
      requestId: 'r1',
    });
    assert.ok(hrefs(String(error)).includes('/help/faq/card-pin-lockout'), 'the PIN-locked error page links to it');
    const made = await arrivedApplication({ db: ctx.db }, { municipalityCode: HOME, residentId: resident.id });
    const receipt = await get(resident, `/applications/${made.applicationId}`);
    assert.equal(receipt.statusCode, 200, receipt.body.slice(0, 300));
    assert.ok(hrefs(receipt.body).includes('/help/faq/receipts'), 'the receipt links to the receipts entry');
    for (const href of ['/help/faq/card-pin-lockout', '/help/faq/receipts']) assert.equal((await get(null, href)).statusCode, 200, href);
  });

  test('given a visitor, when they send an inquiry without JavaScript, then a missing address is shown at its field, and the sent page gives the reference', async () => {
    const page = await get(null, '/help/inquiry');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /まだこの基盤に接続されていません/, 'the page says plainly that e-mail is not sent');
    const refused = await post(null, '/help/inquiry', { topic: 'login', subject: 'ログイン', body: '読めません' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /href="#email"/);
    assert.match(refused.body, /読めません/, 'what was written is kept');
    const sent = await post(null, '/help/inquiry', { topic: 'login', subject: 'ログイン', body: '読めません', email: 'visitor@example.jp', municipalityCode: HOME });
    assert.equal(sent.statusCode, 303);
    const location = String(sent.headers.location);
    assert.match(location, /^\/help\/inquiry\/sent\?ref=HQ-[0-9]{8}$/);
    const thanks = await get(null, location);
    assert.match(thanks.body, /HQ-[0-9]{8}/);
  });

  test('given a signed-in resident, when they ask and the console desk replies, then the reply shows in their inquiries, and the queue is the municipality’s alone', async () => {
    const sent = await post(resident, '/help/inquiry', { topic: 'signing', subject: '署名の暗証番号', body: '署名ができません', municipalityCode: HOME });
    assert.equal(sent.statusCode, 303);
    const mine = String(sent.headers.location);
    assert.match(mine, /^\/me\/inquiries\/[0-9a-f-]{36}\?sent=1$/);
    const id = mine.split('/')[3]!.split('?')[0]!;

    const queue = await get(clerk, '/staff/help/inquiries');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /署名の暗証番号/);
    const otherQueue = await t.app.inject({ url: '/api/v1/staff/help/inquiries', cookies: otherAdmin.cookies });
    assert.ok(!(otherQueue.json() as { items: Array<{ id: string }> }).items.some((i) => i.id === id), 'another municipality never sees it');
    const nationalQueue = await t.app.inject({ url: '/api/v1/staff/help/inquiries', cookies: national.cookies });
    assert.equal(nationalQueue.statusCode, 200);
    assert.ok(!(nationalQueue.json() as { items: Array<{ id: string }> }).items.some((i) => i.id === id), 'nor the national helpdesk');
    assert.equal((await get(otherAdmin, `/staff/help/inquiries/${id}`)).statusCode, 404);

    const detail = await get(clerk, `/staff/help/inquiries/${id}`);
    assert.match(detail.body, /署名ができません/);
    const replied = await post(clerk, `/staff/help/inquiries/${id}/reply`, { body: '署名用の暗証番号は英数字6〜16文字です。' });
    assert.equal(replied.statusCode, 303);
    assert.equal(replied.headers.location, `/staff/help/inquiries/${id}?done=replied`);
    const empty = await post(clerk, `/staff/help/inquiries/${id}/reply`, { body: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /回答を入力してください/);

    const answer = await get(resident, `/me/inquiries/${id}`);
    assert.equal(answer.statusCode, 200);
    assert.match(answer.body, /署名用の暗証番号は英数字6〜16文字です。/);
    assert.match(answer.body, /回答済み/);
    assert.match((await get(resident, '/me/inquiries')).body, /署名の暗証番号/);
    const stranger = await signedInResident(ctx.db);
    assert.equal((await get(stranger, `/me/inquiries/${id}`)).statusCode, 404);

    assert.equal((await post(clerk, `/staff/help/inquiries/${id}/close`, {})).statusCode, 303);
    assert.match((await get(resident, `/me/inquiries/${id}`)).body, /対応終了/);
  });

  test('given the API, then an inquiry about another resident’s application is refused and one about their own reaches its municipality', async () => {
    const own = await arrivedApplication({ db: ctx.db }, { municipalityCode: '141003', residentId: resident.id });
    const foreign = await arrivedApplication({ db: ctx.db }, { municipalityCode: '141003' });
    const send = (applicationId: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/help/inquiries', cookies: resident.cookies, headers: resident.headers, payload: { subject: '申請について', body: '添付の方法', applicationId } });
    assert.equal((await send(foreign.applicationId)).statusCode, 404);
    const ok = await send(own.applicationId);
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().municipalityCode, '141003');
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/help/inquiries', payload: { subject: 's', body: 'b' } });
    assert.equal(anonymous.statusCode, 400);
    assert.equal(anonymous.json().code, 'help.invalid_inquiry');
  });

  test('given a municipal administrator, when they add an entry, then it is a draft until published, and only its residents find it', async () => {
    const made = await post(admin, '/staff/help/faq', { topic: 'other', questionJa: '渋谷区の窓口の受付時間は', answerJa: '平日8時30分から17時までです。', sortOrder: '5' });
    assert.equal(made.statusCode, 303);
    const entryUrl = String(made.headers.location).split('?')[0]!;
    const id = entryUrl.split('/').at(-1)!;
    const search = (municipality: string) => get(null, `/help?q=${encodeURIComponent('窓口 受付時間')}&municipality=${municipality}`);
    assert.doesNotMatch((await search(HOME)).body, /渋谷区の窓口の受付時間は/);
    assert.equal((await get(otherAdmin, entryUrl)).statusCode, 404, 'another municipality cannot open the draft');
    assert.equal((await get(clerk, entryUrl)).statusCode, 403, 'only administrators edit');
    assert.equal((await get(admin, `/admin/help/faq/${id}`)).statusCode, 403, 'the national editor is for national administrators');
    assert.equal((await post(admin, `${entryUrl}/publish`, {})).statusCode, 303);
    assert.match((await search(HOME)).body, /渋谷区の窓口の受付時間は/);
    assert.doesNotMatch((await search('141003')).body, /渋谷区の窓口の受付時間は/);
    const page = await get(admin, entryUrl);
    assert.match(page.body, /公開中/);
    assert.match(page.body, /作成/);
    assert.match(page.body, /公開/);
    const bad = await post(admin, entryUrl, { topic: 'other', questionJa: '', answerJa: 'x', revision: '2' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /質問を入力してください/);
  });

  test('given a national administrator, then the national FAQ, the helpdesk and the response times are theirs alone', async () => {
    assert.equal((await get(national, '/admin/help/faq')).statusCode, 200);
    assert.equal((await get(national, '/admin/help/inquiries')).statusCode, 200);
    const times = await get(national, '/admin/help/response-times');
    assert.equal(times.statusCode, 200);
    assert.match(times.body, /<caption id="response-times">/);
    assert.match(times.body, /渋谷区（131130）/);
    for (const url of ['/admin/help/faq', '/admin/help/inquiries', '/admin/help/response-times']) assert.equal((await get(admin, url)).statusCode, 403, url);
    const api = await t.app.inject({ url: '/api/v1/admin/help/response-times?days=30', cookies: national.cookies });
    assert.equal(api.statusCode, 200);
    assert.ok((api.json() as { rows: Array<{ municipalityCode: string | null }> }).rows.some((r) => r.municipalityCode === HOME));
    // A national entry edited and published through the API reaches residents.
    const list = await t.app.inject({ url: '/api/v1/staff/help/faq', cookies: national.cookies });
    const proxies = (list.json() as { items: Array<{ id: string; slug: string; revision: number; content: Record<string, string> }> }).items.find((e) => e.slug === 'proxies')!;
    const put = await t.app.inject({ method: 'PUT', url: `/api/v1/staff/help/faq/${proxies.id}`, cookies: national.cookies, headers: national.headers, payload: { ...proxies.content, answerJa: '代理人の登録は市区町村で行います。', revision: proxies.revision } });
    assert.equal(put.statusCode, 200, put.body);
    const published = await t.app.inject({ method: 'POST', url: `/api/v1/staff/help/faq/${proxies.id}/publish`, cookies: national.cookies, headers: national.headers, payload: {} });
    assert.equal(published.statusCode, 200, published.body);
    assert.match((await get(null, '/help/faq/proxies')).body, /代理人の登録は市区町村で行います。/);
    assert.equal((await t.app.inject({ url: '/api/v1/staff/help/faq', cookies: clerk.cookies })).statusCode, 403);
  });
});
