import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createService } from '../catalogue/index.ts';
import { buildTestApp, type TestApp } from '../../platform/testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { signedInStaff, type TestCaller } from '../identity/testing.ts';
import { ensureNationalFormTemplates } from './ensure-templates.ts';
import { findNationalTemplate } from './repository.ts';
import { formVersionForService, validateFormData } from './index.ts';

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
