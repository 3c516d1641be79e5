// Every page that exists, in Japanese and in English, at desktop and phone widths: axe finds no
// WCAG 2.2 A/AA violation, the skip link reaches the main content, <html lang> follows the reader's
// language, nothing scrolls sideways on a phone, and the municipality search works without JavaScript.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { assertFitsWindow, browserUnavailable, DESKTOP, expectNoAxeViolations, PHONE, serverAndBrowser, type Lang } from './browser.ts';

interface PageCase {
  path: string;
  status: number;
  /** The main heading, by language: proves the page shown is the page asked for. */
  heading: Record<Lang, string>;
  /** Set when the heading stays in this language whatever the reader's (a municipality's name). */
  headingLang?: Lang;
}

const PAGES: PageCase[] = [
  { path: '/', status: 200, heading: { ja: '子育ての手続を、ひとつの窓口で', en: 'Childcare services in one place' } },
  { path: '/staff/login', status: 200, heading: { ja: '職員ログイン', en: 'Staff sign-in' } },
  // The national administration pages need a national login: e2e/staff-pages.test.ts.
  { path: '/admin', status: 200, heading: { ja: '職員ログイン', en: 'Staff sign-in' } },
  { path: '/municipalities', status: 200, heading: { ja: '市区町村を探す', en: 'Find your municipality' } },
  { path: '/municipalities?q=横浜', status: 200, heading: { ja: '市区町村を探す', en: 'Find your municipality' } },
  { path: '/municipalities/141003', status: 200, heading: { ja: '神奈川県 横浜市', en: '神奈川県 横浜市' }, headingLang: 'ja' },
  { path: '/municipalities/131130', status: 200, heading: { ja: '東京都 渋谷区', en: '東京都 渋谷区' }, headingLang: 'ja' },
  { path: '/pki/test/cards', status: 200, heading: { ja: 'テスト用マイナンバーカードで署名を試す', en: 'Try signing with a test My Number Card' } },
  { path: '/services', status: 200, heading: { ja: 'サービスを探す', en: 'Find services' } },
  { path: '/services?q=%E4%BF%9D%E8%82%B2&municipality=131130&open=1', status: 200, heading: { ja: 'サービスを探す', en: 'Find services' } },
  { path: '/services?q=%E5%AD%98%E5%9C%A8%E3%81%97%E3%81%AA%E3%81%84%E5%88%B6%E5%BA%A6', status: 200, heading: { ja: 'サービスを探す', en: 'Find services' } },
  { path: '/life-events', status: 200, heading: { ja: 'ライフイベントから探す', en: 'Search by life event' } },
  { path: '/life-events/birth', status: 200, heading: { ja: '子どもが生まれた', en: 'A child was born' } },
  { path: '/no-such-page', status: 404, heading: { ja: 'ページが見つかりません', en: 'Page not found' } },
  // 131131 has a wrong check digit (渋谷区 is 131130): the request itself is refused.
  {
    path: '/municipalities/131131',
    status: 400,
    heading: { ja: 'リクエストを処理できませんでした', en: 'The request could not be processed' },
  },
];

const skip = browserUnavailable();

describe('pages in the browser', { skip: skip ?? false }, () => {
  const env = serverAndBrowser();

  /** Opens `path` and checks the status and heading, so later checks look at the right page. */
  async function visit(page: Page, c: PageCase, lang: Lang): Promise<void> {
    const response = await page.goto(env.server.baseUrl + c.path);
    assert.equal(response?.status(), c.status, `status of ${c.path}`);
    assert.equal((await page.locator('h1').innerText()).trim(), c.heading[lang], `heading of ${c.path}`);
  }

  /** Switches the language as a reader does: by the link in the header. */
  async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
    await page.goto(`${env.server.baseUrl}/`);
    if ((await page.locator('html').getAttribute('lang')) === lang) return;
    await Promise.all([page.waitForURL(`${env.server.baseUrl}/`), page.locator(`header a[hreflang="${lang}"]`).click()]);
  }

  test('given a page with an image without alt text, when axe runs, then the check fails naming the rule and the element', async () => {
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      await page.setContent('<!doctype html><html lang="en"><title>t</title><main><h1>t</h1><img id="bad" src="data:,"></main></html>');
      await assert.rejects(expectNoAxeViolations(page, 'a broken page'), (error: Error) => {
        assert.match(error.message, /image-alt/);
        assert.match(error.message, /#bad/);
        return true;
      });
    } finally {
      await context.close();
    }
  });

  test('given a Japanese page, when the reader clicks English in the header, then the same page comes back in English', async () => {
    const context = await env.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await page.goto(`${env.server.baseUrl}/municipalities?q=${encodeURIComponent('横浜')}`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
      await Promise.all([page.waitForURL(/\/municipalities\?q=/), page.getByRole('link', { name: 'English' }).click()]);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.locator('#q').inputValue(), '横浜', 'the search is kept across the switch');
      // and it stays English on the next page, and switches back by the 日本語 link.
      await page.goto(`${env.server.baseUrl}/staff/login`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await Promise.all([page.waitForURL(`${env.server.baseUrl}/staff/login`), page.getByRole('link', { name: '日本語' }).click()]);
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
    } finally {
      await context.close();
    }
  });

  for (const lang of ['ja', 'en'] as const) {
    describe(`given a reader of ${lang === 'ja' ? 'Japanese' : 'English'}`, () => {
      let desktop: BrowserContext;
      let phone: BrowserContext;
      let page: Page;
      let phonePage: Page;

      before(async () => {
        desktop = await env.browser.newContext({ viewport: DESKTOP });
        phone = await env.browser.newContext({ viewport: PHONE });
        page = await desktop.newPage();
        phonePage = await phone.newPage();
        await chooseLanguage(page, lang);
        await chooseLanguage(phonePage, lang);
      });
      after(async () => {
        await desktop?.close();
        await phone?.close();
      });

      for (const c of PAGES) {
        test(`when they open ${c.path}, then <html lang="${lang}"> and axe finds no violations`, async () => {
          await visit(page, c, lang);
          assert.equal(await page.locator('html').getAttribute('lang'), lang);
          // A heading in another language than the page's is marked, so it is read out right.
          const headingLang = c.headingLang && c.headingLang !== lang ? c.headingLang : null;
          assert.equal(await page.locator('h1').getAttribute('lang'), headingLang);
          await expectNoAxeViolations(page, `${c.path} (${lang}, desktop)`);
        });

        test(`when they press Tab then Enter on ${c.path}, then the skip link moves focus to the main content`, async () => {
          await visit(page, c, lang);
          await page.keyboard.press('Tab');
          const skipLink = page.locator('a.skip-link');
          assert.equal(await page.evaluate<string | undefined>('document.activeElement?.className'), 'skip-link', 'the first Tab reaches the skip link');
          const box = await skipLink.boundingBox();
          assert.ok(box && box.y >= 0 && box.height > 0, 'the focused skip link is on screen');
          // The focused skip link is the same markup on every page (the shared layout): axe checks it once.
          if (c === PAGES[0]) await expectNoAxeViolations(page, `${c.path} (${lang}, skip link focused)`);
          await page.keyboard.press('Enter');
          assert.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'main');
        });

        test(`when they open ${c.path} on a 390px phone, then nothing scrolls sideways and axe finds no violations`, async () => {
          await visit(phonePage, c, lang);
          assert.equal(await phonePage.evaluate<number>('window.innerWidth'), PHONE.width);
          await assertFitsWindow(phonePage, c.path);
          await expectNoAxeViolations(phonePage, `${c.path} (${lang}, phone)`);
        });
      }
    });
  }

  describe('given a browser without JavaScript', () => {
    let context: BrowserContext;
    before(async () => {
      context = await env.browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    });
    after(async () => {
      await context?.close();
    });

    test('when the reader searches for 横浜 in Kanagawa, then the results list 横浜市, which opens', async () => {
      const page = await context.newPage();
      await page.goto(`${env.server.baseUrl}/municipalities`);
      await page.getByLabel(/名前・よみがな・コード/).fill('横浜');
      await page.getByLabel('都道府県').selectOption({ label: '神奈川県' });
      await Promise.all([page.waitForURL(/\/municipalities\?q=/), page.getByRole('button', { name: '検索' }).click()]);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('q'), '横浜');
      assert.equal(url.searchParams.get('prefecture'), '14');
      const rows = await page.locator('table tbody tr').allInnerTexts();
      assert.ok(rows.length > 0 && rows.every((row) => row.includes('神奈川県')), `only Kanagawa is listed: ${rows.join(' / ')}`);
      await page.getByRole('link', { name: '横浜市', exact: true }).click();
      assert.equal((await page.locator('h1').innerText()).trim(), '神奈川県 横浜市');
    });

    test('when a resident picks 子どもが生まれた, fills in the household and adds child rows, then the services and amounts come back', async () => {
      const page = await context.newPage();
      await page.goto(`${env.server.baseUrl}/`);
      await page.getByRole('link', { name: '子どもが生まれた' }).first().click();
      assert.equal((await page.locator('h1').innerText()).trim(), '子どもが生まれた');
      await page.getByLabel('市区町村', { exact: true }).selectOption({ label: '東京都 世田谷区' });
      // Ages that do not change with the year the test runs: about five, and under two.
      const year = new Date().getFullYear();
      const older = `${year - 5}-06-01`;
      await page.locator('#child-1-birth').fill(older);
      // Four rows without JavaScript; the button asks the server for two more and keeps what was typed.
      assert.equal(await page.locator('.child-row').count(), 4);
      await Promise.all([page.waitForURL(/\/life-events\/birth/), page.getByRole('button', { name: 'お子さんの入力欄を増やす' }).click()]);
      assert.equal(await page.locator('.child-row').count(), 6);
      assert.equal(await page.locator('#child-1-birth').inputValue(), older);
      await page.locator('#child-5-birth').fill(`${year - 1}-06-01`);
      await page.getByLabel('保護者1の所得額（年額・円、任意）').fill('4,000,000');
      await Promise.all([page.waitForURL(/\/life-events\/birth/), page.getByRole('button', { name: '対象になりそうなサービスを調べる' }).click()]);
      const main = await page.locator('main').innerText();
      assert.match(main, /東京都世田谷区の「子どもが生まれた」のサービス/);
      assert.match(main, /児童手当\s+月額 25,000円/);
      assert.match(main, /児童手当の認定請求（出生・転入したとき）/);
      await page.getByRole('link', { name: '児童手当の認定請求（出生・転入したとき）' }).click();
      assert.equal(await page.getByRole('link', { name: 'オンラインで申請する' }).count(), 1, 'the claim can be made online');
    });

    test('when the search matches nothing, then the page says so', async () => {
      const page = await context.newPage();
      await page.goto(`${env.server.baseUrl}/municipalities`);
      await page.getByLabel(/名前・よみがな・コード/).fill('存在しない町');
      await Promise.all([page.waitForURL(/\/municipalities\?q=/), page.getByRole('button', { name: '検索' }).click()]);
      assert.equal(await page.locator('table').count(), 0);
      assert.match(await page.locator('main').innerText(), /該当する市区町村はありません/);
    });
  });
});
