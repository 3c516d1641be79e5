// The resident catalogue pages over the demo catalogue, through the whole app.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_MUNICIPALITIES } from '../../../demo/demo-data.ts';
import { seedDemoCatalogue } from '../../../demo/seed-catalogue.ts';
import { seedDemoForms } from '../../forms/index.ts';
import { buildTestApp, type TestApp } from '../../../testing/app.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import { upsertProfile } from '../../municipalities/index.ts';
import { estimateBenefits } from '../benefits/estimate-benefits.ts';
import { todayInJapan } from '../search/search-services.ts';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The text of the page's <main>, tags dropped and entities of the escaper decoded. */
function mainText(html: string): string {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** A date `years` years before today in Japan (keeps ages stable whenever the test runs). */
function yearsAgo(years: number, monthDay = '-04-15'): string {
  return `${Number(todayInJapan().slice(0, 4)) - years}${monthDay}`;
}

const yen = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

describeOnDatabases('resident catalogue pages', (ctx) => {
  let t: TestApp;
  let serviceId: (municipality: string, externalId: string) => Promise<string>;

  before(async () => {
    t = await buildTestApp(ctx.db);
    for (const m of DEMO_MUNICIPALITIES) {
      await upsertProfile(ctx.db.kysely, { municipalityCode: m.code, receiptMethod: m.receiptMethod, contactDepartment: m.contactDepartment, mode: m.mode });
    }
    await seedDemoCatalogue(ctx.db);
    serviceId = async (municipality, externalId) =>
      (await ctx.db.kysely.selectFrom('services').select('id').where('municipality_code', '=', municipality).where('external_id', '=', externalId).executeTakeFirstOrThrow()).id;
  });
  after(async () => {
    await t?.close();
  });

  describe('/services', () => {
    test('given no words, then every published service is counted, 20 a page, with paging links', async () => {
      const published = await ctx.db.kysely
        .selectFrom('services')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'published')
        .where('mode', '=', 'live')
        .executeTakeFirstOrThrow();
      const res = await t.app.inject({ url: '/services' });
      assert.equal(res.statusCode, 200);
      const text = mainText(res.body);
      assert.match(text, new RegExp(`${Number(published.n).toLocaleString('ja-JP')} 件（1〜20 件目を表示）`));
      assert.equal((res.body.match(/<li class="result">/g) ?? []).length, 20);
      assert.match(res.body, /href="\/services\?page=2" rel="next"/);
    });

    test('given 保育 in Setagaya, then only 世田谷区 and national or Tokyo services, with the word marked in the snippet', async () => {
      const res = await t.app.inject({ url: `/services?q=${encodeURIComponent('保育')}&municipality=131121` });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<mark>保育<\/mark>/);
      const owners = [...res.body.matchAll(/<p class="result-owner" lang="ja">([^<]*)<\/p>/g)].map((m) => m[1]);
      assert.ok(owners.length > 0);
      for (const owner of owners) assert.ok(['東京都世田谷区', '国の制度（全国共通）'].includes(owner!) || owner!.startsWith('東京都（'), owner);
      assert.ok(!res.body.includes('東京都渋谷区'), 'no Shibuya service');
      // The filters are links that keep the other conditions.
      assert.match(res.body, /href="\/services\?q=%E4%BF%9D%E8%82%B2&(amp;)?municipality=131121&(amp;)?category=childcare"/);
    });

    test('given a category and "accepting now", then only those are listed, and each condition can be removed', async () => {
      const res = await t.app.inject({ url: '/services?category=childcare&municipality=131130&open=1' });
      assert.equal(res.statusCode, 200);
      assert.match(mainText(res.body), /指定中の条件/);
      assert.match(res.body, /href="\/services\?municipality=131130&(amp;)?category=childcare"[^>]*class="chip-remove"/);
      assert.ok(!mainText(res.body).includes('保育施設等の現況届'), 'the status report (June) is not accepting now');
    });

    test('given words that match nothing, then the count is 0 and suggestions are offered', async () => {
      const res = await t.app.inject({ url: `/services?q=${encodeURIComponent('ぜったいにないことば')}` });
      assert.equal(res.statusCode, 200);
      const text = mainText(res.body);
      assert.match(text, /0 件/);
      assert.match(text, /条件に合うサービスは見つかりませんでした/);
      assert.match(res.body, /href="\/life-events"/);
    });

    test('given an unknown municipality typed, then the form comes back with the error at the field', async () => {
      const res = await t.app.inject({ url: '/services?place=999999' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /class="error-summary"/);
      assert.match(res.body, /<a href="#place">/);
      assert.match(res.body, /id="place"[^>]*aria-invalid="true"/);
    });

    test('given markup in the words, then it is escaped', async () => {
      const res = await t.app.inject({ url: `/services?q=${encodeURIComponent('<script>alert(1)</script>')}` });
      assert.equal(res.statusCode, 200);
      // Inside a quoted attribute a < is text; anywhere else it must come out escaped.
      assert.ok(!res.body.replace(/="[^"]*"/g, '""').includes('<script>alert(1)'));
      assert.match(res.body, /「&lt;script>alert\(1\)&lt;\/script>」/);
    });
  });

  describe('/services/:id', () => {
    test('given the child allowance claim of 渋谷区, then the page shows its facts, the 原本 flag in words, and online application once its form is published', async () => {
      const id = await serviceId('131130', 'demo:child-allowance.certification');
      const res = await t.app.inject({ url: `/services/${id}` });
      assert.equal(res.statusCode, 200);
      const text = mainText(res.body);
      assert.match(text, /児童手当の認定請求（出生・転入したとき）/);
      assert.match(text, /東京都渋谷区/);
      for (const heading of ['概要', '対象となる方', '受付期間・期限', '申請方法', '添付書類', '窓口へ持参するもの', '根拠法令・国の手続', '担当課・お問い合わせ先', '関連リンク']) {
        assert.match(res.body, new RegExp(`<h2 id="[a-z]+">${heading}</h2>`), heading);
      }
      assert.match(res.body, /<h3>申請する方<\/h3>/);
      assert.match(text, /別居監護申立書.*別途原本の提出が必要/);
      assert.match(text, /原本を担当窓口へ郵送または持参してください/);
      assert.match(text, /健康保険の資格確認書.*必須/);
      assert.match(text, /オンライン申請は準備中です/);
      assert.match(text, /電子署名付きの申請だけを受け付けます/);
      assert.match(text, /児童手当等の受給資格及び児童手当の額についての認定請求/);
      assert.match(text, /03-0000-1101/);
      assert.match(text, /児童手当法 第7条/);
      assert.ok(!/href="[^"]*apply/.test(res.body), 'no link to an application form that does not exist');
      // With the national template linked, residents can apply online.
      await seedDemoForms(ctx.db);
      const withForm = await t.app.inject({ url: `/services/${id}` });
      assert.ok(withForm.body.includes(`href="/services/${id}/apply"`));
      assert.doesNotMatch(mainText(withForm.body), /オンライン申請は準備中です/);
    });

    test('given English, then the headings are English and the service text stays Japanese, marked as such', async () => {
      const id = await serviceId('131121', 'demo:maternal-health.pregnancy-notification');
      const res = await t.app.inject({ url: `/services/${id}`, cookies: { lang: 'en' } });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<h1 lang="ja">妊娠の届出（母子健康手帳の交付）<\/h1>/);
      assert.match(res.body, /Documents to attach/);
      assert.match(res.body, />Apply online</);
      assert.match(res.body, /医療機関の証明書/);
    });

    test('given a draft, an unknown id or not an id, then 404', async () => {
      const draft = await ctx.db.kysely.selectFrom('services').select('id').where('status', '=', 'draft').executeTakeFirstOrThrow();
      for (const path of [`/services/${draft.id}`, '/services/00000000-0000-4000-8000-000000000000', '/services/not-an-id']) {
        const res = await t.app.inject({ url: path, headers: { accept: 'text/html' } });
        assert.equal(res.statusCode, 404, path);
        assert.match(res.body, /ページが見つかりません/);
      }
    });
  });

  describe('/life-events', () => {
    test('given the list, then each entry life event links to its form', async () => {
      const res = await t.app.inject({ url: '/life-events' });
      assert.equal(res.statusCode, 200);
      for (const id of ['pregnancy', 'birth', 'nursery', 'moving-in', 'single-parent']) assert.match(res.body, new RegExp(`href="/life-events/${id}"`));
    });

    test('given the form, then it has four empty child rows and works without JavaScript (a post form)', async () => {
      const res = await t.app.inject({ url: '/life-events/nursery?municipality=131121' });
      assert.equal(res.statusCode, 200);
      for (const n of [1, 2, 3, 4]) assert.match(res.body, new RegExp(`id="child-${n}-birth"`));
      assert.ok(!res.body.includes('id="child-5-birth"'));
      assert.match(res.body, /<form class="household-form" method="post" action="\/life-events\/nursery"/);
      assert.match(res.body, /<option value="131121" selected/);
      assert.ok(!res.body.includes('<script'));
      const more = await t.app.inject({ method: 'POST', url: '/life-events/nursery', headers: FORM, payload: 'rows=4&more=1&child-1-birth=2024-01-01' });
      assert.equal(more.statusCode, 200);
      assert.match(more.body, /id="child-6-birth"/);
      assert.match(more.body, /id="child-1-birth"[^>]*value="2024-01-01"/);
    });

    test('given a single parent in 渋谷区 with two children and an income, then amounts and reasons are shown, bilingual', async () => {
      const older = yearsAgo(6);
      const baby = yearsAgo(1);
      const payload = new URLSearchParams({ municipality: '131130', rows: '4', 'child-1-birth': older, 'child-2-birth': baby, singleParent: 'yes', income1: '1,000,000' }).toString();
      const res = await t.app.inject({ method: 'POST', url: '/life-events/single-parent', headers: FORM, payload });
      assert.equal(res.statusCode, 200);
      const expected = estimateBenefits({
        date: todayInJapan(),
        municipality: '131130',
        household: {
          singleParent: true,
          members: [
            { relation: 'parent', birthDate: '1990-01-01', incomeAfterDeductions: 1_000_000 },
            { relation: 'child', birthDate: older },
            { relation: 'child', birthDate: baby },
          ],
        },
      }).benefits;
      const text = mainText(res.body);
      assert.match(text, /東京都渋谷区の「ひとり親になった」のサービス/);
      for (const id of ['child-allowance', 'child-rearing-allowance', 'tokyo-child-upbringing-allowance']) {
        const b = expected.find((e) => e.id === id)!;
        assert.ok(b.eligible && b.monthlyAmount.max > 0, id);
        assert.ok(text.includes(`${b.name.ja} 月額 ${yen(b.monthlyAmount.min)}円`), `${id} amount shown`);
      }
      // The chart is inline SVG without style attributes (CSP), one bar per paid allowance.
      assert.equal((res.body.match(/<svg class="amount-bar"/g) ?? []).length, expected.filter((e) => e.monthlyAmount.max > 0).length);
      assert.ok(!/style=/.test(res.body));
      // Services of the event with reasons: Tokyo's allowance (prefectural) and the status report.
      assert.match(text, /児童育成手当（育成手当） 東京都（都道府県の制度）/);
      assert.match(text, /児童扶養手当の現況届（事前送信）/);
      assert.match(text, /児童扶養手当：入力された世帯では対象になる見込みです/);
      assert.match(text, /「ひとり親になった」に関係するサービスです。/);
      assert.ok(!text.includes('東京都世田谷区'), 'no other municipality');
      // The form comes back with what was typed.
      assert.match(res.body, new RegExp(`id="child-2-birth"[^>]*value="${baby}"`));

      const en = await t.app.inject({ method: 'POST', url: '/life-events/single-parent', headers: FORM, payload, cookies: { lang: 'en' } });
      assert.match(mainText(en.body), /Child-rearing allowance \(jidō fuyō teate\): likely to be paid to this household/);
      assert.match(mainText(en.body), /Estimated allowances a month/);
    });

    test('given no income in Yokohama, then Tokyo’s allowance is not paid and the others are shown as ranges', async () => {
      const payload = new URLSearchParams({ municipality: '141003', rows: '4', 'child-1-birth': yearsAgo(2), singleParent: 'yes' }).toString();
      const res = await t.app.inject({ method: 'POST', url: '/life-events/single-parent', headers: FORM, payload });
      assert.equal(res.statusCode, 200);
      const text = mainText(res.body);
      assert.match(text, /所得額が入力されていないため/);
      assert.match(text, /児童扶養手当 月額 0円〜/);
      assert.ok(!text.includes('児童育成手当（育成手当） 月額'), 'Tokyo only');
      assert.ok(!text.includes('東京都（都道府県の制度）'), 'no Tokyo service in Yokohama');
    });

    test('given wrong entries, then the form comes back with an error summary linked to each field', async () => {
      const payload = new URLSearchParams({ municipality: '', rows: '4', 'child-1-birth': '2024-02-30', income1: 'abc' }).toString();
      const res = await t.app.inject({ method: 'POST', url: '/life-events/birth', headers: FORM, payload });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /class="error-summary"/);
      for (const field of ['municipality', 'child-1-birth', 'income1']) {
        assert.match(res.body, new RegExp(`<a href="#${field}">`), field);
        assert.match(res.body, new RegExp(`id="${field}"[^>]*aria-invalid="true"`), field);
      }
      assert.match(res.body, /id="child-1-birth"[^>]*value="2024-02-30"/);
      assert.ok(!res.body.includes('class="amount-chart"'));
    });

    test('given an unknown life event, then 404', async () => {
      const res = await t.app.inject({ url: '/life-events/lottery', headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 404);
    });
  });

  test('the home page links to the search and to the life events', async () => {
    const res = await t.app.inject({ url: '/' });
    assert.match(res.body, /<a href="\/services">サービスを探す<\/a>/);
    assert.match(res.body, /href="\/life-events\/pregnancy">妊娠した</);
  });
});
