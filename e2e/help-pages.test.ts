// Help in the browser: a visitor searches the FAQ, reads the entry on PIN lockouts, sends an
// operation inquiry (first without a contact address, refused at the field), and the municipality's
// clerk answers it in the console. Every page state passes axe; the FAQ also in English and on a phone.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signedInStaff } from '../src/modules/identity/testing.ts';
import { assertFitsWindow, browserUnavailable, contextSignedInAs, DESKTOP, expectNoAxeViolations, headingOf, PHONE, serverAndBrowser } from './browser.ts';

const skip = browserUnavailable();

describe('help pages in the browser', { skip: skip ?? false }, () => {
  const env = serverAndBrowser();

  test('given a visitor, when they search the FAQ and send an inquiry, then the clerk answers it, and every page passes axe', async () => {
    const context = await env.browser.newContext({ viewport: DESKTOP });
    let reference: string;
    try {
      const page = await context.newPage();
      await page.goto(`${env.server.baseUrl}/help`);
      assert.equal(await headingOf(page), 'よくある質問とお問い合わせ');
      await expectNoAxeViolations(page, '/help');
      await page.getByLabel('キーワード').fill('ロック 暗証番号');
      await Promise.all([page.waitForURL(/\/help\?q=/), page.getByRole('button', { name: '探す' }).click()]);
      await expectNoAxeViolations(page, '/help: search results');
      await Promise.all([page.waitForURL(/\/help\/faq\/card-pin-lockout$/), page.getByRole('link', { name: /ロックされてしまいました/ }).click()]);
      assert.match(await page.locator('main').innerText(), /3回続けて間違えるとロック/);
      await expectNoAxeViolations(page, '/help/faq/card-pin-lockout');

      await Promise.all([page.waitForURL(/\/help\/inquiry/), page.getByRole('link', { name: '解決しないときはお問い合わせ' }).click()]);
      await expectNoAxeViolations(page, '/help/inquiry');
      await page.getByLabel(/問い合わせ先/).selectOption({ label: '東京都 渋谷区' });
      await page.getByLabel(/件名/).fill('暗証番号のロック');
      await page.getByLabel(/お問い合わせの内容/).fill('署名用の暗証番号がロックされました。');
      await Promise.all([page.waitForURL(/\/help\/inquiry$/), page.getByRole('button', { name: '送信する' }).click()]);
      assert.match(await page.locator('.error-summary').innerText(), /連絡先のメールアドレスを入力してください/);
      await expectNoAxeViolations(page, '/help/inquiry: missing address');
      await page.getByLabel(/連絡先のメールアドレス/).fill('visitor@example.jp');
      await Promise.all([page.waitForURL(/\/help\/inquiry\/sent\?ref=/), page.getByRole('button', { name: '送信する' }).click()]);
      reference = (await page.locator('.reference').innerText()).trim();
      assert.match(reference, /^HQ-[0-9]{8}$/);
      await expectNoAxeViolations(page, '/help/inquiry/sent');
    } finally {
      await context.close();
    }

    // The clerk of 渋谷区 finds it in the console and answers.
    const clerk = await signedInStaff(env.server.db, { municipalityCode: '131130', roles: ['application_handler'] });
    const staff = await contextSignedInAs(env, clerk);
    try {
      const page = await staff.newPage();
      await page.goto(`${env.server.baseUrl}/staff/help/inquiries`);
      await expectNoAxeViolations(page, '/staff/help/inquiries');
      await Promise.all([page.waitForURL(/\/staff\/help\/inquiries\/[0-9a-f-]{36}$/), page.getByRole('link', { name: reference }).click()]);
      await expectNoAxeViolations(page, '/staff/help/inquiries/:id');
      await page.getByLabel(/回答（必須）/).fill('お住まいの市区町村の窓口でロックを解除してください。');
      await Promise.all([page.waitForURL(/done=replied-email/), page.getByRole('button', { name: '回答を送る' }).click()]);
      assert.match(await page.locator('main').innerText(), /送信待ちとして記録しました/);
      await expectNoAxeViolations(page, '/staff/help/inquiries/:id: replied');
    } finally {
      await staff.close();
    }

    // The FAQ in English, on a phone.
    const phone = await env.browser.newContext({ viewport: PHONE });
    try {
      const page = await phone.newPage();
      await page.goto(`${env.server.baseUrl}/lang/en?next=%2Fhelp`);
      assert.equal(await headingOf(page), 'Help: FAQ and inquiries');
      await assertFitsWindow(page, '/help (en, phone)');
      await expectNoAxeViolations(page, '/help (en, phone)');
    } finally {
      await phone.close();
    }
  });
});
