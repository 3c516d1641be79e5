// Attachment bytes nothing refers to are deleted after a day; bytes of drafts and applications stay.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { allJobDefinitions } from '../../jobs.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { ensureNationalProcedures } from '../catalogue/index.ts';
import { ensureMunicipalityMaster } from '../municipalities/index.ts';
import type { ApplicationsDeps } from './deps.ts';
import { collectBlobs, COLLECT_BLOBS_JOB_NAME } from './jobs/collect-blobs.ts';
import { removeAttachment } from './remove-attachment.ts';
import { startDraft } from './start-draft.ts';
import { arrivedApplication, NO_JOBS, pdfBytes, publishedServiceWithForm, VALID_DATA } from './testing.ts';
import { uploadAttachment } from './upload-attachment.ts';

const DAY = 24 * 3600 * 1000;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describeOnDatabases('collecting unreferenced attachment bytes', (ctx) => {
  let deps: ApplicationsDeps;
  let residentId: string;

  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
    deps = {
      db: ctx.db,
      jobs: NO_JOBS,
      verifier: { verify: () => Promise.reject(new Error('no signature expected')), close: async () => {} },
      certificateLinks: { lookUp: () => Promise.reject(new Error('no signature expected')) },
    };
    residentId = (await ctx.db.kysely.insertInto('residents').values({ certificate_id: `blobs-${Date.now()}`, home_municipality_code: '131130' }).returning('id').executeTakeFirstOrThrow()).id;
  });

  const stored = async (bytes: Uint8Array) => (await ctx.db.kysely.selectFrom('application_blobs').select('sha256').where('sha256', '=', sha(bytes)).execute()).length === 1;
  const age = (bytes: Uint8Array, days: number) =>
    sql`UPDATE application_blobs SET created_at = now() - make_interval(days => ${days}) WHERE sha256 = ${sha(bytes)}`.execute(ctx.db.kysely);

  test('bytes a draft or an application names stay; removed ones go after a day; the same bytes can be uploaded again', async () => {
    const { serviceId } = await publishedServiceWithForm(ctx.db, { attachments: [{ name: '本人確認書類', required: false, originalRequired: false }] });
    const draft = await startDraft(deps, { residentId, serviceId, data: VALID_DATA });
    const kept = pdfBytes('kept by a draft');
    const removed = pdfBytes('removed by the resident');
    await uploadAttachment(deps, { residentId, draftId: draft.id, filename: 'kept.pdf', requirement: null, bytes: kept });
    const gone = await uploadAttachment(deps, { residentId, draftId: draft.id, filename: 'removed.pdf', requirement: null, bytes: removed });
    await removeAttachment(deps, { residentId, draftId: draft.id, attachmentId: gone.id });
    const arrived = await arrivedApplication(deps, { residentId });
    const { sha256: submitted } = await ctx.db.kysely.selectFrom('application_attachments').select('sha256').where('id', '=', arrived.attachmentId).executeTakeFirstOrThrow();

    assert.equal(await collectBlobs(ctx.db), 0, 'within the day nothing goes');
    assert.ok(await stored(removed));
    await collectBlobs(ctx.db, new Date(Date.now() + 2 * DAY));
    assert.equal(await stored(removed), false, 'removed and a day old: deleted');
    assert.ok(await stored(kept), 'a draft names it');
    const applicationBytes = await ctx.db.kysely.selectFrom('application_blobs').select('sha256').where('sha256', '=', submitted).execute();
    assert.equal(applicationBytes.length, 1, 'an application names it (its draft is gone)');

    const again = await uploadAttachment(deps, { residentId, draftId: draft.id, filename: 'again.pdf', requirement: null, bytes: removed });
    assert.equal(again.sha256, sha(removed));
    assert.ok(await stored(removed), 'stored again');
  });

  test('old bytes uploaded again are marked as used, so the collector leaves them to the attachment', async () => {
    const { serviceId } = await publishedServiceWithForm(ctx.db);
    const draft = await startDraft(deps, { residentId, serviceId, data: VALID_DATA });
    const bytes = pdfBytes('stored long ago');
    const first = await uploadAttachment(deps, { residentId, draftId: draft.id, filename: 'a.pdf', requirement: null, bytes });
    await removeAttachment(deps, { residentId, draftId: draft.id, attachmentId: first.id });
    await age(bytes, 3);
    // Found (and marked) by the upload, then attached: a collection afterwards sees it named, and one
    // run before the attach would see it as just used.
    await uploadAttachment(deps, { residentId, draftId: draft.id, filename: 'b.pdf', requirement: null, bytes });
    const used = await ctx.db.kysely.selectFrom('application_blobs').select('created_at').where('sha256', '=', sha(bytes)).executeTakeFirstOrThrow();
    assert.ok(Date.now() - used.created_at.getTime() < DAY);
    await collectBlobs(ctx.db);
    assert.ok(await stored(bytes));
  });

  test('the collector runs hourly on every deployment', () => {
    const job = allJobDefinitions(ctx.db).find((d) => d.name === COLLECT_BLOBS_JOB_NAME);
    assert.match(job?.cron ?? '', /^\d+ \* \* \* \*$/);
  });
});
