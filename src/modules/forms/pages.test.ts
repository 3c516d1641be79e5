import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createService } from '../catalogue/index.ts';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { signedInStaff, type TestCaller } from '../identity/testing.ts';
import { ensureNationalFormTemplates } from './ensure-templates.ts';
import { findNationalTemplate } from './repository.ts';
import { saveNationalTemplate } from './save-form.ts';
import { formVersionForService, placedItems, validateFormData } from './index.ts';

function form(values: Record<string, string>): string {
  return new URLSearchParams(values).toString();
}

describeOnDatabases('the form builder in the staff console', (ctx) => {
  let t: TestApp;
  let editor: TestCaller;
  let other: TestCaller;
  before(async () => {
    t = await buildTestApp(ctx.db);
    await ensureNationalFormTemplates(ctx.db);
    editor = await signedInStaff(ctx.db, { municipalityCode: '131130', roles: ['service_editor'] });
    other = await signedInStaff(ctx.db, { municipalityCode: '141003', roles: ['service_editor'] });
  });
  after(() => t.close());

  const get = (caller: TestCaller, url: string) => t.app.inject({ method: 'GET', url, cookies: caller.cookies, headers: { accept: 'text/html' } });
  const post = (caller: TestCaller, url: string, values: Record<string, string>) =>
    t.app.inject({ method: 'POST', url, cookies: caller.cookies, headers: { ...caller.headers, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, payload: form(values) });

  test('given a clerk, when they adopt 児童手当, add a local yes/no field, publish and link a service, then residents get that version with the field under local.*', async () => {
    const list = await get(editor, '/staff/forms');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /児童手当 認定請求書/);
    const template = (await findNationalTemplate(ctx.db.kysely, 'child-allowance.certification'))!;
    const adopted = await post(editor, '/staff/forms/adopt', { templateFormId: template.id });
    assert.equal(adopted.statusCode, 303);
    const formUrl = adopted.headers.location!.split('?')[0]!;

    const addSection = await post(editor, `${formUrl}/edit`, { op: 'add-section', stepId: 'confirm', titleJa: '区独自の確認', titleEn: 'Local questions', revision: '1' });
    assert.equal(addSection.statusCode, 303);
    const page = await get(editor, formUrl);
    assert.match(page.body, /区独自の確認/);
    assert.match(page.body, /市区町村独自の項目/);
    const sectionId = /name="sectionId" value="(localQuestions)"/.exec(page.body)![1]!;
    const addField = await post(editor, `${formUrl}/edit`, { op: 'add-field', sectionId, labelJa: 'メール配信を希望しますか', labelEn: 'Newsletter', widget: 'yes-no', required: '1', options: '', helpJa: '', helpEn: '', condition: '', revision: '2' });
    assert.equal(addField.statusCode, 303);

    // The national part stays: removing a national field is refused with a message.
    const refused = await post(editor, `${formUrl}/edit`, { op: 'remove-field', sectionId: 'applicant', fieldId: 'kana', revision: '3' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /国の様式の部分は変更できません/);

    const preview = await post(editor, `${formUrl}/preview?step=confirm`, {});
    assert.equal(preview.statusCode, 400);
    assert.match(preview.body, /メール配信を希望しますかを選択してください/);

    assert.equal((await post(editor, `${formUrl}/publish`, { revision: '3' })).statusCode, 303);
    const service = await createService(ctx, { kind: 'municipality', municipalityCode: '131130', label: 'test' }, { input: { title: '児童手当' } });
    assert.equal((await post(editor, `${formUrl}/link`, { serviceId: service.id })).statusCode, 303);
    const version = (await formVersionForService(ctx.db, service.id))!;
    assert.ok(validateFormData(version, {}, { stepId: 'confirm' }).some((e) => e.field === 'local.localQuestions.newsletter'));
  });

  test('given a new version of an adopted national template, when the clerk takes it, then the draft has it with the local section kept, and the notice goes', async () => {
    const template = (await findNationalTemplate(ctx.db.kysely, 'child-allowance.status-report'))!;
    const formUrl = (await post(editor, '/staff/forms/adopt', { templateFormId: template.id })).headers.location!.split('?')[0]!;
    const lastStep = template.draft.steps[template.draft.steps.length - 1]!.id;
    assert.equal((await post(editor, `${formUrl}/edit`, { op: 'add-section', stepId: lastStep, titleJa: '区独自の確認', titleEn: 'Local questions', revision: '1' })).statusCode, 303);
    assert.doesNotMatch((await get(editor, formUrl)).body, /国の様式に新しい版/);

    const v2 = structuredClone(template.draft);
    v2.steps[0]!.sections[0]!.items.push({ id: 'addedIn2027', label: { ja: '令和9年度の追加項目', en: 'Added in 2027' }, widget: 'text' });
    await saveNationalTemplate(ctx, { kind: 'national', label: 'national-templates' }, { procedureId: 'child-allowance.status-report', title: { ja: template.title, en: template.title_en }, layout: v2 });
    const page = await get(editor, formUrl);
    assert.match(page.body, /国の様式に新しい版（第2版）があります/);
    assert.match(page.body, new RegExp(`action="${formUrl}/take-template"`));

    assert.equal((await post(editor, `${formUrl}/take-template`, { revision: '1' })).statusCode, 409, 'a stale revision is refused');
    const taken = await post(editor, `${formUrl}/take-template`, { revision: '2' });
    assert.equal(taken.statusCode, 303);
    assert.match(taken.headers.location!, /done=template-taken/);
    const after = await get(editor, taken.headers.location!);
    assert.match(after.body, /国の様式の新しい版を下書きに反映しました/);
    assert.match(after.body, /令和9年度の追加項目/);
    assert.match(after.body, /区独自の確認/);
    assert.doesNotMatch(after.body, /国の様式に新しい版（第2版）があります/);
    assert.match((await post(editor, `${formUrl}/take-template`, { revision: '3' })).headers.location!, /done=template-current/);
  });

  test('given a stale revision, when a clerk edits, then the page says someone else changed it', async () => {
    const created = await post(editor, '/staff/forms', { title: '一時保育の申込', titleEn: 'Occasional childcare' });
    const formUrl = created.headers.location!.split('?')[0]!;
    await post(editor, `${formUrl}/edit`, { op: 'add-section', stepId: 'main', titleJa: 'A', titleEn: 'A', revision: '1' });
    const stale = await post(editor, `${formUrl}/edit`, { op: 'add-section', stepId: 'main', titleJa: 'B', titleEn: 'B', revision: '1' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /ほかの人がこのフォームを変更しました/);
  });

  test('given a field without a Japanese label, when a clerk adds it, then the problems are at the inputs of the form they sent, which keeps what they typed', async () => {
    const created = await post(editor, '/staff/forms', { title: '一時預かりの申込', titleEn: 'Drop-in care' });
    const formUrl = created.headers.location!.split('?')[0]!;
    const res = await post(editor, `${formUrl}/edit`, { op: 'add-field', sectionId: 'main', labelJa: '', labelEn: 'Preferred day', widget: 'select', options: '', helpJa: '', helpEn: '', condition: '', revision: '1' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#new-field-main-labelJa"/);
    assert.match(res.body, /href="#new-field-main-options"/);
    assert.match(res.body, /id="new-field-main-labelJa"[^>]*aria-invalid="true"/);
    assert.match(res.body, /id="new-field-main-labelEn" name="labelEn" value="Preferred day"/);
    assert.match(res.body, /選択肢を1行に1つ入力してください/);
    const noTitle = await post(editor, `${formUrl}/edit`, { op: 'add-section', stepId: 'main', titleJa: '連絡先', titleEn: ' ', revision: '1' });
    assert.equal(noTitle.statusCode, 400);
    assert.match(noTitle.body, /href="#new-section-main-titleEn"/);
    assert.match(noTitle.body, /id="new-section-main-titleJa" name="titleJa" value="連絡先"/);
  });

  test('given a clerk, when they add a repeating group and its questions, then publishing waits for a question and residents answer it row by row', async () => {
    const created = await post(editor, '/staff/forms', { title: '世帯の届出', titleEn: 'Household notice' });
    const formUrl = created.headers.location!.split('?')[0]!;
    const group = { op: 'add-group', sectionId: 'main', titleJa: '同居している家族', titleEn: 'Household members', itemJa: '家族', itemEn: '', maxItems: '5' };
    const missing = await post(editor, `${formUrl}/edit`, { ...group, revision: '1' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /href="#new-group-main-itemEn"/);
    assert.match(missing.body, /id="new-group-main-itemJa" name="itemJa" value="家族"/);
    assert.equal((await post(editor, `${formUrl}/edit`, { ...group, itemEn: 'Member', maxItems: '99', revision: '1' })).statusCode, 400, 'at most 50 rows');
    assert.equal((await post(editor, `${formUrl}/edit`, { ...group, itemEn: 'Member', revision: '1' })).statusCode, 303);
    let page = await get(editor, formUrl);
    assert.match(page.body, /同居している家族<\/span> <span class="hint">（繰り返し・最大5件）/);

    // A group without questions is a draft, not a form.
    const early = await post(editor, `${formUrl}/publish`, { revision: '2' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /繰り返し項目「同居している家族」に項目を1つ以上追加してください/);

    const inGroup = { sectionId: 'main', groupId: 'householdMembers', helpJa: '', helpEn: '', condition: '' };
    assert.equal((await post(editor, `${formUrl}/edit`, { ...inGroup, op: 'add-field', labelJa: '氏名', labelEn: 'Name', widget: 'text', required: '1', options: '', revision: '2' })).statusCode, 303);
    assert.equal((await post(editor, `${formUrl}/edit`, { ...inGroup, op: 'add-field', labelJa: '続柄', labelEn: 'Relationship', widget: 'select', options: '子 / Child\n祖父母 / Grandparent', revision: '3' })).statusCode, 303);
    assert.equal((await post(editor, `${formUrl}/edit`, { ...inGroup, op: 'field-up', fieldId: 'relationship', revision: '4' })).statusCode, 303);
    page = await get(editor, `${formUrl}?edit=${encodeURIComponent('main/householdMembers/name')}`);
    assert.match(page.body, /id="edit-main-householdMembers-name"/);
    assert.match(page.body, /id="main-householdMembers-name-labelJa" name="labelJa" value="氏名"/);
    assert.ok(page.body.indexOf('続柄') < page.body.indexOf('氏名'), 'moved up within the group');
    // A row field's condition names another field of the same row, never the field itself.
    const conditionOf = (body: string, editor: string) => new RegExp(`<select id="${editor}-condition" name="condition">([\\s\\S]*?)</select>`).exec(body)![1]!;
    assert.match(conditionOf(page.body, 'main-householdMembers-name'), /<option value="relationship\|option1">続柄 ＝ 子<\/option>/);
    const own = await get(editor, `${formUrl}?edit=${encodeURIComponent('main/householdMembers/relationship')}`);
    assert.doesNotMatch(conditionOf(own.body, 'main-householdMembers-relationship'), /relationship\|/);

    assert.equal((await post(editor, `${formUrl}/publish`, { revision: '5' })).statusCode, 303);
    const service = await createService(ctx, { kind: 'municipality', municipalityCode: '131130', label: 'test' }, { input: { title: '世帯の届出' } });
    assert.equal((await post(editor, `${formUrl}/link`, { serviceId: service.id })).statusCode, 303);
    const version = (await formVersionForService(ctx.db, service.id))!;
    const { path, item } = placedItems(version.definition.layout).find((p) => p.item.id === 'householdMembers')!;
    assert.deepEqual(item.kind === 'group' && item.fields.map((f) => f.id), ['relationship', 'name']);
    const at = (rows: unknown[]) => path.split('.').reduceRight<unknown>((value, key) => ({ [key]: value }), rows) as Record<string, unknown>;
    const [problem] = validateFormData(version, at([{ relationship: 'option1' }]), { stepId: 'main' });
    assert.deepEqual(problem && [problem.field, problem.message.ja], [`${path}[0].name`, '家族 1の氏名を入力してください']);
    assert.deepEqual(validateFormData(version, at([{ relationship: 'option1', name: '子育 花子' }, { name: '子育 太郎' }]), { stepId: 'main' }), []);
  });

  test('given a missing title, when creating a form, then the error names the field', async () => {
    const res = await post(editor, '/staff/forms', { title: '', titleEn: 'x' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#title"/);
  });

  test("given another municipality's staff, when they open Shibuya's form, then it does not exist for them", async () => {
    const created = await post(editor, '/staff/forms', { title: '渋谷の様式', titleEn: 'Shibuya form' });
    const formUrl = created.headers.location!.split('?')[0]!;
    assert.equal((await get(other, formUrl)).statusCode, 404);
    assert.equal((await post(other, `${formUrl}/publish`, {})).statusCode, 404);
    assert.ok(!(await get(other, '/staff/forms')).body.includes('渋谷の様式'));
  });

  test('given the API, when listing and reading, then templates are public with their schema', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/forms' });
    assert.equal(list.statusCode, 200);
    const items = list.json().items as { kind: string; latestVersion: { id: string } }[];
    assert.equal(items.filter((i) => i.kind === 'national_template').length, 15);
    const version = await t.app.inject({ method: 'GET', url: `/api/v1/forms/versions/${items[0]!.latestVersion.id}` });
    assert.equal(version.statusCode, 200);
    assert.equal(version.json().schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.ok(version.json().layout.steps.length > 0);
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/forms/versions/00000000-0000-0000-0000-000000000000' })).statusCode, 404);
  });
});
