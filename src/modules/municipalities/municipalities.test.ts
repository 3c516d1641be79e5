import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { computeCheckDigit, isValidLocalGovernmentCode } from './check-digit.ts';
import { readMasterData } from './load-master.ts';

test('the master from the package is complete and every code checks out', () => {
  const data = readMasterData();
  assert.equal(data.prefectures.length, 47);
  const byKind = (k: string) => data.municipalities.filter((m) => m.kind === k).length;
  // 1,741 municipalities, plus the six villages of the Northern Territories, which have codes
  // (016951–017001) but no administration of their own.
  assert.equal(data.municipalities.filter((m) => m.kind !== 'ward').length, 1741 + 6);
  assert.equal(byKind('designated_city'), 20);
  assert.equal(byKind('special_ward'), 23);
  assert.ok(data.municipalities.every((m) => isValidLocalGovernmentCode(m.code)));
  assert.ok(data.prefectures.every((p) => isValidLocalGovernmentCode(p.lg_code)));
  assert.ok(data.municipalities.filter((m) => m.kind === 'ward').every((w) => w.parent_code !== null));
});

describeOnDatabases('municipality master API', (ctx) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(ctx.db);
  });
  after(() => t.close());

  test('lists the 47 prefectures in code order', async () => {
    const { items } = (await t.app.inject('/api/v1/prefectures')).json();
    assert.equal(items.length, 47);
    assert.deepEqual(items[12], { code: '13', lgCode: '130001', name: '東京都', kana: 'とうきょうと', nameEn: 'Tokyo' });
  });

  test('finds a municipality by name, hiragana or katakana reading, and code prefix', async () => {
    for (const q of ['渋谷', 'しぶや', 'シブヤ', '13113']) {
      const res = (await t.app.inject({ url: '/api/v1/municipalities', query: { q } })).json();
      assert.ok(res.items.some((m: { code: string }) => m.code === '131130'), `q=${q}`);
    }
  });

  test('filters by prefecture, leaves wards out on request, and pages', async () => {
    const all = (await t.app.inject('/api/v1/municipalities?prefecture=14&limit=200')).json();
    const noWards = (await t.app.inject('/api/v1/municipalities?prefecture=14&wards=false&limit=200')).json();
    assert.equal(noWards.total, 33); // 神奈川県: 19 cities, 13 towns, 1 village
    assert.ok(all.total > noWards.total);
    const page2 = (await t.app.inject('/api/v1/municipalities?prefecture=14&limit=10&offset=10')).json();
    assert.equal(page2.items[0].code, all.items[10].code);
  });

  test('a designated city lists its wards; a ward points back to its city', async () => {
    const yokohama = (await t.app.inject('/api/v1/municipalities/141003')).json();
    assert.equal(yokohama.kind, 'designated_city');
    assert.equal(yokohama.wards.length, 18);
    const tsurumi = (await t.app.inject('/api/v1/municipalities/141011')).json();
    assert.equal(tsurumi.parentCode, '141003');
  });

  test('a wrong check digit is a 400 naming the rule; an unknown valid code is a 404', async () => {
    const bad = await t.app.inject('/api/v1/municipalities/131131');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().code, 'municipalities.invalid_code');
    assert.equal(bad.json().errors[0].rule, 'checkDigit');
    const unknown = `99999${computeCheckDigit('99999')}`;
    const missing = await t.app.inject(`/api/v1/municipalities/${unknown}`);
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().code, 'municipalities.not_found');
    assert.equal((await t.app.inject('/api/v1/municipalities/12345')).statusCode, 400);
  });

  test('LIKE wildcards in a query are taken literally', async () => {
    const res = (await t.app.inject({ url: '/api/v1/municipalities', query: { q: '%' } })).json();
    assert.equal(res.total, 0);
  });

  test('the search page shows results and keeps the query; the detail page lists wards', async () => {
    const page = await t.app.inject('/municipalities?q=%E6%A8%AA%E6%B5%9C');
    assert.match(page.body, /value="横浜"/);
    assert.match(page.body, /href="\/municipalities\/141003"/);
    const detail = await t.app.inject('/municipalities/141003');
    assert.match(detail.body, /鶴見区（141011）/);
    const bad = await t.app.inject({ url: '/municipalities/131131', headers: { accept: 'text/html' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /検査数字/);
  });
});
