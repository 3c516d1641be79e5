// The resident's application pages without JavaScript: start from a service, fill the form step by
// step with errors shown at the fields, attach a file (type from content), check the answers, send
// a simple application, and see the receipt with its reference number and arrival time in My
// applications, then withdraw it. Another resident sees none of it.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { signedInResident, type TestCaller } from '../identity/testing.ts';
import { formatJapanTime } from './views/status.tsx';
import { pdfBytes, publishedServiceWithForm } from './testing.ts';

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

function multipart(fields: Record<string, string>, file: { name: string; bytes: Uint8Array }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----onestop${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(Buffer.from(file.bytes), Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeOnDatabases('the application pages', (ctx) => {
  let t: TestApp;
  let resident: TestCaller;
  let other: TestCaller;
  let serviceId: string;
  before(async () => {
    t = await buildTestApp(ctx.db);
    resident = await signedInResident(ctx.db, { homeMunicipalityCode: '131130' });
    other = await signedInResident(ctx.db, { homeMunicipalityCode: '131130' });
    ({ serviceId } = await publishedServiceWithForm(ctx.db, {
      applyMethods: ['signed_online', 'simple_online'],
      attachments: [{ name: '本人確認書類', required: true, originalRequired: true }],
    }));
  });
  after(() => t.close());

  const csrf = (caller: TestCaller) => caller.headers['x-csrf-token']!;
  const get = (caller: TestCaller | null, url: string) => t.app.inject({ method: 'GET', url, ...(caller ? { cookies: caller.cookies } : {}), headers: { accept: 'text/html' } });
  const post = (caller: TestCaller, url: string, fields: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, cookies: caller.cookies, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: form({ _csrf: csrf(caller), ...fields }) });

  test('given a visitor who is not signed in, when they open the apply page, then they are sent to card login and back', async () => {
    const res = await get(null, `/services/${serviceId}/apply`);
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, `/login?next=${encodeURIComponent(`/services/${serviceId}/apply`)}`);
  });

  test('given a resident, when they apply without JavaScript, then every step works and the receipt shows the reference and arrival time', async () => {
    // Start: a draft on the server, and the first step of the form.
    assert.equal((await get(resident, `/services/${serviceId}/apply`)).statusCode, 200);
    const started = await post(resident, `/services/${serviceId}/apply`, {});
    assert.equal(started.statusCode, 303);
    const draftUrl = started.headers.location as string;
    const first = await get(resident, draftUrl);
    assert.equal(first.statusCode, 303);
    const stepUrl = first.headers.location as string;
    assert.match(stepUrl, /\/steps\/applicant$/);
    const step = await get(resident, stepUrl);
    assert.equal(step.statusCode, 200);
    assert.match(step.body, /氏名/);

    // A missing required field: 400, the error summary links to the field, what was typed stays.
    const empty = await post(resident, stepUrl, { 'applicant.note': '平日の午後に連絡ください', expectedVersion: '1' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /class="error-summary"/);
    assert.match(empty.body, /href="#[^"]*applicant[^"]*name/);
    assert.match(empty.body, /平日の午後に連絡ください/);

    // Resumed on another device: the draft is on the server.
    const otherDevice = await get(resident, stepUrl);
    assert.match(otherDevice.body, /平日の午後に連絡ください/);

    const done = await post(resident, stepUrl, { 'applicant.name': '申請　太郎', 'applicant.note': '平日の午後に連絡ください' });
    assert.equal(done.statusCode, 303);
    const attachmentsUrl = done.headers.location as string;
    assert.match(attachmentsUrl, /\/attachments$/);

    // The check page refuses to send while a required attachment is missing.
    const early = await get(resident, attachmentsUrl.replace(/attachments$/, 'check'));
    assert.match(early.body, /必須の添付書類がありません/);
    assert.doesNotMatch(early.body, /署名せずに送信する/);

    // An upload that is not a PDF or an image is refused at the field; a PDF is taken.
    const bad = multipart({ _csrf: csrf(resident), requirement: '本人確認書類' }, { name: 'id.pdf', bytes: new TextEncoder().encode('#!/bin/sh\necho hi\n') });
    const refused = await t.app.inject({ method: 'POST', url: attachmentsUrl, cookies: resident.cookies, headers: { ...bad.headers, accept: 'text/html' }, payload: bad.payload });
    assert.equal(refused.statusCode, 415, refused.body);
    assert.match(refused.body, /class="error-summary"/);
    const good = multipart({ _csrf: csrf(resident), requirement: '本人確認書類' }, { name: '本人確認.pdf', bytes: pdfBytes('pages') });
    const uploaded = await t.app.inject({ method: 'POST', url: attachmentsUrl, cookies: resident.cookies, headers: good.headers, payload: good.payload });
    assert.equal(uploaded.statusCode, 303, uploaded.body);
    const list = await get(resident, attachmentsUrl);
    assert.match(list.body, /本人確認\.pdf/);
    assert.match(list.body, /別途原本の提出が必要/);

    // Check your answers: the answers, the originals to bring (R5), the card form and the simple one.
    const check = await get(resident, attachmentsUrl.replace(/attachments$/, 'check'));
    assert.equal(check.statusCode, 200);
    assert.match(check.body, /申請\u3000太郎/);
    assert.match(check.body, /原本の提出が必要な書類/);
    assert.match(check.body, /src="\/assets\/card-form.js"[^]*src="\/assets\/apply-sign.js"/);
    const key = /name="idempotencyKey" value="([^"]+)"[^>]*>\s*<button type="submit" class="button-secondary">署名せずに送信する/.exec(check.body)?.[1];
    assert.ok(key, 'the simple form carries an idempotency key');

    // Without JavaScript, a signed submission cannot happen: the page says why.
    const unsigned = await post(resident, attachmentsUrl.replace(/attachments$/, 'submit'), { method: 'signed' });
    assert.equal(unsigned.statusCode, 400);
    assert.match(unsigned.body, /JavaScript/);

    // Send simply, twice with the same key (a double click): one application.
    const submitUrl = attachmentsUrl.replace(/attachments$/, 'submit');
    const sent = await post(resident, submitUrl, { method: 'simple', idempotencyKey: key });
    assert.equal(sent.statusCode, 303, sent.body);
    const again = await post(resident, submitUrl, { method: 'simple', idempotencyKey: key });
    assert.equal(again.headers.location, sent.headers.location);
    const receiptUrl = sent.headers.location as string;
    const receipt = await get(resident, receiptUrl);
    assert.equal(receipt.statusCode, 200);
    assert.match(receipt.body, /申請を受け付けました/);
    const row = await ctx.db.kysely.selectFrom('applications').select(['reference', 'arrived_at']).where('resident_id', '=', resident.id).executeTakeFirstOrThrow();
    assert.ok(receipt.body.includes(row.reference), 'the reference number is shown');
    assert.ok(receipt.body.includes(formatJapanTime(row.arrived_at.toISOString(), 'ja')), 'the arrival time is shown in Japan time');
    assert.match(receipt.body, /本人確認書類/);

    // My applications lists it; the other resident sees neither it nor the receipt.
    assert.match((await get(resident, '/me/applications')).body, new RegExp(row.reference));
    assert.doesNotMatch((await get(other, '/me/applications')).body, new RegExp(row.reference));
    assert.equal((await get(other, receiptUrl)).statusCode, 404);
    assert.equal((await get(other, draftUrl)).statusCode, 404);

    // Withdraw: the timeline says so and the button is gone.
    const withdrawn = await post(resident, `${receiptUrl.replace(/\?.*$/, '')}/withdraw`, { reason: '別の方法で申請しました' });
    assert.equal(withdrawn.statusCode, 303);
    const after = await get(resident, withdrawn.headers.location as string);
    assert.match(after.body, /取り下げました/);
    assert.doesNotMatch(after.body, /withdraw-title/);
  });

  test('given a form post without the CSRF token, then nothing is saved', async () => {
    const started = await post(resident, `/services/${serviceId}/apply`, {});
    const draftId = /drafts\/([^/]+)$/.exec(started.headers.location as string)![1]!;
    const res = await t.app.inject({
      method: 'POST',
      url: `/applications/drafts/${draftId}/steps/applicant`,
      cookies: resident.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: form({ 'applicant.name': '攻撃者' }),
    });
    assert.equal(res.statusCode, 403);
    const draft = await ctx.db.kysely.selectFrom('application_drafts').select('data').where('id', '=', draftId).executeTakeFirstOrThrow();
    assert.equal(JSON.stringify(draft.data).includes('攻撃者'), false);
  });
});
