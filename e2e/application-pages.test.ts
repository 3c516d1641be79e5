// A resident applies online in the browser: from the service page through each step of the form
// (errors at the fields), an attachment, check your answers, signing with the demo's test card (a
// wrong PIN reported at the field, then the right one), to the receipt with its reference number and
// arrival time, and My applications. Every page state passes axe in Japanese and English; the
// national 児童手当 template's first step also at phone width.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signedInResident } from '../src/modules/identity/testing.ts';
import { loginCertificateOf, pdfBytes, publishedServiceWithForm } from '../src/modules/applications/testing.ts';
import { createDbTestPkiStore, openTestCard } from '../src/modules/signatures/index.ts';
import { assertFitsWindow, browserUnavailable, demoServiceId, DESKTOP, expectNoAxeViolations, headingOf, PHONE, serverAndBrowser } from './browser.ts';

const skip = browserUnavailable();

describe('applying online in the browser', { skip: skip ?? false }, () => {
  const env = serverAndBrowser();

  test('given a signed-in resident, when they apply, attach, check and sign with the test card, then the receipt shows the reference and arrival time, and every page passes axe', async () => {
    // Signed in with 佐藤 健太's demo card: the card they then sign with is their own (R17).
    const sato = await openTestCard({ store: createDbTestPkiStore(env.server.db), id: 'demo-sato-kenta' });
    const resident = await signedInResident(env.server.db, { homeMunicipalityCode: '131130', loginCertificate: await loginCertificateOf(sato) });
    const { serviceId } = await publishedServiceWithForm(env.server.db, {
      title: '一時保育の利用申請',
      applyMethods: ['signed_online'],
      attachments: [{ name: '就労証明書', required: true, originalRequired: true }],
    });
    const context = await env.browser.newContext({ viewport: DESKTOP });
    try {
      await context.addCookies(Object.entries(resident.cookies).map(([name, value]) => ({ name, value, url: env.server.baseUrl })));
      const page = await context.newPage();
      await page.goto(`${env.server.baseUrl}/services/${serviceId}`);
      await page.getByRole('link', { name: 'オンラインで申請する' }).click();
      assert.equal(await headingOf(page), 'オンラインで申請する');
      await expectNoAxeViolations(page, 'apply: start');
      await Promise.all([page.waitForURL(/\/steps\/applicant$/), page.getByRole('button', { name: '申請を始める' }).click()]);
      await expectNoAxeViolations(page, 'apply: first step');

      // A required field left empty: the summary links to it and the field says why.
      await Promise.all([page.waitForURL(/\/steps\/applicant$/), page.getByRole('button', { name: '次へ進む' }).last().click()]);
      assert.match(await page.locator('.error-summary').innerText(), /氏名/);
      await expectNoAxeViolations(page, 'apply: step with errors');
      await page.getByLabel(/^氏名/).fill('一時　保育');
      await Promise.all([page.waitForURL(/\/attachments$/), page.getByRole('button', { name: '次へ進む' }).last().click()]);
      assert.equal(await headingOf(page), '添付書類');
      await expectNoAxeViolations(page, 'apply: attachments');

      await page.locator('#file').setInputFiles({ name: '就労証明書.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdfBytes('e2e')) });
      await Promise.all([page.waitForURL(/\/attachments$/), page.getByRole('button', { name: '添付する' }).click()]);
      assert.match(await page.locator('main').innerText(), /就労証明書\.pdf/);
      await page.getByRole('link', { name: '入力内容の確認へ進む' }).click();
      assert.equal(await headingOf(page), '入力内容の確認');
      assert.match(await page.locator('main').innerText(), /原本の提出が必要な書類/);
      assert.equal(await page.locator('#sign-js-note').isHidden(), true, 'with JavaScript, the note about it is hidden');
      await expectNoAxeViolations(page, 'apply: check your answers');

      // Sign: a wrong PIN is reported at the field, with the tries left; the right one sends it.
      await page.getByLabel(/佐藤 健太/).check();
      await page.locator('#sign-pin').fill('WRONG000');
      await page.getByRole('button', { name: '署名して送信する' }).click();
      await page.locator('#sign-errors.error-summary').waitFor();
      assert.match(await page.locator('#sign-errors').innerText(), /暗証番号が違います（残り4回）/);
      assert.equal(await page.locator('#sign-pin').getAttribute('aria-invalid'), 'true');
      await expectNoAxeViolations(page, 'apply: wrong PIN');
      await page.locator('#sign-pin').fill('KENTA2024');
      await Promise.all([page.waitForURL(/\/applications\/[0-9a-f-]+\?sent=1$/), page.getByRole('button', { name: '署名して送信する' }).click()]);

      // The receipt: reference number and arrival time as recorded (R1), originals to bring (R5).
      assert.equal(await headingOf(page), '申請を受け付けました');
      const row = await env.server.db.kysely.selectFrom('applications').select(['reference', 'arrived_at', 'method']).where('resident_id', '=', resident.id).executeTakeFirstOrThrow();
      assert.equal(row.method, 'signed');
      const main = await page.locator('main').innerText();
      assert.ok(main.includes(row.reference), 'the reference number is shown');
      assert.match(main, /マイナンバーカードによる電子署名付き/);
      assert.match(main, /就労証明書/);
      assert.equal(await page.locator('time').first().getAttribute('datetime'), row.arrived_at.toISOString());
      await expectNoAxeViolations(page, 'apply: receipt');
      await page.goto(`${env.server.baseUrl}/lang/en?next=${encodeURIComponent(new URL(page.url()).pathname)}`);
      assert.equal(await headingOf(page), 'Application');
      await expectNoAxeViolations(page, 'apply: receipt (en)');
      await page.goto(`${env.server.baseUrl}/me/applications`);
      assert.ok((await page.locator('main').innerText()).includes(row.reference));
      await expectNoAxeViolations(page, 'my applications (en)');
      await page.goto(`${env.server.baseUrl}/lang/ja?next=%2Fme%2Fapplications`);
      await expectNoAxeViolations(page, 'my applications');
    } finally {
      await context.close();
    }
  });

  test('given Shibuya’s child allowance claim, when a resident starts it, then the national template’s steps pass axe in Japanese and English, at desktop and phone widths', async () => {
    const resident = await signedInResident(env.server.db, { homeMunicipalityCode: '131130' });
    const id = await demoServiceId(env.server.db, '131130', 'demo:child-allowance.certification');
    const context = await env.browser.newContext({ viewport: DESKTOP });
    try {
      await context.addCookies(Object.entries(resident.cookies).map(([name, value]) => ({ name, value, url: env.server.baseUrl })));
      const page = await context.newPage();
      await page.goto(`${env.server.baseUrl}/services/${id}/apply`);
      await Promise.all([page.waitForURL(/\/steps\//), page.getByRole('button', { name: '申請を始める' }).click()]);
      const stepUrl = page.url();
      // Continue with nothing filled in: every required field of the step is reported.
      await Promise.all([page.waitForURL(stepUrl), page.getByRole('button', { name: '次へ進む' }).last().click()]);
      assert.ok((await page.locator('.error-summary li').count()) > 1);
      for (const lang of ['ja', 'en'] as const) {
        await page.goto(`${env.server.baseUrl}/lang/${lang}?next=${encodeURIComponent(new URL(stepUrl).pathname)}`);
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize(viewport);
          await assertFitsWindow(page, `child allowance first step (${lang}, ${viewport.width}px)`);
          await expectNoAxeViolations(page, `child allowance first step (${lang}, ${viewport.width}px)`);
        }
      }
    } finally {
      await context.close();
    }
  });
});
