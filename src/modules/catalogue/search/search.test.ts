import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { ensureMunicipalityMaster } from '../../municipalities/index.ts';
import { describeOnDatabases } from '../../../platform/testing/database.ts';
import { ensureNationalProcedures } from '../ensure-procedures.ts';
import { createService, setServiceStatus, updateService, type Writer } from '../maintenance/save-service.ts';
import { normalizeText } from './normalize.ts';
import { bigramsInDatabase, normalizeInDatabase } from './repository.ts';
import { searchServices, type SearchEngine, type ServiceSearchQuery } from './search-services.ts';
import { bigramsOf, unigramsOf } from './segment.ts';

const shibuya: Writer = { kind: 'municipality', municipalityCode: '131130', label: 'shibuya.editor' };
const yokohama: Writer = { kind: 'municipality', municipalityCode: '141003', label: 'yokohama.editor' };
const nation: Writer = { kind: 'national', label: 'national.admin' };
const TODAY = '2026-05-01';

/** Every string field of the open-data records we learn vocabulary from. */
function civichatTexts(): string[] {
  const out: string[] = [];
  for (const file of ['japan-systems.json', 'shibuya-parenting-systems.json']) {
    const data = JSON.parse(readFileSync(new URL(`../../../demo/data/civichat/${file}`, import.meta.url), 'utf8')) as { systemsData: Array<Record<string, unknown>> };
    for (const r of data.systemsData) for (const v of Object.values(r)) if (typeof v === 'string') out.push(v);
  }
  return out;
}

const EDGE_CASES = [
  'トーキョー', 'サーービス', 'ｶﾞｲﾄﾞﾌﾞｯｸ', 'ＡＢＣ１２３', '人々', '々頭', '人々々', 'いすゞ', 'かゞゞ', 'こゝろ', 'ゝ',
  '子ども・子供・こども・コドモ', '保育所／保育園', 'てあて', '障がい 障碍', 'ほいくえん', 'よぼうせっしゅ', '申し込み 申込み',
  '〆切〇〇', '※①②', 'ー', 'ーあ', 'ンー', 'ッー', 'ヴー', '𠮷野家', 'か\u3099', 'Ⅻ', '㈱', '〜～', "O'Reilly <b>&amp;</b>",
];

describeOnDatabases('service search', (ctx) => {
  const ids: Record<string, string> = {};

  async function add(key: string, writer: Writer, input: Record<string, unknown>, opts: { owner?: Parameters<typeof createService>[2]['owner']; mode?: 'test' | 'live'; status?: 'draft' | 'published' } = {}) {
    const row = await createService(ctx, writer, { input, status: opts.status ?? 'published', ...(opts.owner ? { owner: opts.owner } : {}), ...(opts.mode ? { mode: opts.mode } : {}) });
    ids[key] = row.id;
    return row;
  }

  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
    await add('allowance', nation, { title: '児童手当', summary: '中学生までの子どもを養育している方に手当を支給します。', categories: ['child-allowance'], lifeEvents: ['birth'], applyMethods: ['signed_online'] });
    await add('medical', shibuya, { title: '子ども医療費助成', summary: '18歳年度末までのお子さんの医療費の自己負担分を助成します。', categories: ['medical-subsidy'], lifeEvents: ['birth', 'moving-in'], applyMethods: ['counter'] });
    await add('nursery', shibuya, { title: '保育所等の利用申込', summary: '認可保育所・認定こども園の入園の申込みです。', categories: ['childcare'], lifeEvents: ['nursery'], applyMethods: ['signed_online', 'counter'], acceptanceStart: '2026-04-01', acceptanceEnd: '2026-06-30' });
    await add('body-only', shibuya, { title: 'ファミリー・サポート', summary: '育児の援助を受けたい方と行いたい方をつなぎます。児童手当とは別の制度です。', categories: ['consultation'], applyMethods: ['counter'] });
    await add('escaped', shibuya, { title: '一時保育', support: '利用料は<b>1日2,000円</b> & 給食費は別です。一時保育の予約は前日まで。', categories: ['childcare'], applyMethods: ['counter'], acceptanceStart: '2025-04-01', acceptanceEnd: '2026-03-31' });
    await add('tokyo', nation, { title: '東京都児童育成手当', summary: 'ひとり親家庭の児童に育成手当を支給します。', categories: ['single-parent'], lifeEvents: ['single-parent'], applyMethods: ['counter'] }, { owner: { kind: 'prefecture', prefectureCode: '13' } });
    await add('kanagawa', nation, { title: '神奈川県ひとり親家庭医療費助成', summary: 'ひとり親家庭の医療費を助成します。', categories: ['single-parent', 'medical-subsidy'], applyMethods: ['counter'] }, { owner: { kind: 'prefecture', prefectureCode: '14' } });
    await add('yokohama', yokohama, { title: '横浜市ひとり親家庭等医療費助成', summary: 'ひとり親家庭の医療費を助成します。', categories: ['single-parent', 'medical-subsidy'], applyMethods: ['counter'] });
    await add('vaccination', shibuya, { title: '予防接種（定期接種）', summary: 'こどもの定期予防接種のご案内です。', categories: ['vaccination'], lifeEvents: ['birth'], applyMethods: ['counter'] });
    await add('upcoming', shibuya, { title: '入学準備金', summary: '新入学の準備金を支給します。', categories: ['education'], lifeEvents: ['school'], applyMethods: ['print_and_post'], acceptanceStart: '2026-09-01' });
    // never shown to residents
    await add('draft', shibuya, { title: '児童手当 下書き', summary: '下書き' }, { status: 'draft' });
    await add('test-mode', shibuya, { title: '児童手当 テスト', summary: 'テスト' }, { mode: 'test' });
    await add('unpublished', shibuya, { title: '児童手当 公開終了', summary: '公開終了' });
    await setServiceStatus(ctx, shibuya, { id: ids.unpublished!, status: 'unpublished' });
  });

  test('the database normalises exactly as normalize.ts does, on real service text and edge cases', async () => {
    const texts = [...civichatTexts(), ...EDGE_CASES];
    const sql = await normalizeInDatabase(ctx.db.kysely, texts);
    const differing = texts.map((t, i) => [t, normalizeText(t), sql[i]]).filter(([, js, db]) => js !== db);
    assert.deepEqual(differing, []);
    for (const t of ['児童手当の認定請求', '𠮷野家のこども', 'あ']) {
      const n = normalizeText(t);
      const { title, all } = await bigramsInDatabase(ctx.db.kysely, n);
      assert.deepEqual(new Set(all), new Set(bigramsOf(n)));
      assert.deepEqual(new Set(title), new Set([...unigramsOf(n), ...bigramsOf(n)]));
    }
  });

  for (const engine of ['memory', 'postgres'] as const satisfies SearchEngine[]) {
    const search = (query: ServiceSearchQuery) => searchServices({ db: ctx.db, engine, maxStalenessMs: 0, today: TODAY }, query);
    const titles = async (query: ServiceSearchQuery) => (await search(query)).items.map((i) => i.title);

    test(`[${engine}] variants of one word find the same service: こども, 子供, コドモ, ｺﾄﾞﾓ`, async () => {
      for (const q of ['こども 医療費', '子供の医療費', 'コドモ', 'ｺﾄﾞﾓ　いりょうひ']) assert.ok((await titles({ q })).includes('子ども医療費助成'), q);
      assert.ok((await titles({ q: '保育園' })).includes('保育所等の利用申込'));
      assert.ok((await titles({ q: 'じどうてあて' })).includes('児童手当'));
    });

    test(`[${engine}] partial words and readings match: 手当 in 児童手当, ほいく finds 保育`, async () => {
      assert.ok((await titles({ q: '手当' })).includes('東京都児童育成手当'));
      const hoiku = await titles({ q: 'ほいく' });
      assert.ok(hoiku.includes('保育所等の利用申込') && hoiku.includes('一時保育'), hoiku.join());
      assert.deepEqual(await titles({ q: '学' }), ['入学準備金'], 'one character: titles only');
    });

    test(`[${engine}] a title match ranks above a body match`, async () => {
      const r = await search({ q: '児童手当', municipality: '131130' });
      assert.deepEqual(r.items.map((i) => i.title).slice(0, 2), ['児童手当', 'ファミリー・サポート']);
      assert.ok(r.items[0]!.score > r.items[1]!.score);
    });

    test(`[${engine}] snippets are escaped HTML with the matches in <mark>`, async () => {
      const r = await search({ q: '給食' });
      assert.equal(r.items[0]!.title, '一時保育');
      assert.match(r.items[0]!.snippet, /&lt;b&gt;1日2,000円&lt;\/b&gt; &amp; <mark>給食<\/mark>費/);
      assert.ok(!r.items[0]!.snippet.includes('<b>'));
      const kodomo = await search({ q: 'こども', municipality: '131130' });
      assert.ok(kodomo.items.some((i) => i.snippet.includes('<mark>子ども</mark>')), '子ども marked for こども');
    });

    test(`[${engine}] a small typo still finds the service, only when nothing matches exactly`, async () => {
      const r = await search({ q: '児童手宛' });
      assert.equal(r.approximate, true);
      assert.ok(r.items.map((i) => i.title).includes('児童手当'));
      const exact = await search({ q: '予防接種' });
      assert.equal(exact.approximate, false);
      assert.deepEqual(exact.items.map((i) => i.title), ['予防接種（定期接種）']);
      assert.equal((await search({ q: '宇宙旅行' })).total, 0, 'unrelated words find nothing');
    });

    test(`[${engine}] a municipality sees its own, its prefecture's and national services, not another prefecture's`, async () => {
      for (const municipality of ['131130', '渋谷区', '東京都渋谷区', 'しぶやく']) {
        const got = await titles({ q: 'ひとり親', municipality });
        assert.deepEqual(got, ['東京都児童育成手当'], municipality);
      }
      const all = await titles({ municipality: '131130', limit: 100 });
      assert.ok(all.includes('児童手当') && all.includes('子ども医療費助成') && !all.includes('横浜市ひとり親家庭等医療費助成'));
      const yoko = await titles({ q: 'ひとり親 医療費', municipality: '141003' });
      assert.deepEqual(new Set(yoko), new Set(['横浜市ひとり親家庭等医療費助成', '神奈川県ひとり親家庭医療費助成']));
      // A ward of Yokohama sees the city's services.
      assert.ok((await titles({ q: 'ひとり親', municipality: '141011' })).includes('横浜市ひとり親家庭等医療費助成'));
    });

    test(`[${engine}] category, life event, way to apply and accepting now filter`, async () => {
      assert.deepEqual(await titles({ category: 'vaccination' }), ['予防接種（定期接種）']);
      assert.deepEqual(new Set(await titles({ lifeEvent: 'birth', municipality: '131130' })), new Set(['児童手当', '子ども医療費助成', '予防接種（定期接種）']));
      assert.deepEqual(await titles({ applyMethod: 'print_and_post' }), ['入学準備金']);
      const open = await titles({ q: '保育', open: true });
      assert.ok(open.includes('保育所等の利用申込'), 'within its period');
      assert.ok(!open.includes('一時保育'), 'period ended');
      assert.ok(!(await titles({ open: true, limit: 100 })).includes('入学準備金'), 'not started');
    });

    test(`[${engine}] drafts, unpublished and test-mode services are never found; totals and paging agree`, async () => {
      const r = await search({ q: '児童手当', limit: 100 });
      for (const t of ['児童手当 下書き', '児童手当 テスト', '児童手当 公開終了']) assert.ok(!r.items.some((i) => i.title === t), t);
      const page = await search({ q: '児童手当', limit: 1, offset: 1 });
      assert.equal(page.total, r.total);
      assert.deepEqual(page.items.map((i) => i.id), [r.items[1]!.id]);
      assert.equal((await search({ q: '児童手当', offset: 50 })).total, r.total);
    });
  }

  test('both engines see a change at once (memory polls the change horizon) and rank alike', async () => {
    const s = (engine: SearchEngine, q: string) => searchServices({ db: ctx.db, engine, maxStalenessMs: 0, today: TODAY }, { q, limit: 100 });
    const row = await add('late', shibuya, { title: '病児保育', summary: '病気のこどもを預かります。', categories: ['childcare'] });
    for (const engine of ['memory', 'postgres'] as const) assert.ok((await s(engine, '病児')).items.some((i) => i.id === row.id), engine);
    await updateService(ctx, shibuya, { id: row.id, input: { title: '病後児保育', summary: '回復期のこどもを預かります。' } });
    for (const engine of ['memory', 'postgres'] as const) assert.deepEqual((await s(engine, '病後児')).items.map((i) => i.title), ['病後児保育'], engine);
    await setServiceStatus(ctx, shibuya, { id: row.id, status: 'unpublished' });
    for (const engine of ['memory', 'postgres'] as const) assert.equal((await s(engine, '病後児')).total, 0, engine);
    for (const q of ['保育', 'こども', '手当', 'ひとり親 医療費', '児童手宛']) {
      const [m, p] = await Promise.all([s('memory', q), s('postgres', q)]);
      assert.deepEqual(m.items.map((i) => [i.id, i.score]), p.items.map((i) => [i.id, i.score]), q);
      assert.equal(m.total, p.total, q);
    }
  });

  test('a result shows the latest text of a service already shown (the change feed drops its kept row)', async () => {
    const s = () => searchServices({ db: ctx.db, engine: 'memory', maxStalenessMs: 0, today: TODAY }, { q: '子育て講座', limit: 5 });
    const row = await add('course', shibuya, { title: '子育て講座', summary: '初めての子育てを学ぶ講座です。', categories: ['consultation'] });
    assert.equal((await s()).items[0]!.summary, '初めての子育てを学ぶ講座です。');
    assert.equal((await s()).items[0]!.summary, '初めての子育てを学ぶ講座です。'); // now kept in memory
    await updateService(ctx, shibuya, { id: row.id, input: { title: '子育て講座', summary: '定員を20名に増やしました。', categories: ['consultation', 'childcare'] } });
    const [item] = (await s()).items;
    assert.equal(item!.summary, '定員を20名に増やしました。');
    assert.deepEqual(item!.categories, ['consultation', 'childcare']);
  });

  test('bad filters are 400 problems naming the field', async () => {
    const s = (query: ServiceSearchQuery) => searchServices({ db: ctx.db }, query);
    await assert.rejects(s({ municipality: '131131' }), (e: { code: string; fields: Array<{ field: string; rule: string }> }) => e.code === 'catalogue.invalid_search' && e.fields[0]!.field === 'municipality' && e.fields[0]!.rule === 'format');
    await assert.rejects(s({ municipality: '存在しない市' }), (e: { fields: Array<{ field: string; rule: string }> }) => e.fields[0]!.rule === 'exists');
    await assert.rejects(s({ municipality: '府中市' }), (e: { fields: Array<{ field: string; rule: string }> }) => e.fields[0]!.rule === 'ambiguous');
    await assert.rejects(s({ category: 'nope' }), (e: { fields: Array<{ field: string }> }) => e.fields[0]!.field === 'category');
  });
});
