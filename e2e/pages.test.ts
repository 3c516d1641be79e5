// Every page that exists, in Japanese and in English, at desktop and phone widths: axe finds no
// WCAG 2.2 A/AA violation, the skip link reaches the main content, <html lang> follows the reader's
// language, nothing scrolls sideways on a phone, and the municipality search works without JavaScript.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_STAFF_PASSWORD, DEMO_TOTP_SECRET, seedDemoStaff } from '../src/demo/seed-staff.ts';
import { browserUnavailable, expectNoAxeViolations, launchBrowser, startTestServer, type TestServer } from './browser.ts';

type Lang = 'ja' | 'en';

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
  { path: '/admin', status: 200, heading: { ja: '国の管理画面', en: 'National administration' } },
  { path: '/admin/jobs', status: 200, heading: { ja: 'ジョブキュー', en: 'Job queue' } },
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

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const skip = browserUnavailable();

describe('pages in the browser', { skip: skip ?? false }, () => {
  let server: TestServer;
  let browser: Browser;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens `path` and checks the status and heading, so later checks look at the right page. */
  async function visit(page: Page, c: PageCase, lang: Lang): Promise<void> {
    const response = await page.goto(server.baseUrl + c.path);
    assert.equal(response?.status(), c.status, `status of ${c.path}`);
    assert.equal((await page.locator('h1').innerText()).trim(), c.heading[lang], `heading of ${c.path}`);
  }

  /** Switches the language as a reader does: by the link in the header. */
  async function chooseLanguage(page: Page, lang: Lang): Promise<void> {
    await page.goto(`${server.baseUrl}/`);
    if ((await page.locator('html').getAttribute('lang')) === lang) return;
    await Promise.all([page.waitForURL(`${server.baseUrl}/`), page.locator(`header a[hreflang="${lang}"]`).click()]);
  }

  test('given a page with an image without alt text, when axe runs, then the check fails naming the rule and the element', async () => {
    const context = await browser.newContext();
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
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/municipalities?q=${encodeURIComponent('横浜')}`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'ja');
      await Promise.all([page.waitForURL(/\/municipalities\?q=/), page.getByRole('link', { name: 'English' }).click()]);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.locator('#q').inputValue(), '横浜', 'the search is kept across the switch');
      // and it stays English on the next page, and switches back by the 日本語 link.
      await page.goto(`${server.baseUrl}/staff/login`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      await Promise.all([page.waitForURL(`${server.baseUrl}/staff/login`), page.getByRole('link', { name: '日本語' }).click()]);
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
        desktop = await browser.newContext({ viewport: DESKTOP });
        // Not isMobile: mobile emulation widens the layout viewport to fit the content, which
        // would hide exactly the sideways scroll this checks for.
        phone = await browser.newContext({ viewport: PHONE });
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
          await expectNoAxeViolations(page, `${c.path} (${lang}, skip link focused)`);
          await page.keyboard.press('Enter');
          assert.equal(await page.evaluate<string | undefined>('document.activeElement?.id'), 'main');
        });

        test(`when they open ${c.path} on a 390px phone, then nothing scrolls sideways and axe finds no violations`, async () => {
          await visit(phonePage, c, lang);
          // (Expressions as strings: the project compiles without the DOM library.)
          const { scrollWidth, innerWidth } = await phonePage.evaluate<{ scrollWidth: number; innerWidth: number }>(
            '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
          );
          assert.equal(innerWidth, PHONE.width);
          assert.ok(scrollWidth <= innerWidth, `page is ${scrollWidth}px wide in a ${innerWidth}px window`);
          await expectNoAxeViolations(phonePage, `${c.path} (${lang}, phone)`);
        });
      }
    });
  }

  test('given the demo, when a resident signs with a test card, a wrong PIN is reported at the field and the right one gives a passing report', async () => {
    const signing = await browser.newContext({ viewport: DESKTOP });
    const page = await signing.newPage();
    await page.goto(`${server.baseUrl}/pki/test/cards`);
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

  test('given a demo administrator, when they sign in with password and one-time code, then every staff page passes axe in Japanese and English, at desktop and phone widths', async () => {
    await seedDemoStaff(server.db);
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      const heading = async () => (await page.locator('h1').innerText()).trim();
      // Given: the sign-in form, and a wrong password reported at the field.
      await page.goto(`${server.baseUrl}/staff`);
      assert.equal(await heading(), '職員ログイン', 'the console sends a visitor to sign in');
      await page.getByLabel('ログインID').fill('setagaya.admin');
      await page.getByLabel('パスワード').fill('Wrong-password-1');
      await Promise.all([page.waitForURL(/\/staff\/login/), page.getByRole('button', { name: 'ログイン' }).click()]);
      assert.match(await page.locator('.error-summary').innerText(), /ログインIDまたはパスワードが正しくありません/);
      await expectNoAxeViolations(page, 'staff sign-in: wrong password');
      // When: the right password, then the code from the authenticator.
      await page.getByLabel('ログインID').fill('setagaya.admin');
      await page.getByLabel('パスワード').fill(DEMO_STAFF_PASSWORD);
      await Promise.all([page.waitForURL(/\/staff\/login\/totp/), page.getByRole('button', { name: 'ログイン' }).click()]);
      assert.equal(await heading(), '確認コードの入力');
      await expectNoAxeViolations(page, 'staff sign-in: one-time code');
      const code = new TOTP({ secret: Secret.fromBase32(DEMO_TOTP_SECRET), digits: 6, period: 30 }).generate();
      await page.getByLabel('確認コード').fill(code);
      await Promise.all([page.waitForURL(`${server.baseUrl}/staff`), page.getByRole('button', { name: '確認する' }).click()]);
      // Then: the console names who is signed in.
      assert.equal(await heading(), '職員コンソール');
      assert.match(await page.locator('main').innerText(), /setagaya\.admin/);

      await page.goto(`${server.baseUrl}/staff/users`);
      const editorHref = await page.getByRole('link', { name: 'setagaya.editor' }).getAttribute('href');
      assert.ok(editorHref);
      const staffPages: [string, Record<Lang, string>][] = [
        ['/staff', { ja: '職員コンソール', en: 'Staff console' }],
        ['/staff/users', { ja: '職員アカウントの管理', en: 'Staff accounts' }],
        ['/staff/users/new', { ja: 'アカウントの交付', en: 'Issue an account' }],
        [editorHref, { ja: '職員アカウント', en: 'Staff account' }],
        ['/staff/settings/network', { ja: '接続元ネットワークの制限', en: 'Network allow-list' }],
        ['/staff/password', { ja: 'パスワードの変更', en: 'Change your password' }],
        ['/staff/totp', { ja: '確認コード（2要素認証）の設定', en: 'Set up your one-time codes' }],
      ];
      for (const lang of ['ja', 'en'] as const) {
        await page.goto(`${server.baseUrl}/lang/${lang}?next=%2Fstaff`);
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize(viewport);
          for (const [path, title] of staffPages) {
            const response = await page.goto(server.baseUrl + path);
            assert.equal(response?.status(), 200, `status of ${path}`);
            assert.equal(await heading(), title[lang], `heading of ${path}`);
            const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
              '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
            );
            assert.ok(scrollWidth <= innerWidth, `${path} is ${scrollWidth}px wide in a ${innerWidth}px window`);
            await expectNoAxeViolations(page, `${path} (${lang}, ${viewport.width}px)`);
          }
        }
      }
      // Form states: errors on the issue form and the allow-list, then an issued account's one-time password.
      await page.setViewportSize(DESKTOP);
      await page.goto(`${server.baseUrl}/lang/ja?next=%2Fstaff%2Fusers%2Fnew`);
      await Promise.all([page.waitForURL(/\/staff\/users$/), page.getByRole('button', { name: '交付する' }).click()]);
      assert.match(await page.locator('.error-summary').innerText(), /氏名を入力してください/);
      await expectNoAxeViolations(page, 'issue form with errors');
      await page.getByLabel('ログインID').fill('setagaya.newcomer');
      await page.getByLabel('氏名').fill('世田谷区 新任職員');
      await page.getByLabel('閲覧のみ').check();
      await Promise.all([page.waitForURL(/\/staff\/users$/), page.getByRole('button', { name: '交付する' }).click()]);
      assert.equal(await heading(), 'アカウントを交付しました');
      await expectNoAxeViolations(page, 'account issued');
      await page.goto(`${server.baseUrl}/staff/settings/network`);
      await page.getByLabel('許可するアドレス・CIDR').fill('10.20.0.0/16\nnot-an-address');
      await Promise.all([page.waitForURL(/\/staff\/settings\/network/), page.getByRole('button', { name: '保存する' }).click()]);
      assert.match(await page.locator('.error-summary').innerText(), /2件目/);
      await expectNoAxeViolations(page, 'allow-list with errors');
      await page.getByLabel('許可するアドレス・CIDR').fill('10.20.0.0/16');
      await Promise.all([page.waitForURL(/\/staff\/settings\/network/), page.getByRole('button', { name: '保存する' }).click()]);
      assert.match(await page.locator('.error-summary').innerText(), /含まれていません/);
      await expectNoAxeViolations(page, 'allow-list self-lockout warning');
    } finally {
      await context.close();
    }
  });

  test('given the demo, when 山田 花子 signs in with her test card, then a wrong PIN is reported with the tries left, the right one opens her folder, and the pages pass axe', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      const heading = async () => (await page.locator('h1').innerText()).trim();
      // Given: the login page with JavaScript on (the note about JavaScript is hidden).
      await page.goto(`${server.baseUrl}/login`);
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
      await Promise.all([page.waitForURL(`${server.baseUrl}/me`), page.getByRole('button', { name: 'ログインする' }).click()]);
      // Then: her folder.
      assert.equal(await heading(), '利用者フォルダ');
      assert.match(await page.locator('main').innerText(), /ログインしている端末・ブラウザ: 1件/);
      await expectNoAxeViolations(page, '/me');
      await page.getByLabel(/^市区町村/).selectOption({ label: '東京都 渋谷区' });
      await Promise.all([page.waitForURL(/\/me\?saved=1/), page.getByRole('button', { name: '登録する' }).click()]);
      assert.match(await page.locator('main').innerText(), /東京都 渋谷区/);
      await expectNoAxeViolations(page, '/me: home municipality saved');
      await page.goto(`${server.baseUrl}/lang/en?next=%2Fme`);
      assert.equal(await heading(), 'Your folder');
      await expectNoAxeViolations(page, '/me (en)');
      await page.goto(`${server.baseUrl}/login`);
      await expectNoAxeViolations(page, '/login (en)');
    } finally {
      await context.close();
    }
  });

  test('given a Shibuya administrator, when they check accounts, register an API client and read the audit log, then each page passes axe', async () => {
    const { signedInStaff } = await import('../src/modules/identity/testing.ts');
    const admin = await signedInStaff(server.db, { municipalityCode: '131130', roles: ['municipality_admin'] });
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      await context.addCookies(Object.entries(admin.cookies).map(([name, value]) => ({ name, value, url: server.baseUrl })));
      const page = await context.newPage();
      const heading = async () => (await page.locator('h1').innerText()).trim();
      for (const lang of ['en', 'ja'] as const) {
        await page.goto(`${server.baseUrl}/lang/${lang}?next=%2Fstaff%2Faccount-check`);
        for (const [path, title] of [
          ['/staff/account-check', { ja: 'アカウントの有無の確認', en: 'Account check' }],
          ['/staff/api-clients', { ja: 'APIクライアント', en: 'API clients' }],
          ['/staff/audit', { ja: '監査ログ', en: 'Audit log' }],
        ] as const) {
          const response = await page.goto(server.baseUrl + path);
          assert.equal(response?.status(), 200, `status of ${path}`);
          assert.equal(await heading(), title[lang]);
          await expectNoAxeViolations(page, `${path} (${lang})`);
        }
      }
      await page.goto(`${server.baseUrl}/staff/account-check`);
      await page.getByLabel(/機関別符号（1行に1件）/).fill('AAAAAAAAAAAAAAAAAAAA\nBBBBBBBBBBBBBBBBBBBB');
      await Promise.all([page.waitForURL(/\/staff\/account-check/), page.getByRole('button', { name: 'まとめて確認する' }).click()]);
      assert.match(await page.locator('main').innerText(), /2件のうち、アカウントあり 0件/);
      await expectNoAxeViolations(page, 'account check: results');
      await page.getByLabel('機関別符号', { exact: false }).first().fill('nonsense');
      await Promise.all([page.waitForURL(/\/staff\/account-check/), page.getByRole('button', { name: '確認する', exact: true }).click()]);
      assert.ok(await page.locator('.error-summary').isVisible());
      await expectNoAxeViolations(page, 'account check: error');
      await page.goto(`${server.baseUrl}/staff/api-clients`);
      await Promise.all([page.waitForURL(/\/staff\/api-clients/), page.getByRole('button', { name: '登録する' }).click()]);
      assert.match(await page.locator('.error-summary').innerText(), /システムの名前を入力してください/);
      await expectNoAxeViolations(page, 'api clients: errors');
      await page.getByLabel('システムの名前').fill('子育て支援システム');
      await page.getByLabel(/identity:codes/).check();
      await Promise.all([page.waitForURL(/\/staff\/api-clients/), page.getByRole('button', { name: '登録する' }).click()]);
      assert.equal(await heading(), 'APIクライアントを登録しました');
      assert.match(await page.locator('#secret').innerText(), /^ocs_/);
      await expectNoAxeViolations(page, 'api clients: secret shown once');
      await page.goto(`${server.baseUrl}/staff/audit?action=api_client.created`);
      assert.match(await page.locator('main').innerText(), /api_client\.created/);
      await expectNoAxeViolations(page, 'audit log filtered');
    } finally {
      await context.close();
    }
  });

  test('given a Shibuya service editor, when they create, preview, publish and import services, then each page passes axe', async () => {
    const { signedInStaff } = await import('../src/modules/identity/testing.ts');
    const editor = await signedInStaff(server.db, { municipalityCode: '131130', roles: ['service_editor'] });
    const national = await signedInStaff(server.db, { roles: ['national_admin'] });
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      await context.addCookies(Object.entries(editor.cookies).map(([name, value]) => ({ name, value, url: server.baseUrl })));
      const page = await context.newPage();
      const heading = async () => (await page.locator('h1').innerText()).trim();
      for (const lang of ['en', 'ja'] as const) {
        await page.goto(`${server.baseUrl}/lang/${lang}?next=%2Fstaff%2Fservices`);
        for (const [path, title] of [
          ['/staff/services', { ja: 'サービスの管理', en: 'Services' }],
          ['/staff/services/new', { ja: 'サービスの作成', en: 'Create a service' }],
          ['/staff/services/import', { ja: 'サービスの一括取込', en: 'Import services' }],
        ] as const) {
          const response = await page.goto(server.baseUrl + path);
          assert.equal(response?.status(), 200, `status of ${path}`);
          assert.equal(await heading(), title[lang]);
          await expectNoAxeViolations(page, `${path} (${lang})`);
        }
      }
      await page.goto(`${server.baseUrl}/staff/services/new`);
      await page.getByLabel('受付開始日').fill('2026-04-01');
      await page.getByLabel('受付終了日').fill('2026-03-01');
      await Promise.all([page.waitForURL(/\/staff\/services/), page.getByRole('button', { name: '下書きとして作成する' }).click()]);
      assert.ok(await page.locator('.error-summary').isVisible());
      await expectNoAxeViolations(page, 'services: errors');
      await page.getByLabel('サービス名（制度名）').fill('一時保育事業');
      await page.getByLabel('受付終了日').fill('2027-03-31');
      await page.locator('#attachment-0-name').fill('就労証明書');
      await page.locator('#attachment-0-required').check();
      await page.locator('#attachment-0-original').check();
      await page.getByLabel('窓口').check();
      await Promise.all([page.waitForURL(/done=created/), page.getByRole('button', { name: '下書きとして作成する' }).click()]);
      assert.equal(await heading(), 'サービスの編集');
      await expectNoAxeViolations(page, 'services: edit');
      await page.setViewportSize(PHONE);
      const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
        '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
      );
      assert.ok(scrollWidth <= innerWidth, `the edit form is ${scrollWidth}px wide in a ${innerWidth}px window`);
      await expectNoAxeViolations(page, 'services: edit on a phone');
      await page.setViewportSize(DESKTOP);
      await Promise.all([page.waitForURL(/done=published/), page.getByRole('button', { name: '公開する' }).click()]);
      await page.getByRole('link', { name: 'プレビュー' }).click();
      assert.match(await page.locator('main').innerText(), /別途原本の提出が必要/);
      await expectNoAxeViolations(page, 'services: preview');
      await page.goBack();
      await page.getByRole('link', { name: '変更履歴' }).click();
      assert.match(await page.locator('main').innerText(), /公開/);
      await expectNoAxeViolations(page, 'services: history');
      await page.goto(`${server.baseUrl}/staff/services/import`);
      await page.locator('#file').setInputFiles({
        name: 'services.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify([{ サービスID: 'e2e-1', 'タイトル（制度名）': '産後ケア' }, { サービスID: 'e2e-2', 'タイトル（制度名）': '病児保育', 受付開始日: '2024/2/30' }])),
      });
      await Promise.all([page.waitForURL(/\/staff\/services\/import/), page.getByRole('button', { name: '確認する' }).click()]);
      assert.match(await page.locator('main').innerText(), /2024\/2\/30/);
      await expectNoAxeViolations(page, 'services: import dry run');
      await Promise.all([page.waitForURL(/\/staff\/services\/import/), page.getByRole('button', { name: 'この内容で取り込む' }).click()]);
      assert.match(await page.locator('main').innerText(), /取り込みました/);
      await expectNoAxeViolations(page, 'services: imported');

      await context.clearCookies();
      await context.addCookies(Object.entries(national.cookies).map(([name, value]) => ({ name, value, url: server.baseUrl })));
      for (const [path, title] of [
        ['/staff/national/services', '国のサービス'],
        ['/staff/national/services/new', 'サービスの作成'],
      ] as const) {
        const response = await page.goto(server.baseUrl + path);
        assert.equal(response?.status(), 200, `status of ${path}`);
        assert.equal(await heading(), title);
        await expectNoAxeViolations(page, path);
      }
    } finally {
      await context.close();
    }
  });

  test('given the demo catalogue, when a resident opens a service page, a search with an error and a life-event estimate, then each passes axe in Japanese and English, at desktop and phone widths', async () => {
    const { id } = await server.db.kysely
      .selectFrom('services')
      .select('id')
      .where('municipality_code', '=', '131130')
      .where('external_id', '=', 'demo:child-allowance.certification')
      .executeTakeFirstOrThrow();
    const context = await browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      const heading = async () => (await page.locator('h1').innerText()).trim();
      for (const lang of ['ja', 'en'] as const) {
        await page.goto(`${server.baseUrl}/lang/${lang}?next=%2Fservices`);
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize(viewport);
          const where = `(${lang}, ${viewport.width}px)`;
          const fits = async (label: string) => {
            const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
              '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
            );
            assert.ok(scrollWidth <= innerWidth, `${label} is ${scrollWidth}px wide in a ${innerWidth}px window`);
          };
          // The service page: the heading stays Japanese (the municipality's text), marked so.
          assert.equal((await page.goto(`${server.baseUrl}/services/${id}`))?.status(), 200);
          assert.equal(await heading(), '児童手当の認定請求（出生・転入したとき）');
          assert.match(await page.locator('#attachments').locator('..').innerText(), lang === 'ja' ? /別途原本の提出が必要/ : /Original required separately/);
          await fits('service page');
          await expectNoAxeViolations(page, `service page ${where}`);
          // A search whose typed municipality does not exist.
          assert.equal((await page.goto(`${server.baseUrl}/services?place=999999`))?.status(), 400);
          assert.ok(await page.locator('.error-summary').isVisible());
          await fits('search with an error');
          await expectNoAxeViolations(page, `search with an error ${where}`);
          // A life-event estimate, and the same form with errors.
          await page.goto(`${server.baseUrl}/life-events/single-parent`);
          await page.locator('#municipality').selectOption('131130');
          await page.locator('#child-1-birth').fill('2019-04-15');
          await page.locator('#child-2-birth').fill('2024-09-01');
          await page.locator('#singleParent').check();
          await Promise.all([page.waitForURL(/\/life-events\/single-parent/), page.locator('form.household-form button[type="submit"]:not([name])').click()]);
          assert.equal(await page.locator('.amount-chart svg').count() > 0, true, 'the amounts are charted');
          await page.locator('.estimate-details summary').click();
          await fits('life-event results');
          await expectNoAxeViolations(page, `life-event results ${where}`);
          await page.locator('#child-1-birth').fill('2019-02-30');
          await Promise.all([page.waitForURL(/\/life-events\/single-parent/), page.locator('form.household-form button[type="submit"]:not([name])').click()]);
          assert.ok(await page.locator('.error-summary').isVisible());
          await fits('life-event errors');
          await expectNoAxeViolations(page, `life-event errors ${where}`);
        }
      }
    } finally {
      await context.close();
    }
  });

  describe('given a browser without JavaScript', () => {
    let context: BrowserContext;
    before(async () => {
      context = await browser.newContext({ viewport: DESKTOP, javaScriptEnabled: false });
    });
    after(async () => {
      await context?.close();
    });

    test('when the reader searches for 横浜 in Kanagawa, then the results list 横浜市, which opens', async () => {
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/municipalities`);
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
      await page.goto(`${server.baseUrl}/`);
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
      assert.match(await page.locator('main').innerText(), /オンライン申請は準備中です/);
    });

    test('when the search matches nothing, then the page says so', async () => {
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/municipalities`);
      await page.getByLabel(/名前・よみがな・コード/).fill('存在しない町');
      await Promise.all([page.waitForURL(/\/municipalities\?q=/), page.getByRole('button', { name: '検索' }).click()]);
      assert.equal(await page.locator('table').count(), 0);
      assert.match(await page.locator('main').innerText(), /該当する市区町村はありません/);
    });
  });
});
