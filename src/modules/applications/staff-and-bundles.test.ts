import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { registerResidentProxy } from '../identity/index.ts';
import { signedInResident, signedInStaff, type TestCaller } from '../identity/testing.ts';
import type { TestCard } from '../signatures/index.ts';
import { listBundleDrafts } from './repository.ts';
import { startBundle } from './start-bundle.ts';
import type { FormLayout } from '../forms/index.ts';
import { arrivedApplication, loginCertificateOf, pngBytes, publishedServiceWithForm, signContent, TEST_LAYOUT, testCard, VALID_DATA } from './testing.ts';

describeOnDatabases('the status timeline, replies and one-stop bundles', (ctx) => {
  let t: TestApp;
  let handler: TestCaller;
  let viewer: TestCaller;
  let yokohama: TestCaller;
  let card: TestCard;
  before(async () => {
    t = await buildTestApp(ctx.db);
    handler = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['application_handler'] });
    viewer = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['viewer'] });
    yokohama = await signedInStaff(ctx.db, { municipalityCode: '141003', roles: ['application_handler'] });
    card = await testCard(ctx.db);
  });
  after(() => t.close());

  const call = (caller: TestCaller, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, cookies: caller.cookies, headers: { ...caller.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  test('given an arrived application, when staff move it on and ask for information, and the resident replies with a document, then each step is on the timeline and the original never changes', async () => {
    const resident = await signedInResident(ctx.db, { homeMunicipalityCode: '131130' });
    const { applicationId, attachmentId } = await arrivedApplication({ db: ctx.db }, { residentId: resident.id });
    const status = (to: string, message?: string, caller = handler) => call(caller, 'POST', `/api/v1/staff/applications/${applicationId}/status`, { status: to, ...(message ? { message } : {}) });

    assert.equal((await status('accepted')).statusCode, 409, 'not before it is received');
    assert.equal((await status('received', undefined, viewer)).statusCode, 403, 'a viewer cannot move it');
    assert.equal((await status('received')).statusCode, 200);
    assert.equal((await status('in_review')).statusCode, 200);
    const noMessage = await status('info_requested');
    assert.equal(noMessage.statusCode, 400);
    assert.equal((await status('info_requested', '住民票の写しを添付してください')).statusCode, 200);
    assert.equal((await status('received', undefined, yokohama)).statusCode, 404, 'another municipality’s application is not there');

    const own = await call(resident, 'GET', `/api/v1/applications/${applicationId}`);
    assert.deepEqual([own.json().status, own.json().canReply], ['info_requested', true]);
    const request = own.json().timeline.at(-1);
    assert.deepEqual([request.kind, request.actor, request.message, 'actorId' in request], ['info_requested', 'municipality', '住民票の写しを添付してください', false]);

    const boundary = `----r${randomBytes(6).toString('hex')}`;
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="message"\r\n\r\n添付しました\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"note":"再提出"}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="juminhyo.png"\r\nContent-Type: image/png\r\n\r\n`),
      Buffer.from(pngBytes(42)),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${applicationId}/replies`,
      cookies: resident.cookies,
      headers: { ...resident.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    assert.equal(reply.statusCode, 200, reply.body);
    const replied = reply.json();
    assert.equal(replied.status, 'in_review');
    const last = replied.timeline.at(-1);
    assert.deepEqual([last.kind, last.message, last.data, last.attachments.map((a: { mediaType: string }) => a.mediaType)], ['resident_replied', '添付しました', { note: '再提出' }, ['image/png']]);
    assert.deepEqual(replied.data, VALID_DATA, 'the original data is unchanged');
    assert.equal(replied.attachments.length, 1, 'the reply’s document is not one of the signed attachments');
    assert.equal((await call(resident, 'POST', `/api/v1/applications/${applicationId}/replies`, { message: 'もう一度' })).statusCode, 409);

    assert.equal((await status('accepted')).statusCode, 200);
    const staffView = await call(viewer, 'GET', `/api/v1/staff/applications/${applicationId}`);
    assert.deepEqual(
      staffView.json().timeline.map((e: { kind: string }) => e.kind),
      ['arrived', 'received', 'in_review', 'info_requested', 'resident_replied', 'accepted'],
    );
    assert.deepEqual(staffView.json().originalsToBring, ['本人確認書類']);
    const file = await call(viewer, 'GET', `/api/v1/staff/applications/${applicationId}/attachments/${attachmentId}`);
    assert.equal(file.statusCode, 200);
    assert.match(file.body, /^%PDF-/);
    assert.equal((await call(yokohama, 'GET', `/api/v1/staff/applications/${applicationId}/attachments/${attachmentId}`)).statusCode, 404);
    const list = await call(viewer, 'GET', '/api/v1/staff/applications?status=accepted');
    assert.ok(list.json().items.some((a: { id: string }) => a.id === applicationId));
    assert.ok(!(await call(yokohama, 'GET', '/api/v1/staff/applications')).json().items.some((a: { id: string }) => a.id === applicationId));
    assert.equal((await call(resident, 'POST', `/api/v1/applications/${applicationId}/withdraw`, {})).statusCode, 409, 'decided: no longer withdrawable');
  });

  test('given services chosen in an order, when bundles start, then each bundle\'s drafts keep that order (PGlite\'s clock has millisecond steps)', async () => {
    const resident = await signedInResident(ctx.db, { homeMunicipalityCode: '131130' });
    const services: string[] = [];
    for (let i = 0; i < 5; i++) services.push((await publishedServiceWithForm(ctx.db, { title: `順序の確認 ${i}` })).serviceId);
    for (const order of [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0], [2, 0, 4, 1, 3]]) {
      const chosen = order.map((i) => services[i]!);
      const { bundleKey } = await startBundle({ db: ctx.db }, { residentId: resident.id, serviceIds: chosen });
      const drafts = await listBundleDrafts(ctx.db.kysely, resident.id, bundleKey);
      assert.deepEqual(drafts.map((d) => d.service_id), chosen);
    }
  });

  test('given drafts for a birth, when the resident signs them once as a bundle, then each is its own application with its own reference and arrival time; a retry returns the same bundle', async () => {
    const resident = await signedInResident(ctx.db, { homeMunicipalityCode: '131130', loginCertificate: await loginCertificateOf(card) });
    const services = await Promise.all([
      publishedServiceWithForm(ctx.db, { title: '児童手当 認定請求' }),
      publishedServiceWithForm(ctx.db, { title: '乳幼児医療費助成' }),
      publishedServiceWithForm(ctx.db, { title: '保育施設等の利用申込' }),
    ]);
    const draftIds: string[] = [];
    for (const s of services) {
      const res = await call(resident, 'POST', '/api/v1/applications/drafts', { serviceId: s.serviceId, data: VALID_DATA });
      assert.equal(res.statusCode, 201, res.body);
      draftIds.push(res.json().id);
    }
    const payload = await call(resident, 'POST', '/api/v1/applications/bundles/signing-payload', { draftIds });
    assert.equal(payload.statusCode, 200, payload.body);
    const content = new Uint8Array(Buffer.from(payload.json().content, 'base64'));
    assert.equal(JSON.parse(Buffer.from(content).toString()).applications.length, 3);
    const signature = Buffer.from(await signContent(card, content)).toString('base64');
    const key = `bundle-${draftIds[0]}`;
    const [first, second] = await Promise.all([0, 1].map(() => call(resident, 'POST', '/api/v1/applications/bundles', { draftIds, signature }, { 'idempotency-key': key })));
    assert.deepEqual([first!.statusCode, second!.statusCode].sort(), [200, 201], `${first!.body} ${second!.body}`);
    const bundle = first!.json();
    assert.equal(second!.json().bundleId, bundle.bundleId);
    assert.equal(bundle.applications.length, 3);
    assert.equal(new Set(bundle.applications.map((a: { reference: string }) => a.reference)).size, 3);
    assert.deepEqual(
      bundle.applications.map((a: { service: { title: string } }) => a.service.title),
      ['児童手当 認定請求', '乳幼児医療費助成', '保育施設等の利用申込'],
    );
    for (const a of bundle.applications) assert.deepEqual([a.bundleId, a.signature.indication, a.method], [bundle.bundleId, 'TOTAL_PASSED', 'signed']);
    const rows = await ctx.db.kysely.selectFrom('applications').select(['id', 'arrived_at']).where('bundle_id', '=', bundle.bundleId).execute();
    assert.equal(rows.length, 3);

    // A bundle signed over other drafts' digests does not arrive.
    const more: string[] = [];
    for (const s of services.slice(0, 2)) more.push((await call(resident, 'POST', '/api/v1/applications/drafts', { serviceId: s.serviceId, data: VALID_DATA })).json().id);
    const wrong = await call(resident, 'POST', '/api/v1/applications/bundles', { draftIds: more, signature });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().code, 'applications.signature_invalid');
  });
});

/** The test form with the applicant's name declared as the shared `applicant.name`, as the national templates do. */
const SHARED_NAME_LAYOUT: FormLayout = {
  steps: TEST_LAYOUT.steps.map((step) => ({
    ...step,
    sections: step.sections.map((section) => ({ ...section, items: section.items.map((item) => (item.id === 'name' ? { ...item, shared: 'applicant.name' } : item)) })),
  })),
};

describeOnDatabases('a bundle signed with someone else’s card, and what staff see of the signer (R17)', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
  });
  after(() => t.close());

  const call = (caller: TestCaller, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({ method, url, cookies: caller.cookies, headers: { ...caller.headers, ...headers }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  async function bundleOf(resident: TestCaller): Promise<{ draftIds: string[]; content: Uint8Array }> {
    const draftIds: string[] = [];
    for (const title of ['児童手当 認定請求', '乳幼児医療費助成']) {
      const { serviceId } = await publishedServiceWithForm(ctx.db, { title, layout: SHARED_NAME_LAYOUT });
      draftIds.push((await call(resident, 'POST', '/api/v1/applications/drafts', { serviceId, data: { applicant: { name: '本人　花子' } } })).json().id);
    }
    const payload = await call(resident, 'POST', '/api/v1/applications/bundles/signing-payload', { draftIds });
    assert.equal(payload.statusCode, 200, payload.body);
    return { draftIds, content: new Uint8Array(Buffer.from(payload.json().content, 'base64')) };
  }

  test('given a resident signed in with their card, when a bundle is signed with another resident’s card and PIN, then it is a 403 problem and none of it arrives', async () => {
    const own = await testCard(ctx.db, { name: '本人　花子' });
    const resident = await signedInResident(ctx.db, { homeMunicipalityCode: '131130', loginCertificate: await loginCertificateOf(own) });
    const { draftIds, content } = await bundleOf(resident);
    const signature = Buffer.from(await signContent(await testCard(ctx.db, { name: '別人　次郎' }), content)).toString('base64');
    const res = await call(resident, 'POST', '/api/v1/applications/bundles', { draftIds, signature });
    assert.equal(res.statusCode, 403, res.body);
    assert.equal(res.json().code, 'applications.signer_not_account_holder');
    assert.match(res.json().detail, /card other than the one you signed in with/);
    const arrived = await ctx.db.kysely.selectFrom('applications').select('id').where('draft_id', 'in', draftIds).execute();
    assert.deepEqual(arrived, []);
  });

  test('given a registered proxy’s bundle, when staff open one of its applications, then they see the signer’s name, that a proxy signed, beside the account and its applicant', async () => {
    const own = await testCard(ctx.db, { name: '本人　花子' });
    const resident = await signedInResident(ctx.db, { homeMunicipalityCode: '131130', loginCertificate: await loginCertificateOf(own) });
    const proxyCard = await testCard(ctx.db, { name: '代理　太郎' });
    const proxy = await signedInResident(ctx.db, { loginCertificate: await loginCertificateOf(proxyCard) });
    await registerResidentProxy({ db: ctx.db }, { residentId: resident.id, proxyResidentId: proxy.id, registeredBy: 'test' });
    const { draftIds, content } = await bundleOf(resident);
    const sent = await call(resident, 'POST', '/api/v1/applications/bundles', { draftIds, signature: Buffer.from(await signContent(proxyCard, content)).toString('base64') });
    assert.equal(sent.statusCode, 201, sent.body);
    const handler = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['application_handler'] });
    const detail = await call(handler, 'GET', `/api/v1/staff/applications/${sent.json().applications[0].id}`);
    assert.equal(detail.statusCode, 200, detail.body);
    assert.deepEqual(detail.json().signer, { name: '代理　太郎', signedBy: 'proxy' });
    assert.deepEqual(detail.json().account, { residentId: resident.id, applicantName: '本人　花子' });
  });
});
