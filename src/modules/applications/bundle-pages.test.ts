// One-stop bundles in the resident's pages, without a browser: from a life event, choose the
// municipality's services, answer the shared questions once (they land in every draft, prefilled
// from what the resident entered before), fill each draft's own step, check all on one page, sign
// once (as apply-sign.js does, through the API) and see each application's own reference and
// arrival time. A new draft afterwards is prefilled from the account. Nobody else sees any of it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import type { FormLayout } from '../forms/index.ts';
import { signedInResident, type TestCaller } from '../identity/testing.ts';
import type { TestCard } from '../signatures/index.ts';
import type { PageContext } from '../../web/page.ts';
import { SignForm } from './views/sign-form.tsx';
import { formatJapanTime } from './views/status.tsx';
import { loginCertificateOf, pdfText, publishedServiceWithForm, signContent, testCard } from './testing.ts';

/** A form like the national templates: the applicant and the children shared, one question of its own. */
function layoutAsking(own: string): FormLayout {
  return {
    steps: [
      {
        id: 'people',
        title: { ja: '申請者と児童', en: 'You and the children' },
        sections: [
          {
            id: 'applicant',
            key: 'applicant',
            title: { ja: '申請者', en: 'Applicant' },
            items: [
              { id: 'name', label: { ja: '氏名', en: 'Name' }, widget: 'text', required: true, maxLength: 60, prefill: 'basic4.name', shared: 'applicant.name' },
              { id: 'kana', label: { ja: 'フリガナ', en: 'Kana' }, widget: 'text', required: true, maxLength: 60, shared: 'applicant.kana' },
              { id: 'phone', label: { ja: '電話番号', en: 'Phone' }, widget: 'tel', required: true, prefill: 'profile.phone', shared: 'applicant.phone' },
            ],
          },
          {
            id: 'children',
            title: { ja: '児童', en: 'Children' },
            items: [
              {
                kind: 'group',
                id: 'children',
                label: { ja: '児童', en: 'Children' },
                itemLabel: { ja: '児童', en: 'Child' },
                minItems: 1,
                maxItems: 5,
                shared: 'children',
                fields: [
                  { id: 'name', label: { ja: '児童の氏名', en: 'Child’s name' }, widget: 'text', required: true, shared: 'name' },
                  { id: 'birthDate', label: { ja: '児童の生年月日', en: 'Child’s date of birth' }, widget: 'date', required: true, shared: 'birthDate' },
                  { id: 'note', label: { ja: '配慮が必要なこと', en: 'Needs' }, widget: 'text' },
                ],
              },
            ],
          },
        ],
      },
      {
        id: 'details',
        title: { ja: 'この申請の項目', en: 'This application' },
        sections: [{ id: 'details', key: 'details', title: { ja: 'この申請の項目', en: 'This application' }, items: [{ id: own, label: { ja: `${own}の内容`, en: own }, widget: 'text', required: true }] }],
      },
    ],
  };
}

const MUNICIPALITY = '141003';

describeOnDatabases('one-stop bundles in the pages', (ctx) => {
  let t: TestApp;
  let resident: TestCaller;
  let other: TestCaller;
  let card: TestCard;
  let services: Array<{ serviceId: string; title: string }>;
  let offline: string;
  let earlier: string;
  before(async () => {
    t = await buildTestApp(ctx.db);
    card = await testCard(ctx.db);
    resident = await signedInResident(ctx.db, { homeMunicipalityCode: MUNICIPALITY, loginCertificate: await loginCertificateOf(card) });
    other = await signedInResident(ctx.db, { homeMunicipalityCode: MUNICIPALITY });
    const titles = ['児童手当 認定請求（まとめテスト）', '乳幼児医療費助成（まとめテスト）', '保育施設等の利用申込（まとめテスト）'];
    services = [];
    for (const [i, title] of titles.entries()) {
      const { serviceId } = await publishedServiceWithForm(ctx.db, { municipalityCode: MUNICIPALITY, title, lifeEvents: ['birth'], applyMethods: ['signed_online'], layout: layoutAsking(`q${i}`) });
      services.push({ serviceId, title });
    }
    offline = (await publishedServiceWithForm(ctx.db, { municipalityCode: MUNICIPALITY, title: '窓口だけのサービス（まとめテスト）', lifeEvents: ['birth'], applyMethods: ['counter'] })).serviceId;
    earlier = (await publishedServiceWithForm(ctx.db, { municipalityCode: MUNICIPALITY, title: '以前の申請（まとめテスト）', layout: layoutAsking('past') })).serviceId;
  });
  after(() => t.close());

  const csrf = (caller: TestCaller) => caller.headers['x-csrf-token']!;
  const get = (caller: TestCaller | null, url: string) => t.app.inject({ method: 'GET', url, ...(caller ? { cookies: caller.cookies } : {}), headers: { accept: 'text/html' } });
  const post = (caller: TestCaller, url: string, fields: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    body.append('_csrf', csrf(caller));
    for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return t.app.inject({ method: 'POST', url, cookies: caller.cookies, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: body.toString() });
  };
  const draftsOf = (residentId: string) =>
    ctx.db.kysely.selectFrom('application_drafts').select(['id', 'service_id', 'data', 'bundle_key']).where('resident_id', '=', residentId).orderBy('created_at').orderBy('id').execute();

  test('given a visitor who is not signed in, then the bundle page sends them to card login', async () => {
    const res = await get(null, `/applications/bundles/new?lifeEvent=birth&municipality=${MUNICIPALITY}`);
    assert.equal(res.statusCode, 303);
    assert.match(res.headers.location as string, /^\/login\?next=/);
  });

  test('given a birth, when the resident applies for three services together, then the shared answers are asked once, each draft is filled, one signature sends all and each has its own receipt', async () => {
    // Something entered before: a draft of another service with a kana and a phone number.
    const past = await post(resident, `/services/${earlier}/apply`, {});
    assert.equal(past.statusCode, 303);
    const pastDraft = (await draftsOf(resident.id)).find((d) => d.service_id === earlier)!;
    assert.equal((await post(resident, `/applications/drafts/${pastDraft.id}/steps/people`, { 'applicant.name': '子育　花子', 'applicant.kana': 'コソダテ　ハナコ', 'applicant.phone': '090-1111-2222', 'children[0].name': '上の子' })).statusCode, 400);

    // The services of the municipality for the event that take online applications and have a form.
    const choose = await get(resident, `/applications/bundles/new?lifeEvent=birth&municipality=${MUNICIPALITY}`);
    assert.equal(choose.statusCode, 200);
    for (const s of services) assert.ok(choose.body.includes(s.title), s.title);
    assert.ok(!choose.body.includes('窓口だけのサービス'), 'a service without online applications is not offered');
    assert.ok(!choose.body.includes('以前の申請'), 'a service of another life event is not offered');
    assert.match(choose.body, /<fieldset id="service-choice"/);
    assert.equal((choose.body.match(/<h1[ >]/g) ?? []).length, 1);

    // One service is not a bundle: the error is at the field.
    const one = await post(resident, '/applications/bundles/new', { lifeEvent: 'birth', municipality: MUNICIPALITY, serviceIds: [services[0]!.serviceId] });
    assert.equal(one.statusCode, 400);
    assert.match(one.body, /class="error-summary"/);
    const firstChoice = /<input type="checkbox" id="(service-[0-9a-f-]+)"/.exec(one.body)?.[1];
    assert.ok(firstChoice && one.body.includes(`href="#${firstChoice}"`), 'the summary links to the first checkbox');
    assert.match(one.body, /aria-invalid="true"/);
    assert.match(one.body, /2件から10件まで/);
    assert.equal(one.body.includes(`value="${services[0]!.serviceId}" checked`), true, 'the choice is kept');

    const started = await post(resident, '/applications/bundles/new', { lifeEvent: 'birth', municipality: MUNICIPALITY, serviceIds: services.map((s) => s.serviceId) });
    assert.equal(started.statusCode, 303, started.body);
    const sharedUrl = started.headers.location as string;
    const bundleKey = /^\/applications\/bundles\/([0-9a-f-]{36})\/shared$/.exec(sharedUrl)?.[1];
    assert.ok(bundleKey, sharedUrl);
    const drafts = (await draftsOf(resident.id)).filter((d) => d.bundle_key === bundleKey);
    assert.deepEqual(drafts.map((d) => d.service_id), services.map((s) => s.serviceId));

    // The shared step: each shared field once, prefilled from what was entered before.
    const shared = await get(resident, sharedUrl);
    assert.equal(shared.statusCode, 200);
    assert.equal((shared.body.match(/name="applicant\.kana"/g) ?? []).length, 1);
    assert.equal((shared.body.match(/name="children\[0\]\.name"/g) ?? []).length, 1);
    assert.doesNotMatch(shared.body, /name="details\./, 'a form’s own questions are not on the shared step');
    assert.match(shared.body, /value="コソダテ\u3000ハナコ"/);
    assert.match(shared.body, /value="090-1111-2222"/);

    // Missing answers: 400, an error summary linked to the fields, what was typed kept.
    const incomplete = await post(resident, sharedUrl, { 'applicant.name': '子育　花子', 'applicant.kana': 'コソダテ　ハナコ', 'applicant.phone': '' });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /class="error-summary"/);
    assert.match(incomplete.body, /href="#[^"]*applicant[^"]*phone/);
    assert.match(incomplete.body, /aria-invalid="true"/);
    assert.match(incomplete.body, /value="子育\u3000花子"/);

    // Add a second child (a row action), then send the answers: every draft has them.
    const rows = { 'applicant.name': '子育　花子', 'applicant.kana': 'コソダテ　ハナコ', 'applicant.phone': '090-1111-2222', 'children[0].name': '子育　一郎', 'children[0].birthDate': '2026-10-01' };
    const added = await post(resident, sharedUrl, { ...rows, _action: 'add:children' });
    assert.equal(added.statusCode, 200);
    assert.match(added.body, /name="children\[1\]\.name"/);
    const saved = await post(resident, sharedUrl, { ...rows, 'children[1].name': '子育　二郎', 'children[1].birthDate': '2024-04-02' });
    assert.equal(saved.statusCode, 303, saved.body);
    assert.equal(saved.headers.location, `/applications/bundles/${bundleKey}`);
    for (const d of (await draftsOf(resident.id)).filter((x) => x.bundle_key === bundleKey)) {
      const data = d.data as { applicant: Record<string, unknown>; children: Array<Record<string, unknown>> };
      assert.deepEqual(data.applicant, { name: '子育　花子', kana: 'コソダテ　ハナコ', phone: '090-1111-2222' });
      assert.deepEqual(data.children, [
        { name: '子育　一郎', birthDate: '2026-10-01' },
        { name: '子育　二郎', birthDate: '2024-04-02' },
      ]);
    }

    // The overview: each draft with what is still missing, linked to its own steps; no signing yet.
    const overview = await get(resident, `/applications/bundles/${bundleKey}`);
    assert.equal(overview.statusCode, 200);
    for (const d of drafts) assert.ok(overview.body.includes(`href="/applications/drafts/${d.id}"`));
    assert.match(overview.body, /未入力・誤りのある項目：1件/);
    const early = await get(resident, `/applications/bundles/${bundleKey}/check`);
    assert.match(early.body, /まだ送信できません/);
    assert.doesNotMatch(early.body, /id="sign-form"/);

    // Each draft's own step, with the existing step pages (which lead back to the bundle).
    const step = await get(resident, `/applications/drafts/${drafts[0]!.id}/steps/details`);
    assert.ok(step.body.includes(`href="/applications/bundles/${bundleKey}"`));
    for (const d of drafts) {
      const i = services.findIndex((s) => s.serviceId === d.service_id);
      const res = await post(resident, `/applications/drafts/${d.id}/steps/details`, { [`details.q${i}`]: `回答${i}` });
      assert.equal(res.statusCode, 303, res.body);
    }
    assert.match((await get(resident, `/applications/bundles/${bundleKey}`)).body, /まとめて確認し、署名する/);

    // Check all: every application's answers, one card form over all the drafts.
    const check = await get(resident, `/applications/bundles/${bundleKey}/check`);
    assert.equal(check.statusCode, 200);
    for (const s of services) assert.ok(check.body.includes(s.title));
    assert.match(check.body, /回答0[\s\S]*回答1[\s\S]*回答2/);
    assert.match(check.body, /src="\/assets\/apply-sign.js"/);
    assert.match(check.body, /id="sign-form"|テスト用カードがありません/);
    const ids = [...check.body.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(new Set(ids).size, ids.length, 'no id twice on the page');

    // Without JavaScript the card cannot sign: the page says why.
    const noScript = await post(resident, `/applications/bundles/${bundleKey}/submit`, {});
    assert.equal(noScript.statusCode, 400);
    assert.match(noScript.body, /JavaScript/);

    // Another resident sees none of it.
    assert.equal((await get(other, `/applications/bundles/${bundleKey}`)).statusCode, 404);
    assert.equal((await get(other, `/applications/bundles/${bundleKey}/check`)).statusCode, 404);

    // What apply-sign.js does: the bundle's signing payload, the card's signature, the bundle submit.
    const api = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url, cookies: resident.cookies, headers: { ...resident.headers, ...headers }, payload: payload as Record<string, unknown> });
    const draftIds = drafts.map((d) => d.id);
    const payload = await api('/api/v1/applications/bundles/signing-payload', { draftIds });
    assert.equal(payload.statusCode, 200, payload.body);
    const signature = Buffer.from(await signContent(card, new Uint8Array(Buffer.from(payload.json().content, 'base64')))).toString('base64');
    const sent = await api('/api/v1/applications/bundles', { draftIds, signature }, { 'idempotency-key': `pages-${bundleKey}` });
    assert.equal(sent.statusCode, 201, sent.body);
    const bundleId = sent.json().bundleId as string;

    // The receipts: each application with its own reference number and arrival time.
    const receipts = await get(resident, `/applications/bundles/sent/${bundleId}`);
    assert.equal(receipts.statusCode, 200);
    const rowsSent = await ctx.db.kysely.selectFrom('applications').select(['id', 'reference', 'arrived_at']).where('bundle_id', '=', bundleId).execute();
    assert.equal(rowsSent.length, 3);
    for (const r of rowsSent) {
      assert.ok(receipts.body.includes(r.reference), r.reference);
      assert.ok(receipts.body.includes(formatJapanTime(r.arrived_at.toISOString(), 'ja')));
      assert.ok(receipts.body.includes(`href="/applications/${r.id}"`));
      assert.ok(receipts.body.includes(`href="/applications/${r.id}/receipt.pdf"`), 'each receipt as a PDF');
    }
    assert.match(receipts.body, /公開の「証明の記録簿」/, 'where the proof of each arrival is');
    const pdf = await get(resident, `/applications/${rowsSent[0]!.id}/receipt.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.ok(pdfText(pdf.rawPayload).includes(rowsSent[0]!.reference));
    assert.equal((await get(other, `/applications/bundles/sent/${bundleId}`)).statusCode, 404);
    assert.equal((await get(resident, `/applications/bundles/${bundleKey}`)).statusCode, 404, 'the drafts became applications');

    // A new draft afterwards is prefilled: the name from the signature certificate of the bundle just
    // signed (its basic four items), the kana and phone from the answers given before.
    const next = await post(resident, `/services/${earlier}/apply`, {});
    assert.equal(next.statusCode, 303);
    const newest = (await draftsOf(resident.id)).filter((d) => d.service_id === earlier && d.id !== pastDraft.id);
    assert.equal(newest.length, 1);
    assert.deepEqual((newest[0]!.data as { applicant: unknown }).applicant, { name: '試験　花子', kana: 'コソダテ　ハナコ', phone: '090-1111-2222' });
  });

  test('given an API client, when it drives a bundle through JSON (candidates, start, view, shared answers, own answers, sign), then each application arrives; nobody else sees the bundle', async () => {
    const call = (caller: TestCaller, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      t.app.inject({ method, url, cookies: caller.cookies, headers: { ...caller.headers, ...headers }, ...(payload ? { payload: payload as Record<string, unknown> } : {}) });

    const candidates = await call(resident, 'GET', '/api/v1/applications/bundles/candidates?lifeEvent=birth');
    assert.equal(candidates.statusCode, 200, candidates.body);
    const offered = (candidates.json().items as Array<{ serviceId: string }>).map((c) => c.serviceId);
    for (const s of services) assert.ok(offered.includes(s.serviceId), s.title);
    assert.ok(!offered.includes(offline), 'no online application: not offered');
    assert.equal((await call(resident, 'GET', '/api/v1/applications/bundles/candidates?lifeEvent=wedding')).statusCode, 400, 'an unknown life event is a 400');

    const refused = await call(resident, 'POST', '/api/v1/applications/bundles/drafts', { serviceIds: [services[0]!.serviceId] });
    assert.equal(refused.statusCode, 400, 'one service is not a bundle');
    const started = await call(resident, 'POST', '/api/v1/applications/bundles/drafts', { serviceIds: services.slice(0, 2).map((s) => s.serviceId) });
    assert.equal(started.statusCode, 201, started.body);
    const { bundleKey, draftIds } = started.json() as { bundleKey: string; draftIds: string[] };
    assert.equal(draftIds.length, 2);

    const view = await call(resident, 'GET', `/api/v1/applications/bundles/drafts/${bundleKey}`);
    assert.equal(view.statusCode, 200, view.body);
    const shared = view.json().sharedForm.layout as { steps: Array<{ sections: Array<{ items: unknown[] }> }> };
    assert.ok(JSON.stringify(shared).includes('applicant'), 'the shared step asks for the applicant');
    assert.equal(view.json().ready, false);

    const incomplete = await call(resident, 'PUT', `/api/v1/applications/bundles/drafts/${bundleKey}/shared`, { answers: { applicant: { name: '一括　花子' } } });
    assert.equal(incomplete.statusCode, 200);
    assert.ok((incomplete.json().errors as Array<{ field: string }>).some((e) => e.field.includes('kana')), 'the missing kana is reported');
    const answers = { applicant: { name: '一括　花子', kana: 'イッカツ　ハナコ', phone: '03-0000-1111' }, children: [{ name: '一括　一郎', birthDate: '2026-10-01' }] };
    const saved = await call(resident, 'PUT', `/api/v1/applications/bundles/drafts/${bundleKey}/shared`, { answers });
    assert.deepEqual(saved.json().errors, []);
    for (const [i, id] of draftIds.entries()) {
      const draft = await call(resident, 'GET', `/api/v1/applications/drafts/${id}`);
      assert.deepEqual(draft.json().data.applicant, answers.applicant, 'written into every draft');
      const own = await call(resident, 'PATCH', `/api/v1/applications/drafts/${id}`, { data: { ...draft.json().data, details: { [`q${i}`]: `回答${i}` } } });
      assert.equal(own.statusCode, 200, own.body);
    }
    assert.equal((await call(resident, 'GET', `/api/v1/applications/bundles/drafts/${bundleKey}`)).json().ready, true);

    // Nobody else sees or changes it.
    assert.equal((await call(other, 'GET', `/api/v1/applications/bundles/drafts/${bundleKey}`)).statusCode, 404);
    assert.equal((await call(other, 'PUT', `/api/v1/applications/bundles/drafts/${bundleKey}/shared`, { answers: {} })).statusCode, 404);

    const payload = await call(resident, 'POST', '/api/v1/applications/bundles/signing-payload', { draftIds });
    const signature = Buffer.from(await signContent(card, new Uint8Array(Buffer.from(payload.json().content, 'base64')))).toString('base64');
    const sent = await call(resident, 'POST', '/api/v1/applications/bundles', { draftIds, signature }, { 'idempotency-key': `api-${bundleKey}` });
    assert.equal(sent.statusCode, 201, sent.body);
    assert.equal(sent.json().applications.length, 2);
    assert.equal((await call(resident, 'GET', `/api/v1/applications/bundles/drafts/${bundleKey}`)).statusCode, 404, 'the drafts became applications');
  });

  test('given a bundle and a test card, then the card form carries the drafts for apply-sign.js and posts to the bundle', async () => {
    const ctx2: PageContext = { lang: 'ja', path: '/', area: 'resident', t: (x) => x.ja, h: (x) => x.ja, user: null, csrfToken: 'token' };
    const html = await SignForm({ ctx: ctx2, bundle: { key: 'k', draftIds: ['a', 'b'] }, cards: [{ id: 'card1', name: '試験　花子', retriesLeft: 5 }], idempotencyKey: 'key-1' });
    assert.match(html, /id="sign-form"/);
    assert.match(html, /action="\/applications\/bundles\/k\/submit"/);
    assert.match(html, /data-drafts="a,b"/);
    assert.doesNotMatch(html, /data-draft="/);
  });

  test('given a life event the catalogue does not know, then the page is not found', async () => {
    assert.equal((await get(resident, `/applications/bundles/new?lifeEvent=unknown&municipality=${MUNICIPALITY}`)).statusCode, 404);
    assert.ok(offline);
  });
});
