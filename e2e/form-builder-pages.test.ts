// The form builder in the browser: a Shibuya service editor adopts a national template, adds fields
// of the municipality's own (上乗せ) with a condition, is shown a bad field at its input, reorders,
// previews the form as a resident (with and without errors), publishes a version and links a
// service. Every page state passes axe, in Japanese and English, and the main pages fit a phone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { signedInStaff } from '../src/modules/identity/testing.ts';
import { findNationalTemplate } from '../src/modules/forms/repository.ts';
import { saveNationalTemplate } from '../src/modules/forms/save-form.ts';
import { assertFitsWindow, browserUnavailable, contextSignedInAs, DESKTOP, expectNoAxeViolations, expectPage, headingOf, PHONE, serverAndBrowser, type BrowserJourneys, type Lang } from './browser.ts';

const skip = browserUnavailable();

const SHIBUYA = '131130';
const ADOPTED = { ja: '保育施設等 利用申込書', en: 'Application for a place in a childcare facility' };

/** Every link of the error summary leads to something on the page: the field, or the part at fault. */
async function assertSummaryLinksLand(page: Page): Promise<void> {
  const links = await page.locator('.error-summary a').all();
  assert.ok(links.length > 0, 'the error summary lists the problems');
  for (const link of links) {
    const href = (await link.getAttribute('href')) ?? '';
    assert.match(href, /^#./);
    assert.equal(await page.locator(href).count(), 1, `the error summary's link ${href} leads nowhere`);
  }
}

/**
 * Clicks a link or a submit button and waits for the page it leads to (after a redirect, or the
 * same address again with errors: hence the wait for a new document rather than for the address).
 */
async function clickThrough(page: Page, target: Locator, url: RegExp | string): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame()), target.click()]);
  await page.waitForURL(url);
}

/**
 * The name of a control whose visible text is completed for screen readers by a visually hidden
 * 「（what it acts on）」: browsers may or may not put a space between the two.
 */
function actingOn(visible: string, target: string): RegExp {
  const quote = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${quote(visible)}\\s*（${quote(target)}）$`);
}

/** The labels of a section's fields in the builder, in order. */
function fieldLabels(page: Page, section: string): Promise<string[]> {
  return page.getByRole('region', { name: new RegExp(section) }).locator(':scope > ul > li > span:first-child').allInnerTexts();
}

/** Runs a journey in a browser page signed in as a new service editor of Shibuya. */
async function asShibuyaEditor(env: BrowserJourneys, journey: (page: Page) => Promise<void>): Promise<void> {
  const editor = await signedInStaff(env.server.db, { municipalityCode: SHIBUYA, roles: ['service_editor'] });
  const context = await contextSignedInAs(env, editor);
  try {
    await journey(await context.newPage());
  } finally {
    await context.close();
  }
}

describe('the form builder in the browser', { skip: skip ?? false }, () => {
  const env = serverAndBrowser();

  test('given a Shibuya service editor, when they adopt a template, add local fields with a condition, correct a bad field, reorder, preview, publish and link a service, then every state passes axe', async () => {
    await asShibuyaEditor(env, async (page) => {
      const base = env.server.baseUrl;
      const main = () => page.locator('main').innerText();

      // Given: the list of forms; a form of one's own is refused without its Japanese title.
      await page.goto(`${base}/lang/ja?next=%2Fstaff%2Fforms`);
      assert.equal(await headingOf(page), '申請フォーム');
      await page.getByLabel('フォームの名前（英語）').fill('Drop-in care');
      await clickThrough(page, page.getByRole('button', { name: '作成する', exact: true }), /\/staff\/forms$/);
      assert.match(await page.locator('.error-summary').innerText(), /フォームの名前（日本語）を入力してください/);
      assert.equal(await page.getByLabel('フォームの名前（英語）').inputValue(), 'Drop-in care', 'what was typed is kept');
      assert.equal(await page.getByLabel('フォームの名前（日本語）').getAttribute('aria-invalid'), 'true');
      await assertSummaryLinksLand(page);
      await expectNoAxeViolations(page, 'forms: create without a title');

      // When: they adopt the national 保育施設等 利用申込書.
      await clickThrough(page, page.getByRole('button', { name: actingOn('採用する', ADOPTED.ja) }), /done=adopted/);
      assert.equal(await headingOf(page), ADOPTED.ja);
      assert.match(await page.getByRole('status').innerText(), /国の様式を採用しました/);
      await expectNoAxeViolations(page, 'builder: adopted');
      const formPath = new URL(page.url()).pathname;

      // A local section on the 希望施設 step, then two fields in it: one shown on a condition.
      const addSection = page.getByRole('group', { name: '「希望施設」に独自項目のセクションを追加' });
      await addSection.getByLabel('見出し（日本語）').fill('区独自の確認');
      await addSection.getByLabel('見出し（英語）').fill('Local questions');
      await clickThrough(page, addSection.getByRole('button', { name: 'セクションを追加' }), /done=saved/);
      assert.match(await page.getByRole('heading', { level: 3, name: /区独自の確認/ }).innerText(), /市区町村独自の項目/);

      const addField = page.getByRole('group', { name: '「区独自の確認」に項目を追加' });
      await addField.getByLabel('項目名（日本語）').fill('希望しない施設');
      await addField.getByLabel('項目名（英語）').fill('Facilities you would not accept');
      await addField.getByLabel('入力方法').selectOption({ label: '複数行の文字' });
      await addField.getByLabel('表示する条件（任意）').selectOption({ label: '希望施設以外でも入所を希望しますか ＝ はい' });
      await clickThrough(page, addField.getByRole('button', { name: '項目を追加' }), /done=saved/);
      await addField.getByLabel('項目名（日本語）').fill('一時保育の案内を希望しますか');
      await addField.getByLabel('項目名（英語）').fill('Information on occasional childcare');
      await addField.getByLabel('入力方法').selectOption({ label: 'はい／いいえ' });
      await addField.getByLabel('必須にする').check();
      await clickThrough(page, addField.getByRole('button', { name: '項目を追加' }), /done=saved/);
      assert.deepEqual(await fieldLabels(page, '区独自の確認'), ['希望しない施設', '一時保育の案内を希望しますか']);
      assert.match(await main(), /（複数行の文字・条件付き）/);
      await expectNoAxeViolations(page, 'builder: local fields added');

      // A bad field: no Japanese label and a drop-down without options. The problems are shown at
      // the inputs of the form that was sent, which keeps what was typed; the summary links there.
      await addField.getByLabel('項目名（英語）').fill('Preferred day');
      await addField.getByLabel('入力方法').selectOption({ label: 'プルダウンで選択' });
      await clickThrough(page, addField.getByRole('button', { name: '項目を追加' }), /\/edit$/);
      const summary = await page.locator('.error-summary').innerText();
      assert.match(summary, /項目名（日本語）を入力してください/);
      assert.match(summary, /選択肢を1行に1つ入力してください/);
      await assertSummaryLinksLand(page);
      assert.equal(await addField.getByLabel('項目名（日本語）').getAttribute('aria-invalid'), 'true');
      assert.equal(await addField.getByLabel('項目名（英語）').inputValue(), 'Preferred day');
      assert.equal(await page.locator('.field-error').count(), 2, 'only the form that was sent shows the problems');
      await expectNoAxeViolations(page, 'builder: a field without a label');

      // The same in English.
      await page.goto(`${base}/lang/en?next=${encodeURIComponent(formPath)}`);
      assert.equal(await headingOf(page), ADOPTED.en);
      const addFieldEn = page.getByRole('group', { name: 'Add a field to “Local questions”' });
      await addFieldEn.getByLabel('Label (Japanese)').fill('希望日');
      await clickThrough(page, addFieldEn.getByRole('button', { name: 'Add the field' }), /\/edit$/);
      assert.match(await page.locator('.error-summary').innerText(), /Enter the label in English/);
      await assertSummaryLinksLand(page);
      await expectNoAxeViolations(page, 'builder: a field without a label (en)');
      await page.goto(`${base}/lang/ja?next=${encodeURIComponent(formPath)}`);

      // Changing a field: a bad change opens that field's own editor again, with the problem at its input.
      await clickThrough(page, page.getByRole('link', { name: actingOn('変更', '希望しない施設') }), /\?edit=/);
      const change = page.getByRole('group', { name: '項目「希望しない施設」を変更' });
      await change.getByLabel('項目名（英語）').fill('');
      await clickThrough(page, change.getByRole('button', { name: '変更を保存' }), /\/edit$/);
      assert.match(await page.locator('.error-summary').innerText(), /項目名（英語）を入力してください/);
      assert.equal(await change.getByLabel('項目名（英語）').getAttribute('aria-invalid'), 'true');
      assert.equal(await change.getByLabel('表示する条件（任意）').inputValue(), 'preferences.acceptOther|true', 'the condition typed is kept');
      await assertSummaryLinksLand(page);
      await expectNoAxeViolations(page, 'builder: a bad change to a field');
      await change.getByLabel('項目名（英語）').fill('Facilities you would not accept');
      await clickThrough(page, change.getByRole('button', { name: '変更を保存' }), /done=saved/);

      // Reorder: the yes/no question goes first.
      await clickThrough(page, page.getByRole('button', { name: actingOn('上へ', '一時保育の案内を希望しますか') }), /done=saved/);
      assert.deepEqual(await fieldLabels(page, '区独自の確認'), ['一時保育の案内を希望しますか', '希望しない施設']);
      await expectNoAxeViolations(page, 'builder: reordered');
      await page.setViewportSize(PHONE);
      await assertFitsWindow(page, 'the builder');
      await expectNoAxeViolations(page, 'builder on a phone');
      await page.setViewportSize(DESKTOP);

      // A repeating group in the local section, with a question asked for each row.
      const addGroup = page.getByRole('group', { name: '「区独自の確認」に繰り返し項目を追加' });
      await addGroup.getByLabel('見出し（日本語）').fill('きょうだいの在園状況');
      await addGroup.getByLabel('見出し（英語）').fill('Siblings at nursery');
      await addGroup.getByLabel('1件の呼び名（日本語）').fill('きょうだい');
      await addGroup.getByLabel('1件の呼び名（英語）').fill('Sibling');
      await clickThrough(page, addGroup.getByRole('button', { name: '繰り返し項目を追加' }), /done=saved/);
      const addRowField = page.getByRole('group', { name: '繰り返し項目「きょうだいの在園状況」に項目を追加' });
      await addRowField.getByLabel('項目名（日本語）').fill('在園している施設');
      await addRowField.getByLabel('項目名（英語）').fill('Facility attended');
      await clickThrough(page, addRowField.getByRole('button', { name: '項目を追加' }), /done=saved/);
      assert.match(await main(), /きょうだいの在園状況\s*（繰り返し・最大10件）[\s\S]*在園している施設\s*（1行の文字）/);
      await expectNoAxeViolations(page, 'builder: a repeating group');

      // Then: the preview shows the step as a resident sees it, checks it, and says when it is right.
      await clickThrough(page, page.getByRole('link', { name: '住民の画面でプレビュー' }), /\/preview$/);
      assert.equal(await headingOf(page), `プレビュー：${ADOPTED.ja}`);
      await expectNoAxeViolations(page, 'preview');
      await clickThrough(page, page.getByRole('navigation', { name: 'ステップ' }).getByRole('link', { name: '希望施設', exact: true }), /\/preview\?step=preferences$/);
      const local = page.getByRole('group', { name: /区独自の確認/ });
      assert.match(await local.innerText(), /市区町村独自の項目/);
      assert.match(await local.innerText(), /「希望施設以外でも入所を希望しますか」で「はい」を選んだ場合に回答してください/);
      const next = page.getByRole('button', { name: '次へ進む' }).last();
      await clickThrough(page, next, /\/preview\?step=preferences/);
      assert.match(await page.locator('.error-summary').innerText(), /一時保育の案内を希望しますかを選択してください/);
      await assertSummaryLinksLand(page);
      await expectNoAxeViolations(page, 'preview with errors');
      await page.getByLabel('施設名').fill('渋谷なかよし保育園');
      await page.getByLabel('利用開始希望日').fill('2027-04-01');
      await page.getByRole('group', { name: /希望施設以外でも入所を希望しますか/ }).getByLabel('いいえ').check();
      await local.getByRole('group', { name: /一時保育の案内を希望しますか/ }).getByLabel('はい').check();
      await clickThrough(page, next, /\/preview\?step=preferences/);
      assert.equal(await page.locator('.error-summary').count(), 0);
      assert.match(await page.getByRole('status').innerText(), /このステップの入力内容に誤りはありません/);
      await expectNoAxeViolations(page, 'preview without errors');

      // Publish the draft as version 1, and let a service use it.
      await clickThrough(page, page.getByRole('link', { name: '編集に戻る' }), `${base}${formPath}`);
      await clickThrough(page, page.getByRole('button', { name: '下書きを新しい版として公開' }), /done=published/);
      assert.match(await page.getByRole('status').innerText(), /新しい版を公開しました/);
      assert.match(await main(), /公開中の版\s*1/);
      await expectNoAxeViolations(page, 'builder: published');
      const service = page.getByLabel('サービス', { exact: true });
      const chosen = (await service.locator('option').first().innerText()).trim();
      await service.selectOption({ index: 0 });
      await clickThrough(page, page.getByRole('button', { name: 'このフォームを使う' }), /done=linked/);
      assert.equal((await service.locator('option').first().innerText()).trim(), `${chosen}（このフォームを使用中）`);
      assert.match(await page.getByRole('region', { name: '変更履歴' }).innerText(), /公開 v1[\s\S]*国の様式を採用/);
      await expectNoAxeViolations(page, 'builder: service linked');
    });
  });

  test("given Shibuya's adopted 児童手当 form from the demo, when an editor opens the list, the form and its preview, then each passes axe in Japanese and English and fits a phone", async () => {
    await asShibuyaEditor(env, async (page) => {
      const base = env.server.baseUrl;
      await page.goto(`${base}/lang/ja?next=%2Fstaff%2Fforms`);
      const formPath = await page.getByRole('link', { name: '児童手当 認定請求書' }).getAttribute('href');
      assert.ok(formPath);
      const pages: [string, Record<Lang, string>][] = [
        ['/staff/forms', { ja: '申請フォーム', en: 'Application forms' }],
        [formPath, { ja: '児童手当 認定請求書', en: 'Child allowance: claim for certification' }],
        [`${formPath}/preview?step=confirm`, { ja: 'プレビュー：児童手当 認定請求書', en: 'Preview: Child allowance: claim for certification' }],
      ];
      for (const lang of ['ja', 'en'] as const) {
        await page.goto(`${base}/lang/${lang}?next=%2Fstaff%2Fforms`);
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize(viewport);
          const at = `(${lang}, ${viewport.width}px)`;
          for (const [path, title] of pages) {
            await expectPage(page, base + path, { heading: title[lang], label: `${path} ${at}` });
            await assertFitsWindow(page, `${path} ${at}`);
          }
          // The preview's last step has Shibuya's own question, badged; sent empty, it is an error.
          assert.match(await page.locator('main').innerText(), lang === 'ja' ? /渋谷区からの確認事項\s*市区町村独自の項目/ : /Questions from Shibuya City\s*Asked by your municipality/);
          await clickThrough(page, page.getByRole('button', { name: lang === 'ja' ? '次へ進む' : 'Continue' }).last(), /\/preview\?step=confirm/);
          assert.match(await page.locator('.error-summary').innerText(), lang === 'ja' ? /子育てネウボラ便り/ : /childcare newsletter/);
          await assertSummaryLinksLand(page);
          await assertFitsWindow(page, `preview with errors ${at}`);
          await expectNoAxeViolations(page, `preview with errors ${at}`);
        }
      }
    });
  });

  test('given a new version of the 児童手当 template, when Shibuya’s editor takes it into the adopted form, then the notice and the result pass axe and Shibuya’s questions stay', async () => {
    const template = (await findNationalTemplate(env.server.db.kysely, 'child-allowance.certification'))!;
    const v2 = structuredClone(template.draft);
    v2.steps[0]!.sections[0]!.items.push({ id: 'addedIn2027', label: { ja: '令和9年度の追加項目', en: 'Added in 2027' }, widget: 'text' });
    await saveNationalTemplate({ db: env.server.db }, { kind: 'national', label: 'national-templates' }, { procedureId: 'child-allowance.certification', title: { ja: template.title, en: template.title_en }, layout: v2 });
    await asShibuyaEditor(env, async (page) => {
      await page.goto(`${env.server.baseUrl}/lang/ja?next=%2Fstaff%2Fforms`);
      await clickThrough(page, page.getByRole('link', { name: '児童手当 認定請求書' }), /\/staff\/forms\/[0-9a-f-]+$/);
      const notice = page.getByRole('region', { name: /国の様式に新しい版（第\d+版）があります/ });
      assert.match(await notice.innerText(), /独自の項目のセクションはそのまま残ります/);
      await expectNoAxeViolations(page, 'builder: a new national version');
      await clickThrough(page, notice.getByRole('button', { name: '新しい版を下書きに反映する' }), /done=template-taken/);
      assert.match(await page.getByRole('status').innerText(), /独自の項目はそのまま残っています/);
      const main = await page.locator('main').innerText();
      assert.match(main, /令和9年度の追加項目/);
      assert.match(main, /渋谷区からの確認事項/);
      assert.equal(await page.getByRole('region', { name: /国の様式に新しい版/ }).count(), 0);
      await expectNoAxeViolations(page, 'builder: the new national version taken');
    });
  });
});
