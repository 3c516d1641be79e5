// Staff journeys in the browser: the national administrator's sign-in with password and one-time
// code, a municipality administrator's accounts, API clients and audit log, and a service editor's
// create, preview, publish and import. Every page state passes axe in Japanese and English.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Secret, TOTP } from 'otpauth';
import { DEMO_STAFF_PASSWORD, DEMO_TOTP_SECRET, seedDemoStaff } from '../src/demo/seed-staff.ts';
import { signedInStaff } from '../src/modules/identity/testing.ts';
import { witnessOnce } from '../src/modules/evidence/index.ts';
import { NaiveLog, naiveSigner, sampleFact } from '../src/modules/evidence/naive-log.ts';
import {
  assertFitsWindow,
  browserUnavailable,
  contextSignedInAs,
  DESKTOP,
  expectNoAxeViolations,
  expectPage,
  headingOf,
  PHONE,
  serverAndBrowser,
  type Lang,
} from './browser.ts';

const skip = browserUnavailable();

describe('staff pages in the browser', { skip: skip ?? false }, () => {
  const env = serverAndBrowser();

  test('given a demo administrator, when they sign in with password and one-time code, then every staff page passes axe in Japanese and English, at desktop and phone widths', async () => {
    await seedDemoStaff(env.server.db);
    const context = await env.browser.newContext({ viewport: DESKTOP });
    try {
      const page = await context.newPage();
      const heading = () => headingOf(page);
      // Given: the sign-in form, and a wrong password reported at the field.
      await page.goto(`${env.server.baseUrl}/staff`);
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
      await Promise.all([page.waitForURL(`${env.server.baseUrl}/staff`), page.getByRole('button', { name: '確認する' }).click()]);
      // Then: the console names who is signed in.
      assert.equal(await heading(), '職員コンソール');
      assert.match(await page.locator('main').innerText(), /setagaya\.admin/);

      await page.goto(`${env.server.baseUrl}/staff/users`);
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
        await page.goto(`${env.server.baseUrl}/lang/${lang}?next=%2Fstaff`);
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize(viewport);
          for (const [path, title] of staffPages) {
            await expectPage(page, env.server.baseUrl + path, { heading: title[lang], label: `${path} (${lang}, ${viewport.width}px)` });
            await assertFitsWindow(page, path);
          }
        }
      }
      // Form states: errors on the issue form and the allow-list, then an issued account's one-time password.
      await page.setViewportSize(DESKTOP);
      await page.goto(`${env.server.baseUrl}/lang/ja?next=%2Fstaff%2Fusers%2Fnew`);
      await Promise.all([page.waitForURL(/\/staff\/users$/), page.getByRole('button', { name: '交付する' }).click()]);
      assert.match(await page.locator('.error-summary').innerText(), /氏名を入力してください/);
      await expectNoAxeViolations(page, 'issue form with errors');
      await page.getByLabel('ログインID').fill('setagaya.newcomer');
      await page.getByLabel('氏名').fill('世田谷区 新任職員');
      await page.getByLabel('閲覧のみ').check();
      await Promise.all([page.waitForURL(/\/staff\/users$/), page.getByRole('button', { name: '交付する' }).click()]);
      assert.equal(await heading(), 'アカウントを交付しました');
      await expectNoAxeViolations(page, 'account issued');
      await page.goto(`${env.server.baseUrl}/staff/settings/network`);
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

  test('given a Shibuya administrator, when they check accounts, register an API client and read the audit log, then each page passes axe', async () => {
    const admin = await signedInStaff(env.server.db, { municipalityCode: '131130', roles: ['municipality_admin'] });
    const context = await contextSignedInAs(env, admin);
    try {
      const page = await context.newPage();
      const heading = () => headingOf(page);
      for (const lang of ['en', 'ja'] as const) {
        await page.goto(`${env.server.baseUrl}/lang/${lang}?next=%2Fstaff%2Faccount-check`);
        for (const [path, title] of [
          ['/staff/account-check', { ja: 'アカウントの有無の確認', en: 'Account check' }],
          ['/staff/api-clients', { ja: 'APIクライアント', en: 'API clients' }],
          ['/staff/audit', { ja: '監査ログ', en: 'Audit log' }],
        ] as const) {
          await expectPage(page, env.server.baseUrl + path, { heading: title[lang], label: `${path} (${lang})` });
        }
      }
      await page.goto(`${env.server.baseUrl}/staff/account-check`);
      await page.getByLabel(/機関別符号（1行に1件）/).fill('AAAAAAAAAAAAAAAAAAAA\nBBBBBBBBBBBBBBBBBBBB');
      await Promise.all([page.waitForURL(/\/staff\/account-check/), page.getByRole('button', { name: 'まとめて確認する' }).click()]);
      assert.match(await page.locator('main').innerText(), /2件のうち、アカウントあり 0件/);
      await expectNoAxeViolations(page, 'account check: results');
      await page.getByLabel('機関別符号', { exact: false }).first().fill('nonsense');
      await Promise.all([page.waitForURL(/\/staff\/account-check/), page.getByRole('button', { name: '確認する', exact: true }).click()]);
      assert.ok(await page.locator('.error-summary').isVisible());
      await expectNoAxeViolations(page, 'account check: error');
      await page.goto(`${env.server.baseUrl}/staff/api-clients`);
      await Promise.all([page.waitForURL(/\/staff\/api-clients/), page.getByRole('button', { name: '登録する' }).click()]);
      assert.match(await page.locator('.error-summary').innerText(), /システムの名前を入力してください/);
      await expectNoAxeViolations(page, 'api clients: errors');
      await page.getByLabel('システムの名前').fill('子育て支援システム');
      await page.getByLabel(/identity:codes/).check();
      await Promise.all([page.waitForURL(/\/staff\/api-clients/), page.getByRole('button', { name: '登録する' }).click()]);
      assert.equal(await heading(), 'APIクライアントを登録しました');
      assert.match(await page.locator('#secret').innerText(), /^ocs_/);
      await expectNoAxeViolations(page, 'api clients: secret shown once');
      await page.goto(`${env.server.baseUrl}/staff/audit?action=api_client.created`);
      assert.match(await page.locator('main').innerText(), /api_client\.created/);
      await expectNoAxeViolations(page, 'audit log filtered');
    } finally {
      await context.close();
    }
  });

  test('given a Shibuya service editor, when they create, preview, publish and import services, then each page passes axe', async () => {
    const editor = await signedInStaff(env.server.db, { municipalityCode: '131130', roles: ['service_editor'] });
    const national = await signedInStaff(env.server.db, { roles: ['national_admin'] });
    const context = await contextSignedInAs(env, editor);
    try {
      const page = await context.newPage();
      const heading = () => headingOf(page);
      for (const lang of ['en', 'ja'] as const) {
        await page.goto(`${env.server.baseUrl}/lang/${lang}?next=%2Fstaff%2Fservices`);
        for (const [path, title] of [
          ['/staff/services', { ja: 'サービスの管理', en: 'Services' }],
          ['/staff/services/new', { ja: 'サービスの作成', en: 'Create a service' }],
          ['/staff/services/import', { ja: 'サービスの一括取込', en: 'Import services' }],
        ] as const) {
          await expectPage(page, env.server.baseUrl + path, { heading: title[lang], label: `${path} (${lang})` });
        }
      }
      await page.goto(`${env.server.baseUrl}/staff/services/new`);
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
      await assertFitsWindow(page, 'the edit form');
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
      await page.goto(`${env.server.baseUrl}/staff/services/import`);
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
      await context.addCookies(Object.entries(national.cookies).map(([name, value]) => ({ name, value, url: env.server.baseUrl })));
      for (const [path, title] of [
        ['/staff/national/services', '国のサービス'],
        ['/staff/national/services/new', 'サービスの作成'],
      ] as const) {
        await expectPage(page, env.server.baseUrl + path, { heading: title });
      }
      // The national administration pages, for national administrators only (issue #11 §5).
      const adminPages = [
        ['/admin', { ja: '国の管理画面', en: 'National administration' }],
        ['/admin/jobs', { ja: 'ジョブキュー', en: 'Job queue' }],
        ['/admin/evidence', { ja: '証跡ログ', en: 'Evidence log' }],
      ] as const;
      for (const lang of ['ja', 'en'] as const) {
        await page.goto(`${env.server.baseUrl}/lang/${lang}?next=%2Fadmin`);
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize(viewport);
          for (const [path, title] of adminPages) {
            await expectPage(page, env.server.baseUrl + path, { heading: title[lang], label: `${path} (${lang}, ${viewport.width}px)` });
            await assertFitsWindow(page, path);
          }
        }
      }
    } finally {
      await context.close();
    }
  });

  test('given a witness alarm, when a national administrator opens the evidence log page, then the alarm leads and the page passes axe in Japanese and English, at desktop and phone widths', async () => {
    // One log verified, one forked (the same size signed with another root), one unreachable.
    const logs = ['verified', 'forked', 'down'].map((name) => new NaiveLog(naiveSigner(`${name}.example/evidence`), `https://${name}.example`));
    for (const log of logs) {
      log.append(sampleFact(1), sampleFact(2));
      log.checkpoint();
      await witnessOnce(env.server.db, { url: log.base, verifierKey: log.signer.verifierKey, fetch: log.fetch });
    }
    const [, forked, down] = logs as [NaiveLog, NaiveLog, NaiveLog];
    forked.serveNote = forked.checkpoint(forked.signer, 2, Buffer.alloc(32, 9));
    await witnessOnce(env.server.db, { url: forked.base, verifierKey: forked.signer.verifierKey, fetch: forked.fetch });
    down.failWith = 503;
    await witnessOnce(env.server.db, { url: down.base, verifierKey: down.signer.verifierKey, fetch: down.fetch });

    const national = await signedInStaff(env.server.db, { roles: ['national_admin'] });
    const context = await contextSignedInAs(env, national);
    try {
      const page = await context.newPage();
      for (const lang of ['ja', 'en'] as const) {
        await page.goto(`${env.server.baseUrl}/lang/${lang}?next=%2Fadmin`);
        for (const viewport of [DESKTOP, PHONE]) {
          await page.setViewportSize(viewport);
          await expectPage(page, `${env.server.baseUrl}/admin/evidence`, { heading: lang === 'ja' ? '証跡ログ' : 'Evidence log', label: `/admin/evidence with an alarm (${lang}, ${viewport.width}px)` });
          await assertFitsWindow(page, '/admin/evidence with an alarm');
          const alert = page.getByRole('alert');
          assert.match(await alert.innerText(), lang === 'ja' ? /警報：1件のログ/ : /ALARM: 1 log/);
          assert.match(await alert.innerText(), /forked\.example/);
        }
      }
    } finally {
      await context.close();
    }
  });
});
