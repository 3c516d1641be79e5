// Resident journeys in the browser: signing with a test card, card login to the folder, and the
// catalogue's service pages, search errors and life-event estimates. Every page state passes axe
// in Japanese and English, at desktop and phone widths.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertFitsWindow, browserUnavailable, demoServiceId, DESKTOP, expectNoAxeViolations, headingOf, PHONE, serverAndBrowser } from './browser.ts';

const skip = browserUnavailable();

describe('resident pages in the browser', { skip: skip ?? false }, () => {
  const env = serverAndBrowser();

  test('given the demo, when a resident signs with a test card, a wrong PIN is reported at the field and the right one gives a passing report', async () => {
    const signing = await env.browser.newContext({ viewport: DESKTOP });
    const page = await signing.newPage();
    await page.goto(`${env.server.baseUrl}/pki/test/cards`);
    await page.getByLabel(/佐藤 健太/).check();
    await page.getByLabel(/署名用電子証明書の暗証番号/).fill('WRONG000');
    await Promise.all([page.waitForURL(/\/pki\/test\/cards\/try/), page.getByRole('button', { name: '署名して検証する' }).click()]);
    assert.match(await page.locator('.error-summary').innerText(), /暗証番号が違います（残り4回）/);
    await expectNoAxeViolations(page, 'test card: wrong PIN');
    await page.getByLabel(/署名用電子証明書の暗証番号/).fill('KENTA2024');
    await Promise.all([page.waitForURL(/\/pki\/test\/cards\/try/), page.getByRole('button', { name: '署名して検証する' }).click()]);
    assert.equal((await page.locator('h1').innerText()).trim(), '署名の検証結果');
    assert.match(await page.locator('main').innerText(), /有効な署名です/);
    await expectNoAxeViolations(page, 'test card: report');
    await signing.close();
  });

  test('given the demo, when 山田 花子 signs in with her test card, then a wrong PIN is reported with the tries left, the right one opens her folder, and the pages pass axe', async () => {
    const context = await env.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      const heading = () => headingOf(page);
      // Given: the login page with JavaScript on (the note about JavaScript is hidden).
      await page.goto(`${env.server.baseUrl}/login`);
      assert.equal(await heading(), 'マイナンバーカードでログイン');
      assert.equal(await page.locator('#login-js-note').isHidden(), true);
      await expectNoAxeViolations(page, '/login');
      // When: a wrong PIN, then the right one.
      await page.getByLabel(/山田 花子/).check();
      await page.getByLabel(/利用者証明用電子証明書の暗証番号/).fill('9999');
      await page.getByRole('button', { name: 'ログインする' }).click();
      await page.locator('#login-errors.error-summary').waitFor();
      assert.match(await page.locator('#login-errors').innerText(), /暗証番号が違います（残り2回）/);
      assert.equal(await page.locator('#pin').getAttribute('aria-invalid'), 'true');
      await expectNoAxeViolations(page, '/login: wrong PIN');
      await page.getByLabel(/利用者証明用電子証明書の暗証番号/).fill('1111');
      await Promise.all([page.waitForURL(`${env.server.baseUrl}/me`), page.getByRole('button', { name: 'ログインする' }).click()]);
      // Then: her folder.
      assert.equal(await heading(), '利用者フォルダ');
      assert.match(await page.locator('main').innerText(), /ログインしている端末・ブラウザ: 1件/);
      await expectNoAxeViolations(page, '/me');
      await page.getByLabel(/^市区町村/).selectOption({ label: '東京都 渋谷区' });
      await Promise.all([page.waitForURL(/\/me\?saved=1/), page.getByRole('button', { name: '登録する' }).click()]);
      assert.match(await page.locator('main').innerText(), /東京都 渋谷区/);
      await expectNoAxeViolations(page, '/me: home municipality saved');
      await page.goto(`${env.server.baseUrl}/lang/en?next=%2Fme`);
      assert.equal(await heading(), 'Your folder');
      await expectNoAxeViolations(page, '/me (en)');
      await page.goto(`${env.server.baseUrl}/login`);
      await expectNoAxeViolations(page, '/login (en)');
    } finally {
      await context.close();
    }
  });

  test('given the demo catalogue, when a resident opens a service page, a search with an error and a life-event estimate, then each passes axe in Japanese and English, at desktop and phone widths', async () => {
    const id = await demoServiceId(env.server.db, '131130', 'demo:child-allowance.certification');
    const context = await env.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      const heading = () => headingOf(page);
      for (const lang of ['ja', 'en'] as const) {
        await page.goto(`${env.server.baseUrl}/lang/${lang}?next=%2Fservices`);
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize(viewport);
          const where = `(${lang}, ${viewport.width}px)`;
                    // The service page: the heading stays Japanese (the municipality's text), marked so.
          assert.equal((await page.goto(`${env.server.baseUrl}/services/${id}`))?.status(), 200);
          assert.equal(await heading(), '児童手当の認定請求（出生・転入したとき）');
          assert.match(await page.locator('#attachments').locator('..').innerText(), lang === 'ja' ? /別途原本の提出が必要/ : /Original required separately/);
          await assertFitsWindow(page, 'service page');
          await expectNoAxeViolations(page, `service page ${where}`);
          // A search whose typed municipality does not exist.
          assert.equal((await page.goto(`${env.server.baseUrl}/services?place=999999`))?.status(), 400);
          assert.ok(await page.locator('.error-summary').isVisible());
          await assertFitsWindow(page, 'search with an error');
          await expectNoAxeViolations(page, `search with an error ${where}`);
          // A life-event estimate, and the same form with errors.
          await page.goto(`${env.server.baseUrl}/life-events/single-parent`);
          await page.locator('#municipality').selectOption('131130');
          await page.locator('#child-1-birth').fill('2019-04-15');
          await page.locator('#child-2-birth').fill('2024-09-01');
          await page.locator('#singleParent').check();
          await Promise.all([page.waitForURL(/\/life-events\/single-parent/), page.locator('form.household-form button[type="submit"]:not([name])').click()]);
          assert.equal(await page.locator('.amount-chart svg').count() > 0, true, 'the amounts are charted');
          await page.locator('.estimate-details summary').click();
          await assertFitsWindow(page, 'life-event results');
          await expectNoAxeViolations(page, `life-event results ${where}`);
          await page.locator('#child-1-birth').fill('2019-02-30');
          await Promise.all([page.waitForURL(/\/life-events\/single-parent/), page.locator('form.household-form button[type="submit"]:not([name])').click()]);
          assert.ok(await page.locator('.error-summary').isVisible());
          await assertFitsWindow(page, 'life-event errors');
          await expectNoAxeViolations(page, `life-event errors ${where}`);
        }
      }
    } finally {
      await context.close();
    }
  });

});
