import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { createService, ensureNationalProcedures } from '../catalogue/index.ts';
import { ensureMunicipalityMaster } from '../municipalities/index.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import type { FormLayout, SectionDef } from './definition.ts';
import { ensureNationalFormTemplates } from './ensure-templates.ts';
import { formVersionForService, loadFormVersion, validateFormData } from './index.ts';
import { findNationalTemplate, listForms, listHistory } from './repository.ts';
import { adoptTemplate, createOwnForm, linkServiceForm, publishForm, saveFormDraft, saveNationalTemplate, takeNewestTemplate, type FormWriter } from './save-form.ts';
import { isAppError } from '../../platform/errors.ts';
import { joinPath, sectionPath } from './definition.ts';

const shibuya = { kind: 'municipality', municipalityCode: '131130', label: 'shibuya.editor' } as const satisfies FormWriter;
const yokohama = { kind: 'municipality', municipalityCode: '141003', label: 'yokohama.editor' } as const satisfies FormWriter;

const localSection: SectionDef = {
  id: 'shibuyaExtra',
  key: 'shibuya',
  local: true,
  title: { ja: '渋谷区独自の確認事項', en: 'Questions of Shibuya City' },
  items: [{ id: 'newsletter', label: { ja: '子育て情報メールの配信を希望しますか', en: 'Would you like the childcare newsletter?' }, widget: 'yes-no', required: true }],
};

function withLocal(layout: FormLayout): FormLayout {
  const copy = structuredClone(layout);
  copy.steps[copy.steps.length - 1]!.sections.unshift(localSection);
  return copy;
}

describeOnDatabases('forms: templates, adoption, versions', (ctx) => {
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
  });

  test('given the code, when templates are ensured twice, then 15 templates have one published version each', async () => {
    const first = await ensureNationalFormTemplates(ctx.db);
    assert.deepEqual(first, { templates: 15, newVersions: 15 });
    const second = await ensureNationalFormTemplates(ctx.db);
    assert.deepEqual(second, { templates: 15, newVersions: 0 });
    const templates = await listForms(ctx.db.kysely, { kind: 'national_template' });
    assert.equal(templates.length, 15);
    assert.ok(templates.every((t) => t.latest_version === 1));
  });

  test('given a municipality adopts 児童手当 and adds a local section, when published, then the national part is unchanged and local data lives under local.*', async () => {
    const template = (await findNationalTemplate(ctx.db.kysely, 'child-allowance.certification'))!;
    const adopted = await adoptTemplate(ctx, shibuya, { templateFormId: template.id });
    assert.equal(adopted.kind, 'adopted');
    assert.ok(adopted.template_version_id);
    const saved = await saveFormDraft(ctx, shibuya, { formId: adopted.id, layout: withLocal(adopted.draft), expectedRevision: 1 });
    assert.equal(saved.revision, 2);
    const version = await publishForm(ctx, shibuya, { formId: adopted.id });
    assert.equal(version.version, 1);
    assert.equal(version.template_version_id, adopted.template_version_id);
    const loaded = (await loadFormVersion(ctx.db, version.id))!;
    const errors = validateFormData(loaded, {}, { stepId: 'confirm' });
    assert.ok(errors.some((e) => e.field === 'local.shibuya.newsletter' && e.rule === 'required'));
    const history = await listHistory(ctx.db.kysely, adopted.id);
    assert.deepEqual(history.map((h) => h.change).sort(), ['adopted', 'edited', 'published']);
  });

  test('given an adopted form, when its national part is changed, then the save is refused and nothing changes', async () => {
    const template = (await findNationalTemplate(ctx.db.kysely, 'child-allowance.certification'))!;
    const adopted = await adoptTemplate(ctx, shibuya, { templateFormId: template.id });
    const changed = structuredClone(adopted.draft);
    changed.steps[0]!.sections[0]!.items.pop();
    await assert.rejects(saveFormDraft(ctx, shibuya, { formId: adopted.id, layout: changed }), (error: { code: string; fields: { rule: string }[] }) => {
      assert.equal(error.code, 'forms.invalid_layout');
      assert.equal(error.fields[0]!.rule, 'national');
      return true;
    });
  });

  test('given an adopted form with a local section, when the national template gets a new version, then the form takes it keeping the local section; a local condition on a removed national field refuses it', async () => {
    const national = { kind: 'national', label: 'national-templates' } as const satisfies FormWriter;
    const template = (await findNationalTemplate(ctx.db.kysely, 'child-allowance.donation'))!;
    const adopted = await adoptTemplate(ctx, shibuya, { templateFormId: template.id });
    assert.equal((await takeNewestTemplate(ctx, shibuya, { formId: adopted.id })).templateVersion, null, 'already the newest');
    await saveFormDraft(ctx, shibuya, { formId: adopted.id, layout: withLocal(adopted.draft), expectedRevision: 1 });

    // Version 2 of the template asks one more national question, in a new section that happens to
    // take the local section's id, and is renamed.
    const v2 = structuredClone(template.draft);
    v2.steps[0]!.sections[0]!.items.push({ id: 'addedIn2027', label: { ja: '令和9年度の追加項目', en: 'Added in 2027' }, widget: 'text' });
    v2.steps[0]!.sections.push({ id: 'shibuyaExtra', key: 'extra2027', title: { ja: '追加の確認', en: 'More questions' }, items: [{ id: 'note', label: { ja: '備考', en: 'Note' }, widget: 'text' }] });
    const renamed = { ja: `${template.title}（令和9年度）`, en: `${template.title_en} (2027)` };
    const saved = await saveNationalTemplate(ctx, national, { procedureId: 'child-allowance.donation', title: renamed, layout: v2 });
    assert.equal(saved.version.version, 2);
    const taken = await takeNewestTemplate(ctx, shibuya, { formId: adopted.id, expectedRevision: 2 });
    assert.equal(taken.templateVersion, 2);
    assert.equal(taken.form.template_version_id, saved.version.id);
    assert.equal(taken.form.revision, 3);
    const lastStep = v2.steps[v2.steps.length - 1]!.id;
    assert.deepEqual(
      taken.form.draft.steps.map((s) => s.sections.map((x) => x.id)),
      v2.steps.map((s) => [...s.sections.map((x) => x.id), ...(s.id === lastStep ? ['shibuyaExtra2'] : [])]),
      'the national part is version 2; the local section follows its step’s national sections, under a fresh id',
    );
    assert.equal(taken.form.draft.steps.flatMap((s) => s.sections).find((x) => x.local)!.key, 'shibuya', 'its data keeps its place');
    assert.deepEqual([taken.form.title, taken.form.title_en], [renamed.ja, renamed.en]);
    assert.ok(taken.form.draft.steps[0]!.sections[0]!.items.some((i) => i.id === 'addedIn2027'));
    const history = await listHistory(ctx.db.kysely, adopted.id);
    assert.deepEqual(history.filter((h) => h.change === 'adopted').map((h) => (h.details as { templateVersion: number }).templateVersion).sort(), [1, 2]);

    // A local question shown on a national answer; version 3 drops that national field.
    const first = v2.steps[0]!.sections[0]!;
    const named = first.items.find((i) => i.kind !== 'group')!;
    const conditional = structuredClone(taken.form.draft);
    const local = conditional.steps.flatMap((s) => s.sections).find((x) => x.local)!;
    local.items[0] = { ...local.items[0]!, when: { field: joinPath(sectionPath(first), named.id), equals: true } } as (typeof local.items)[number];
    await saveFormDraft(ctx, shibuya, { formId: adopted.id, layout: conditional, expectedRevision: 3 });
    const v3 = structuredClone(v2);
    v3.steps[0]!.sections[0]!.items = v3.steps[0]!.sections[0]!.items.filter((i) => i.id !== named.id);
    assert.equal((await saveNationalTemplate(ctx, national, { procedureId: 'child-allowance.donation', title: renamed, layout: v3 })).version.version, 3);
    await assert.rejects(takeNewestTemplate(ctx, shibuya, { formId: adopted.id, expectedRevision: 4 }), (error: unknown) => isAppError(error) && error.code === 'forms.invalid_layout' && error.fields.some((f) => f.rule === 'condition'));
    const after = (await listForms(ctx.db.kysely, {})).find((f) => f.id === adopted.id)!;
    assert.deepEqual([after.revision, after.template_version_id], [4, saved.version.id], 'nothing was written');

    // Only an adopted form of one's own takes a template.
    const own = await createOwnForm(ctx, shibuya, { title: { ja: '独自の様式', en: 'Own form' } });
    await assert.rejects(takeNewestTemplate(ctx, shibuya, { formId: own.id }), (error: unknown) => isAppError(error) && error.code === 'forms.not_adopted');
    await assert.rejects(takeNewestTemplate(ctx, yokohama, { formId: adopted.id }), (error: unknown) => isAppError(error) && error.code === 'forms.not_found');
  });

  test('given a stale revision, when the draft is saved, then it is a conflict', async () => {
    const form = await createOwnForm(ctx, shibuya, { title: { ja: '一時保育の申込', en: 'Occasional childcare' } });
    await saveFormDraft(ctx, shibuya, { formId: form.id, layout: form.draft, expectedRevision: 1 });
    await assert.rejects(saveFormDraft(ctx, shibuya, { formId: form.id, layout: form.draft, expectedRevision: 1 }), { code: 'forms.revision_conflict' });
  });

  test('given a published version, when anyone updates it, then the database refuses', async () => {
    const form = await createOwnForm(ctx, shibuya, { title: { ja: 'テスト', en: 'Test' } });
    const version = await publishForm(ctx, shibuya, { formId: form.id });
    await assert.rejects(sql`update form_versions set title = 'x' where id = ${version.id}`.execute(ctx.db.kysely), /immutable/);
    const again = await publishForm(ctx, shibuya, { formId: form.id });
    assert.equal(again.id, version.id, 'publishing an unchanged draft makes no new version');
  });

  test("given another municipality, when it reads or changes Shibuya's form, then the form does not exist for it", async () => {
    const form = await createOwnForm(ctx, shibuya, { title: { ja: '渋谷の様式', en: 'Shibuya form' } });
    await assert.rejects(publishForm(ctx, yokohama, { formId: form.id }), { code: 'forms.not_found' });
    await assert.rejects(saveFormDraft(ctx, yokohama, { formId: form.id, layout: form.draft }), { code: 'forms.not_found' });
    const seen = await withScope(ctx.db.kysely, { kind: 'municipality', municipalityCode: '141003' }, (trx) => listForms(trx));
    assert.ok(seen.every((f) => f.municipality_code === null || f.municipality_code === '141003'));
    assert.ok(seen.some((f) => f.kind === 'national_template'), 'national templates are shared');
    assert.ok(!seen.some((f) => f.id === form.id));
  });

  test('given a service linked to a form, when the form is republished, then the service uses the newest version', async () => {
    const service = await createService(ctx, { ...shibuya }, { input: { title: '一時保育' } });
    const form = await createOwnForm(ctx, shibuya, { title: { ja: '一時保育の申込', en: 'Occasional childcare' } });
    assert.equal(await formVersionForService(ctx.db, service.id), null);
    await linkServiceForm(ctx, shibuya, { serviceId: service.id, formId: form.id });
    assert.equal(await formVersionForService(ctx.db, service.id), null, 'nothing published yet');
    const v1 = await publishForm(ctx, shibuya, { formId: form.id });
    const layout = structuredClone(form.draft);
    layout.steps[0]!.sections[0]!.items.push({ id: 'date', label: { ja: '利用希望日', en: 'Date' }, widget: 'date', required: true });
    await saveFormDraft(ctx, shibuya, { formId: form.id, layout });
    const v2 = await publishForm(ctx, shibuya, { formId: form.id });
    assert.equal((await formVersionForService(ctx.db, service.id))!.id, v2.id);
    assert.equal((await loadFormVersion(ctx.db, v1.id))!.version, 1, 'the old version stays loadable');
    await assert.rejects(linkServiceForm(ctx, yokohama, { serviceId: service.id, formId: form.id }), { code: 'forms.service_not_found' });
  });
});
