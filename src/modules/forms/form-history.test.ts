// History rows cannot be skipped (issue #11, point 12): every form write goes through writeForm with
// its history row, and the database refuses at commit a change to a form, a version or a service's
// link that has no history row of its own transaction, whoever writes it. Also the public list of
// forms with their latest version in one statement (point 9).
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { createService, ensureNationalProcedures } from '../catalogue/index.ts';
import { ensureMunicipalityMaster } from '../municipalities/index.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { ensureNationalFormTemplates } from './ensure-templates.ts';
import { listHistory, listPublishedForms } from './repository.ts';
import { createOwnForm, linkServiceForm, publishForm, saveFormDraft, type FormWriter } from './save-form.ts';

const shibuya = { kind: 'municipality', municipalityCode: '131130', label: 'shibuya.editor' } as const satisfies FormWriter;
const setagaya = { kind: 'municipality', municipalityCode: '131121', label: 'setagaya.editor' } as const satisfies FormWriter;
const missingHistory = /without its form_history row/;

describeOnDatabases('forms: history rows cannot be skipped', (ctx) => {
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
  });

  test('given the use cases, when a form is made, edited, published, linked and unlinked, then each change has its history row', async () => {
    const service = await createService(ctx, { ...shibuya }, { input: { title: '病児保育' } });
    const form = await createOwnForm(ctx, shibuya, { title: { ja: '病児保育の申込', en: 'Sick-child care' } });
    await saveFormDraft(ctx, shibuya, { formId: form.id, layout: form.draft, summary: 'no change but a save' });
    await publishForm(ctx, shibuya, { formId: form.id });
    await linkServiceForm(ctx, shibuya, { serviceId: service.id, formId: form.id });
    await linkServiceForm(ctx, shibuya, { serviceId: service.id, formId: null });
    const history = (await listHistory(ctx.db.kysely, form.id)).reverse();
    assert.deepEqual(
      history.map((h) => [h.change, h.revision, h.version, h.changed_by]),
      [
        ['created', 1, null, 'shibuya.editor'],
        ['edited', 2, null, 'shibuya.editor'],
        ['published', 2, 1, 'shibuya.editor'],
        ['linked', 2, null, 'shibuya.editor'],
        ['unlinked', 2, null, 'shibuya.editor'],
      ],
    );
    assert.deepEqual(history[1]!.details, { summary: 'no change but a save' });
    assert.deepEqual(history[3]!.details, { serviceId: service.id });
  });

  test('given a writer that bypasses writeForm, when it changes a form without a history row, then the commit is refused and nothing changes', async () => {
    const form = await createOwnForm(ctx, shibuya, { title: { ja: '一時預かり', en: 'Drop-in care' } });
    const edit = ctx.db.kysely.transaction().execute((trx) => sql`update forms set title = 'changed', revision = revision + 1 where id = ${form.id}`.execute(trx));
    await assert.rejects(edit, missingHistory);
    const insert = ctx.db.kysely.transaction().execute((trx) =>
      sql`insert into forms (municipality_code, kind, title, title_en, draft) values ('131130', 'own', 'x', 'x', '{"steps":[]}')`.execute(trx),
    );
    await assert.rejects(insert, missingHistory);
    // Outside a transaction, each statement commits alone: the same.
    await assert.rejects(sql`update forms set title = 'changed' where id = ${form.id}`.execute(ctx.db.kysely), missingHistory);

    const publish = ctx.db.kysely.transaction().execute((trx) =>
      sql`insert into form_versions (form_id, municipality_code, version, title, title_en, layout, schema)
          values (${form.id}, '131130', 1, 'x', 'x', '{"steps":[]}', '{}')`.execute(trx),
    );
    await assert.rejects(publish, missingHistory);

    const service = await createService(ctx, { ...shibuya }, { input: { title: '一時預かり' } });
    const link = ctx.db.kysely.transaction().execute((trx) => sql`insert into service_forms (service_id, municipality_code, form_id) values (${service.id}, '131130', ${form.id})`.execute(trx));
    await assert.rejects(link, missingHistory);
    await linkServiceForm(ctx, shibuya, { serviceId: service.id, formId: form.id });
    await assert.rejects(sql`delete from service_forms where service_id = ${service.id}`.execute(ctx.db.kysely), missingHistory);

    const after = await ctx.db.kysely.selectFrom('forms').select(['title', 'revision']).where('id', '=', form.id).executeTakeFirstOrThrow();
    assert.deepEqual(after, { title: '一時預かり', revision: 1 });
    assert.equal((await ctx.db.kysely.selectFrom('form_versions').select('id').where('form_id', '=', form.id).execute()).length, 0);
    assert.equal((await ctx.db.kysely.selectFrom('service_forms').select('form_id').where('service_id', '=', service.id).executeTakeFirstOrThrow()).form_id, form.id);
  });

  test('given a history row of another transaction, when a form changes, then it does not count', async () => {
    const form = await createOwnForm(ctx, shibuya, { title: { ja: '子育て相談', en: 'Parenting advice' } });
    // A row for the revision about to be made, written first in a transaction of its own.
    await sql`insert into form_history (form_id, municipality_code, change, revision) values (${form.id}, '131130', 'edited', 2)`.execute(ctx.db.kysely);
    await assert.rejects(sql`update forms set revision = 2 where id = ${form.id}`.execute(ctx.db.kysely), missingHistory);
  });

  test('given published forms, when listed with a municipality, then its own come first, each with its latest version, and unpublished ones are left out', async () => {
    await ensureNationalFormTemplates(ctx.db);
    const mine = await createOwnForm(ctx, setagaya, { title: { ja: '世田谷の様式', en: 'Setagaya form' } });
    const v1 = await publishForm(ctx, setagaya, { formId: mine.id });
    const layout = structuredClone(mine.draft);
    layout.steps[0]!.sections[0]!.items.push({ id: 'note', label: { ja: '備考', en: 'Note' }, widget: 'text' });
    await saveFormDraft(ctx, setagaya, { formId: mine.id, layout });
    const v2 = await publishForm(ctx, setagaya, { formId: mine.id });
    assert.notEqual(v1.id, v2.id);
    const unpublished = await createOwnForm(ctx, setagaya, { title: { ja: '下書きのまま', en: 'Still a draft' } });

    const rows = await listPublishedForms(ctx.db.kysely, { municipalityCode: '131121' });
    assert.equal(rows[0]!.id, mine.id, 'the municipality’s own forms first');
    assert.deepEqual([rows[0]!.latest_version_id, rows[0]!.latest_version], [v2.id, 2]);
    assert.ok(!rows.some((r) => r.id === unpublished.id));
    assert.ok(!rows.some((r) => r.municipality_code === '131130'), 'no other municipality’s forms');
    assert.equal(rows.filter((r) => r.kind === 'national_template').length, 15);
    const national = await listPublishedForms(ctx.db.kysely, {});
    assert.ok(national.every((r) => r.municipality_code === null));
    assert.equal(national.length, 15);
  });
});
