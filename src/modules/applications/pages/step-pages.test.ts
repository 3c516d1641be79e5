// Issue 11 point 11: a step post reads the draft once and writes it once — the save validates before
// it writes (with the step reached in the same write) and answers from the draft already read.
// Every query the app sends goes through a Kysely plugin that counts those on application_drafts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { buildTestApp, type TestApp } from '../../../testing/app.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import type { FormLayout } from '../../forms/index.ts';
import { signedInResident, type TestCaller } from '../../identity/testing.ts';
import { publishedServiceWithForm, TEST_LAYOUT } from '../testing.ts';

const TWO_STEPS: FormLayout = {
  steps: [
    ...TEST_LAYOUT.steps,
    {
      id: 'contact',
      title: { ja: '連絡先', en: 'Contact' },
      sections: [{ id: 'contact', key: 'contact', title: { ja: '連絡先', en: 'Contact' }, items: [{ id: 'phone', label: { ja: '電話番号', en: 'Phone' }, widget: 'text', required: true, maxLength: 20 }] }],
    },
  ],
};

/** Counts the statements on the drafts table by kind (SelectQueryNode, UpdateQueryNode …). */
function draftQueryCounter(): { plugin: KyselyPlugin; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  return {
    counts,
    plugin: {
      transformQuery({ node }) {
        if (JSON.stringify(node).includes('"application_drafts"')) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
        return node;
      },
      transformResult: async ({ result }) => result,
    },
  };
}

describeOnDatabases('a form step post', (ctx) => {
  let t: TestApp;
  let resident: TestCaller;
  let serviceId: string;
  const counter = draftQueryCounter();
  before(async () => {
    t = await buildTestApp({ ...ctx.db, kysely: ctx.db.kysely.withPlugin(counter.plugin) });
    resident = await signedInResident(ctx.db, { homeMunicipalityCode: '131130' });
    ({ serviceId } = await publishedServiceWithForm(ctx.db, { layout: TWO_STEPS }));
  });
  after(() => t.close());

  const post = (url: string, fields: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url,
      cookies: resident.cookies,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: resident.headers['x-csrf-token']!, ...fields }).toString(),
    });

  test('given a draft, when a step is posted, valid or not, then the draft is read once and written once', async () => {
    const started = await post(`/services/${serviceId}/apply`, {});
    const draftUrl = started.headers.location as string;

    counter.counts.clear();
    const valid = await post(`${draftUrl}/steps/applicant`, { 'applicant.name': '申請　太郎' });
    assert.equal(valid.statusCode, 303, valid.body);
    assert.equal(valid.headers.location, `${draftUrl}/steps/contact`);
    assert.deepEqual(Object.fromEntries(counter.counts), { SelectQueryNode: 1, UpdateQueryNode: 1 });

    // The step reached was written with the data: the draft resumes at the next step.
    const resumed = await t.app.inject({ method: 'GET', url: draftUrl, cookies: resident.cookies, headers: { accept: 'text/html' } });
    assert.equal(resumed.headers.location, `${draftUrl}/steps/contact`);

    counter.counts.clear();
    const invalid = await post(`${draftUrl}/steps/contact`, { 'contact.phone': '' });
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /class="error-summary"/);
    assert.match(invalid.body, /連絡先/);
    assert.deepEqual(Object.fromEntries(counter.counts), { SelectQueryNode: 1, UpdateQueryNode: 1 });

    counter.counts.clear();
    const last = await post(`${draftUrl}/steps/contact`, { 'contact.phone': '03-1234-5678' });
    assert.equal(last.statusCode, 303);
    assert.equal(last.headers.location, `${draftUrl}/attachments`);
    assert.deepEqual(Object.fromEntries(counter.counts), { SelectQueryNode: 1, UpdateQueryNode: 1 });
  });
});
