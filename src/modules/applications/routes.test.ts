import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { signedInResident, signedInStaff, type TestCaller } from '../identity/testing.ts';
import type { TestCard } from '../signatures/index.ts';
import { loginCertificateOf, pdfBytes, pngBytes, publishedServiceWithForm, SIGNATURE_PIN, testCard, VALID_DATA } from './testing.ts';

function multipart(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----onestop${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.from(file.bytes), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeOnDatabases('the residents’ applications API', (ctx) => {
  let t: TestApp;
  let resident: TestCaller;
  let card: TestCard;
  let serviceId: string;
  before(async () => {
    t = await buildTestApp(ctx.db);
    card = await testCard(ctx.db);
    resident = await signedInResident(ctx.db, { homeMunicipalityCode: '131130', loginCertificate: await loginCertificateOf(card) });
    ({ serviceId } = await publishedServiceWithForm(ctx.db, {
      applyMethods: ['signed_online'],
      attachments: [
        { name: '本人確認書類', required: true, originalRequired: false },
        { name: '戸籍謄本', required: false, originalRequired: true },
      ],
    }));
  });
  after(() => t.close());

  const call = (caller: TestCaller, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, cookies: caller.cookies, headers: { ...caller.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  async function newDraft(caller = resident) {
    const res = await call(caller, 'POST', '/api/v1/applications/drafts', { serviceId, data: VALID_DATA, currentStep: 'applicant' });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number };
  }

  async function upload(caller: TestCaller, draftId: string, file: { name: string; bytes: Uint8Array; type?: string }, fields: Record<string, string> = {}) {
    const body = multipart(fields, file);
    return t.app.inject({ method: 'POST', url: `/api/v1/applications/drafts/${draftId}/attachments`, cookies: caller.cookies, headers: { ...caller.headers, ...body.headers }, payload: body.payload });
  }

  /** The card flow as the browser runs it: certificate → DigestInfo → the card signs → submit the pieces. */
  async function signedSubmitBody(draftId: string, signer = card) {
    const certificate = Buffer.from(await signer.signature.readCertificate()).toString('base64');
    const payload = await call(resident, 'POST', `/api/v1/applications/drafts/${draftId}/signing-payload`, { certificate });
    assert.equal(payload.statusCode, 200, payload.body);
    const { toBeSigned } = payload.json();
    const signatureValue = await signer.signature.sign(new Uint8Array(Buffer.from(toBeSigned.digestInfo, 'base64')), SIGNATURE_PIN);
    return { method: 'signed', signedAttributes: toBeSigned.signedAttributes, signatureValue: Buffer.from(signatureValue).toString('base64'), certificate };
  }

  test('given a signed-in resident, when they start a draft, save it and read it back on another device, then the data, step and missing attachments are there', async () => {
    const draft = await newDraft();
    const saved = await call(resident, 'PATCH', `/api/v1/applications/drafts/${draft.id}`, { data: { applicant: { name: '' } }, currentStep: 'applicant', expectedVersion: draft.version, validateStep: 'applicant' });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.ok(saved.json().errors.length > 0, 'the step’s errors are returned, the save is not refused');
    const stale = await call(resident, 'PATCH', `/api/v1/applications/drafts/${draft.id}`, { data: VALID_DATA, expectedVersion: draft.version });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'applications.draft_version_conflict');
    // "Another device": a second session of the same resident reads the server's copy.
    const read = await call(resident, 'GET', `/api/v1/applications/drafts/${draft.id}`);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json().data, { applicant: { name: '' } });
    assert.deepEqual(read.json().attachmentCheck.missing, ['本人確認書類']);
    assert.deepEqual(read.json().methods, ['signed']);
    const list = await call(resident, 'GET', '/api/v1/applications/drafts');
    assert.ok(list.json().items.some((d: { id: string }) => d.id === draft.id));
    const other = await signedInResident(ctx.db);
    assert.equal((await call(other, 'GET', `/api/v1/applications/drafts/${draft.id}`)).statusCode, 404);
  });

  test('given an upload, when its content is not a PDF or image, or it is too large, then it is refused with a clear message; a real one is typed by content and stored once', async () => {
    const draft = await newDraft();
    const script = await upload(resident, draft.id, { name: 'scan.pdf', bytes: new TextEncoder().encode('#!/bin/sh\nrm -rf /\n'), type: 'application/pdf' });
    assert.equal(script.statusCode, 415);
    assert.equal(script.json().code, 'applications.attachment_type');
    assert.match(script.json().detailJa, /PDF または画像/);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdfBytes());
    const tooBig = await upload(resident, draft.id, { name: 'big.pdf', bytes: big });
    assert.equal(tooBig.statusCode, 413);
    assert.equal(tooBig.json().code, 'applications.attachment_too_large');

    // Named .txt, but a PNG: the content decides.
    const bytes = pngBytes(7);
    const first = await upload(resident, draft.id, { name: 'photo.txt', bytes }, { requirement: '本人確認書類' });
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual([first.json().mediaType, first.json().requirement], ['image/png', '本人確認書類']);
    const other = await signedInResident(ctx.db);
    const theirDraft = await newDraft(other);
    const again = await upload(other, theirDraft.id, { name: 'same.png', bytes });
    assert.equal(again.statusCode, 201);
    const blobs = await ctx.db.kysely.selectFrom('application_blobs').select('sha256').where('sha256', '=', first.json().sha256).execute();
    assert.equal(blobs.length, 1, 'the same bytes from two residents are one blob');
    const unknown = await upload(resident, draft.id, { name: 'x.pdf', bytes: pdfBytes() }, { requirement: '存在しない書類' });
    assert.equal(unknown.statusCode, 400);

    const removed = await call(resident, 'DELETE', `/api/v1/applications/drafts/${draft.id}/attachments/${first.json().id}`);
    assert.equal(removed.statusCode, 204);
    const read = await call(resident, 'GET', `/api/v1/applications/drafts/${draft.id}`);
    assert.deepEqual(read.json().attachments, []);
  });

  test('given a file name with bidirectional controls, when it is uploaded, then the stored name has none of them (issue #11)', async () => {
    const draft = await newDraft();
    // Shown as "請求書exe.pdf" while it is an .exe: U+202E reverses what follows it.
    const res = await upload(resident, draft.id, { name: '請求書\u202Efdp.exe\u2066\u200F\u061C', bytes: pdfBytes('bidi') });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().name, '請求書fdp.exe');
    const stored = await ctx.db.kysely.selectFrom('draft_attachments').select('name').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    assert.equal(stored.name, '請求書fdp.exe');
  });

  test('given a cookie session, when a write comes without the CSRF token, then it is refused', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/applications/drafts', cookies: resident.cookies, payload: { serviceId } });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().code, 'identity.csrf');
  });

  test('given a complete draft, when the resident signs with the card and submits with an Idempotency-Key, then the receipt arrives once, also for parallel retries', async () => {
    const draft = await newDraft();
    assert.equal((await upload(resident, draft.id, { name: 'id.pdf', bytes: pdfBytes('id') }, { requirement: '本人確認書類' })).statusCode, 201);
    assert.equal((await upload(resident, draft.id, { name: 'koseki.pdf', bytes: pdfBytes('koseki') }, { requirement: '戸籍謄本' })).statusCode, 201);
    const body = await signedSubmitBody(draft.id);
    const key = `http-${draft.id}`;
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => call(resident, 'POST', `/api/v1/applications/drafts/${draft.id}/submit`, body, { 'idempotency-key': key })),
    );
    for (const r of responses) assert.ok([200, 201].includes(r.statusCode), r.body);
    assert.equal(responses.filter((r) => r.statusCode === 201).length, 1);
    assert.equal(new Set(responses.map((r) => r.json().id)).size, 1);
    const receipt = responses[0]!.json();
    assert.match(receipt.reference, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.deepEqual(receipt.originalsToBring, ['戸籍謄本']);
    assert.equal(receipt.signature.indication, 'TOTAL_PASSED');
    const retry = await call(resident, 'POST', `/api/v1/applications/drafts/${draft.id}/submit`, body, { 'idempotency-key': key });
    assert.deepEqual([retry.statusCode, retry.headers['idempotent-replayed'], retry.json().arrivedAt], [200, 'true', receipt.arrivedAt]);

    const list = await call(resident, 'GET', '/api/v1/applications');
    assert.equal(list.json().items.filter((a: { id: string }) => a.id === receipt.id).length, 1);
    const detail = await call(resident, 'GET', `/api/v1/applications/${receipt.id}`);
    assert.equal(detail.statusCode, 200);
    assert.deepEqual(detail.json().timeline.map((e: { kind: string }) => e.kind), ['arrived']);
    const file = await call(resident, 'GET', `/api/v1/applications/${receipt.id}/attachments/${receipt.attachments[0].id}`);
    assert.equal(file.statusCode, 200);
    assert.match(file.body, /^%PDF-/);
    const stranger = await signedInResident(ctx.db);
    assert.equal((await call(stranger, 'GET', `/api/v1/applications/${receipt.id}`)).statusCode, 404);
  });

  test('given another resident’s card and PIN, when it signs the signed-in resident’s draft, then the submit is a 403 problem in both languages and nothing arrives (R17)', async () => {
    const draft = await newDraft();
    await upload(resident, draft.id, { name: 'id.pdf', bytes: pdfBytes('r17') }, { requirement: '本人確認書類' });
    const res = await call(resident, 'POST', `/api/v1/applications/drafts/${draft.id}/submit`, await signedSubmitBody(draft.id, await testCard(ctx.db)));
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.json().code, 'applications.signer_not_account_holder');
    assert.match(res.json().detailJa, /ログインしたカードとは別のカード/);
    assert.equal((await call(resident, 'GET', `/api/v1/applications/drafts/${draft.id}`)).statusCode, 200, 'the draft did not arrive');
  });

  test('given a simple submission for a service that needs a signature, then it is a 422 problem saying so in both languages', async () => {
    const draft = await newDraft();
    await upload(resident, draft.id, { name: 'id.pdf', bytes: pdfBytes('id2') }, { requirement: '本人確認書類' });
    const res = await call(resident, 'POST', `/api/v1/applications/drafts/${draft.id}/submit`, { method: 'simple' });
    assert.equal(res.statusCode, 422);
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(res.json().code, 'applications.signature_required');
    assert.match(res.json().detailJa, /電子署名/);
  });

  test('given an application, when the resident withdraws it, then the timeline says so and it cannot be withdrawn again', async () => {
    const draft = await newDraft();
    await upload(resident, draft.id, { name: 'id.pdf', bytes: pdfBytes('w') }, { requirement: '本人確認書類' });
    const submitted = await call(resident, 'POST', `/api/v1/applications/drafts/${draft.id}/submit`, await signedSubmitBody(draft.id));
    assert.equal(submitted.statusCode, 201, submitted.body);
    const id = submitted.json().id;
    const withdrawn = await call(resident, 'POST', `/api/v1/applications/${id}/withdraw`, { reason: '別の方法で申請します' });
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.deepEqual([withdrawn.json().status, withdrawn.json().timeline.map((e: { kind: string }) => e.kind)], ['withdrawn', ['arrived', 'withdrawn']]);
    assert.equal(withdrawn.json().arrivedAt, submitted.json().arrivedAt);
    const again = await call(resident, 'POST', `/api/v1/applications/${id}/withdraw`, {});
    assert.equal(again.statusCode, 409);
    // Staff cannot use the residents' API.
    const staff = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['application_handler'] });
    assert.equal((await call(staff, 'GET', `/api/v1/applications/${id}`)).statusCode, 403);
  });
});
