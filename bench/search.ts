// `npm run bench -- search [--size N] [--queries N]`: residents' service search on a national
// catalogue — 1,741 municipalities × 150 services (260,000 by default; --size N for fewer), plus
// prefectural and national ones — with Japanese text from templates of real childcare services
// (the open 制度 records in src/demo/data/civichat). Loaded with multi-row INSERTs, so the services
// table's trigger builds service_search as every normal write does. On PGlite, and on PostgreSQL
// when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a throwaway database), it runs 1,000 realistic
// queries (free words, readings, typos, with and without municipality, category, life event, open
// filters) through both engines — in the server (the use case, as a route calls it) and over HTTP —
// and MiniSearch with a Japanese bigram tokenizer on the same corpus, as the baseline.
// Goal (issue): p99 ≤ 10 ms in the server, ≤ 25 ms over HTTP.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import MiniSearch from 'minisearch';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { registerProblemHandlers } from '../src/platform/http/problems.ts';
import { ensureMunicipalityMaster } from '../src/modules/municipalities/index.ts';
import { readMasterData } from '../src/modules/municipalities/load-master.ts';
import { ensureNationalProcedures } from '../src/modules/catalogue/ensure-procedures.ts';
import { normalizeText } from '../src/modules/catalogue/search/normalize.ts';
import { bigramsOf } from '../src/modules/catalogue/search/segment.ts';
import { searchRoutes } from '../src/modules/catalogue/search/routes.ts';
import { memoryIndexOf, planSearch, searchServices, type SearchEngine, type ServiceSearchQuery } from '../src/modules/catalogue/search/search-services.ts';
import { ROOT, line } from './_support.ts';
import { seededRandom } from '../src/platform/testing/random.ts';

const GOAL_SERVER_MS = 10;
const GOAL_HTTP_MS = 25;
const PER_MUNICIPALITY = 150;

interface Template {
  title: string;
  summary: string;
  support: string;
  eligibility: string;
  howToApply: string;
}

function templates(): Template[] {
  const out: Template[] = [];
  for (const file of ['shibuya-parenting-systems.json', 'japan-systems.json']) {
    const data = JSON.parse(readFileSync(`${ROOT}src/demo/data/civichat/${file}`, 'utf8')) as { systemsData: Array<Record<string, string | null>> };
    for (const r of data.systemsData) {
      out.push({
        title: r['タイトル（制度名）'] ?? '',
        summary: r['概要'] ?? '',
        support: (r['支援内容'] ?? '').slice(0, 600),
        eligibility: r['対象者'] ?? '',
        howToApply: (r['利用•申請方法'] ?? '').slice(0, 400),
      });
    }
  }
  return out.filter((t) => t.title);
}

// Childcare services every municipality offers under its own names (seed 000 §2.1 A-6).
const LOCAL_TITLES = [
  '児童手当', '児童扶養手当', '特別児童扶養手当', '子ども医療費助成', 'ひとり親家庭等医療費助成', '保育所等の利用申込', '保育施設等の現況届', '支給認定の申請',
  '一時保育', '病児・病後児保育', '延長保育', '休日保育', '学童クラブ（放課後児童クラブ）', '就学援助', '入学準備金', '妊娠の届出と母子健康手帳の交付', '妊婦健康診査の助成',
  '出産育児一時金', '新生児訪問', '乳幼児健康診査', '定期予防接種', 'おたふくかぜ予防接種費用助成', 'ファミリー・サポート・センター', '子育て短期支援（ショートステイ）',
  '産後ケア事業', '養育支援訪問', '障害児通所支援', '障害児福祉手当', '発達相談', '家庭児童相談', '幼稚園等の預かり保育', '認定こども園の入園', '育児用品の支給',
  '多胎児家庭支援', '不妊治療費助成', '子育て世帯への臨時特別給付金', '転入された方の手続', '児童手当の現況届', '高等職業訓練促進給付金', '養育費確保支援',
];

const CATEGORY_RULES: Array<[RegExp, string]> = [
  [/児童手当|扶養手当|育成手当/, 'child-allowance'],
  [/保育|学童|幼稚園|こども園|入園/, 'childcare'],
  [/妊娠|妊婦|出産|母子|新生児|乳幼児|産後|不妊/, 'maternal-health'],
  [/ひとり親|母子家庭|父子|寡婦|養育費|高等職業/, 'single-parent'],
  [/医療費|療養/, 'medical-subsidy'],
  [/予防接種/, 'vaccination'],
  [/障害|発達/, 'disability'],
  [/就学|入学|学習|奨学/, 'education'],
  [/給付|助成|手当|支給|貸付/, 'benefits'],
  [/相談|支援|訪問|サポート/, 'consultation'],
];
const LIFE_RULES: Array<[RegExp, string]> = [
  [/妊娠|妊婦|不妊/, 'pregnancy'],
  [/出産|新生児|乳幼児|児童手当|医療費/, 'birth'],
  [/保育|幼稚園|こども園|入園/, 'nursery'],
  [/就学|入学|学童/, 'school'],
  [/転入/, 'moving-in'],
  [/ひとり親|母子家庭|父子|扶養手当|養育費/, 'single-parent'],
  [/障害|発達|病児|慢性/, 'illness-disability'],
];
const METHODS = ['signed_online', 'simple_online', 'print_and_post', 'counter'] as const;

function tagsOf(title: string, rules: Array<[RegExp, string]>): string[] {
  return [...new Set(rules.filter(([re]) => re.test(title)).map(([, id]) => id))];
}

interface Owner {
  municipality_code: string | null;
  prefecture_code: string | null;
  name: string;
}

function serviceRow(owner: Owner, title: string, t: Template, rnd: () => number, today: Date) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const methods = METHODS.filter(() => rnd() < 0.45);
  let start: string | null = null;
  let end: string | null = null;
  if (rnd() < 0.3) {
    const s = new Date(today.getTime() + (rnd() * 240 - 180) * 86_400_000);
    start = s.toISOString().slice(0, 10);
    end = new Date(s.getTime() + (30 + rnd() * 150) * 86_400_000).toISOString().slice(0, 10);
  }
  const year = 5 + Math.floor(rnd() * 4);
  return {
    municipality_code: owner.municipality_code,
    prefecture_code: owner.prefecture_code,
    status: rnd() < 0.95 ? 'published' : 'draft',
    mode: 'live',
    title,
    summary: `${owner.name}の${title}です。${t.summary}`,
    support: `令和${year}年度の内容です。${t.support}`,
    eligibility: `${owner.name}に住民登録のある方。${t.eligibility}`,
    how_to_apply: `${t.howToApply} ${owner.name}${pick(['子育て支援課', 'こども家庭課', '保育課', '子ども未来課', '健康推進課'])}の窓口またはマイナポータルからお申込みください。`,
    acceptance_start: start,
    acceptance_end: end,
    categories: tagsOf(title + t.summary, CATEGORY_RULES).slice(0, 3),
    life_events: tagsOf(title + t.summary, LIFE_RULES).slice(0, 3),
    apply_methods: methods.length > 0 ? [...methods] : ['counter'],
    tags: [],
    attachments: '[]',
    related_links: '[]',
    open_data: '{}',
    published_at: new Date(),
  };
}

type Row = ReturnType<typeof serviceRow>;

/** The national catalogue: 150 per municipality, 30 per prefecture, the national records. */
export function corpus(size: number): { rows: Row[]; municipalities: Array<{ code: string; name: string }> } {
  const rnd = seededRandom(20261121);
  const master = readMasterData();
  const municipalities = master.municipalities.filter((m) => m.kind !== 'ward');
  const all = templates();
  const today = new Date();
  const rows: Row[] = [];
  const perMunicipality = Math.max(1, Math.min(PER_MUNICIPALITY, Math.round(size / municipalities.length)));
  const used = size < municipalities.length * perMunicipality ? municipalities.slice(0, Math.ceil(size / perMunicipality)) : municipalities;
  for (const m of used) {
    for (let i = 0; i < perMunicipality && rows.length < size; i++) {
      const t = all[Math.floor(rnd() * all.length)]!;
      // Half carry the municipality's own scheme names, half the open-data titles; some prefixed.
      const base = i < LOCAL_TITLES.length ? LOCAL_TITLES[i]! : rnd() < 0.5 ? LOCAL_TITLES[Math.floor(rnd() * LOCAL_TITLES.length)]! : t.title;
      const title = rnd() < 0.3 ? `${m.name}${base}` : base;
      rows.push(serviceRow({ municipality_code: m.code, prefecture_code: m.prefecture_code, name: m.name }, title, t, rnd, today));
    }
  }
  for (const p of master.prefectures) {
    for (let i = 0; i < 30; i++) {
      const t = all[Math.floor(rnd() * all.length)]!;
      rows.push(serviceRow({ municipality_code: null, prefecture_code: p.code, name: p.name }, `${p.name}${t.title}`, t, rnd, today));
    }
  }
  for (const t of all.slice(-90)) rows.push(serviceRow({ municipality_code: null, prefecture_code: null, name: '国' }, t.title, t, rnd, today));
  return { rows, municipalities: used.map((m) => ({ code: m.code, name: m.name })) };
}

const WORDS = [
  '児童手当', 'ほいくえん', 'ひとり親 医療費', 'こども 予防接種', '保育園', '子ども医療費', 'てあて', '妊娠', '出産 助成', '一時保育', '病児保育', '学童',
  '就学援助', 'ファミリーサポート', '障害児', '発達 相談', '母子手帳', '幼稚園', '手当', '養育費', '保育料', '入学準備', '転入', 'ショートステイ', '産後ケア',
  'じどうてあて', 'こどもいりょうひ', 'ホイクショ', 'にんしん 届出', '児童扶養手当', '予防接種', '医療費助成', '子育て 相談', 'ベビーシッター', '延長保育',
  '児童手宛', 'ほいくえｎ', 'しょうがい', '育児用品', '休日保育', '多胎児', '不妊治療', '給付金', '現況届', 'マイナポータル 申請',
];
const CATEGORIES = ['child-allowance', 'childcare', 'maternal-health', 'single-parent', 'medical-subsidy', 'vaccination', 'disability', 'education', 'benefits', 'consultation'];
const LIFE = ['pregnancy', 'birth', 'nursery', 'school', 'moving-in', 'single-parent', 'illness-disability'];

export function queries(count: number, municipalities: Array<{ code: string; name: string }>, names: Set<string>): ServiceSearchQuery[] {
  const rnd = seededRandom(1741);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const out: ServiceSearchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const q: ServiceSearchQuery = { limit: 20 };
    if (rnd() < 0.9) q.q = pick(WORDS);
    if (rnd() < 0.6) {
      const m = pick(municipalities);
      q.municipality = rnd() < 0.15 && names.has(m.name) ? m.name : m.code;
    }
    if (rnd() < 0.25 || !q.q) q.category = pick(CATEGORIES);
    if (rnd() < 0.15) q.lifeEvent = pick(LIFE);
    if (rnd() < 0.15) q.open = true;
    if (rnd() < 0.05) q.applyMethod = 'signed_online';
    if (rnd() < 0.1) q.offset = 20;
    out.push(q);
  }
  return out;
}

/** Full garbage collection, when the runtime allows it (exposed on demand through V8 flags). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Timing {
  p50: number;
  p99: number;
  meanTotal: number;
}

async function time(items: readonly ServiceSearchQuery[], run: (q: ServiceSearchQuery) => Promise<number>): Promise<Timing> {
  for (const q of items.slice(0, 50)) await run(q); // warm-up (JIT, caches)
  const samples: number[] = [];
  let totals = 0;
  for (const q of items) {
    const t0 = performance.now();
    totals += await run(q);
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), meanTotal: totals / items.length };
}

const ms = (x: number) => `${x.toFixed(2)} ms`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ratio = (x: number, goal: number) => `${(x / goal).toFixed(2)}× goal`;

export async function load(db: Db, rows: Row[]): Promise<number> {
  await migrateToLatest(db.kysely);
  await ensureMunicipalityMaster(db.kysely);
  await ensureNationalProcedures(db.kysely);
  const t0 = performance.now();
  const BATCH = 500;
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.kysely.insertInto('services').values(rows.slice(i, i + BATCH) as never).execute();
  }
  await sql`ANALYZE services`.execute(db.kysely);
  await sql`ANALYZE service_search`.execute(db.kysely);
  return performance.now() - t0;
}

async function httpServer(db: Db, engine: SearchEngine) {
  const app = Fastify({ ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } } }).withTypeProvider<TypeBoxTypeProvider>();
  registerProblemHandlers(app);
  await app.register(searchRoutes, { db, engine });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, address };
}

function toUrl(base: string, q: ServiceSearchQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
  return `${base}/api/v1/services?${params}`;
}

async function measureDatabase(label: string, db: Db, rows: Row[], qs: ServiceSearchQuery[]): Promise<void> {
  process.stdout.write(`\n— ${label} —\n`);
  const loadMs = await load(db, rows);
  line(`${label}: load ${rows.length} services (trigger indexes)`, `${(loadMs / 1000).toFixed(1)} s`);
  const size = await sql<{ table: number; idx: number }>`
    SELECT pg_table_size('service_search')::bigint AS table, pg_indexes_size('service_search')::bigint AS idx`.execute(db.kysely);
  line(`${label}: service_search table + indexes`, `${mib(Number(size.rows[0]!.table))} + ${mib(Number(size.rows[0]!.idx))}`);

  const heapBefore = process.memoryUsage();
  const t0 = performance.now();
  const index = await memoryIndexOf(db, 60_000);
  const buildMs = performance.now() - t0;
  const heapAfter = process.memoryUsage();
  // A serving node has long collected the build's temporary arrays before its steady state; here
  // the timing starts right after the build, so collect them now instead of inside the samples.
  collectGarbage();
  line(`${label}: memory index build (load + index)`, `${(buildMs / 1000).toFixed(2)} s`);
  line(`${label}: memory index size (postings, estimate)`, mib(index.bytes), `heap+buffers Δ ${mib(heapAfter.heapUsed + heapAfter.arrayBuffers - heapBefore.heapUsed - heapBefore.arrayBuffers)}`);

  for (const engine of ['memory', 'postgres'] as const) {
    const deps = { db, engine, maxStalenessMs: 60_000 };
    const server = await time(qs, async (q) => (await searchServices(deps, q)).total);
    line(`${label} ${engine}: in server p50 / p99`, `${ms(server.p50)} / ${ms(server.p99)}`, ratio(server.p99, GOAL_SERVER_MS));
    const { app, address } = await httpServer(db, engine);
    // The route's own engine instance shares the index of this db (one per database).
    const http = await time(qs, async (q) => {
      const res = await fetch(toUrl(address, q));
      const body = (await res.json()) as { total: number };
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body)}`);
      return body.total;
    });
    line(`${label} ${engine}: over HTTP p50 / p99`, `${ms(http.p50)} / ${ms(http.p99)}`, ratio(http.p99, GOAL_HTTP_MS));
    line(`${label} ${engine}: mean total hits per query`, http.meanTotal.toFixed(0));
    await app.close();
  }
}

/** MiniSearch with the same normalisation and bigrams, filters as a callback: the baseline. */
async function measureMiniSearch(rows: Row[], qs: ServiceSearchQuery[], municipalities: Array<{ code: string; name: string }>): Promise<number> {
  process.stdout.write('\n— MiniSearch (bigram tokenizer, same corpus) —\n');
  const docs = rows
    .map((r, id) => ({ ...r, id }))
    .filter((r) => r.status === 'published')
    .map((r) => ({ id: r.id, title: normalizeText(r.title), body: normalizeText([r.summary, r.support, r.eligibility, r.how_to_apply].join(' ')), r }));
  const before = process.memoryUsage();
  const t0 = performance.now();
  const mini = new MiniSearch<{ id: number; title: string; body: string }>({
    fields: ['title', 'body'],
    tokenize: (text) => (text.length === 1 ? [text] : bigramsOf(text)),
    processTerm: (term) => term,
    searchOptions: { boost: { title: 3 }, combineWith: 'AND', tokenize: (text) => text.split(' ').flatMap((w) => bigramsOf(normalizeText(w))) },
  });
  mini.addAll(docs.map(({ id, title, body }) => ({ id, title, body })));
  const buildMs = performance.now() - t0;
  const after = process.memoryUsage();
  line('MiniSearch: index build', `${(buildMs / 1000).toFixed(2)} s`);
  line('MiniSearch: heap Δ', mib(after.heapUsed - before.heapUsed));
  const byId = new Map(docs.map((d) => [d.id, d.r]));
  const names = new Map(municipalities.map((m) => [m.name, m.code]));
  const today = new Date().toISOString().slice(0, 10);
  const samples: number[] = [];
  for (const [i, q] of qs.entries()) {
    const t = performance.now();
    const code = q.municipality ? (names.get(q.municipality) ?? q.municipality) : null;
    const filter = (hit: { id: number }) => {
      const r = byId.get(hit.id)!;
      if (code && r.municipality_code !== code && !(r.municipality_code === null && (r.prefecture_code === null || r.prefecture_code === code.slice(0, 2)))) return false;
      if (q.category && !r.categories.includes(q.category)) return false;
      if (q.lifeEvent && !r.life_events.includes(q.lifeEvent)) return false;
      if (q.applyMethod && !r.apply_methods.includes(q.applyMethod)) return false;
      if (q.open && ((r.acceptance_start && r.acceptance_start > today) || (r.acceptance_end && r.acceptance_end < today))) return false;
      return true;
    };
    const results = q.q ? mini.search(q.q, { filter }) : docs.filter((d) => filter({ id: d.id }));
    results.slice(q.offset ?? 0, (q.offset ?? 0) + 20);
    if (i >= 0) samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  line('MiniSearch: in process p50 / p99', `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 99))}`);
  return percentile(samples, 99);
}

export default async function main(args: string[]): Promise<void> {
  // MiniSearch's heap for the full corpus (about 2.4 GiB) and the corpus itself pass Node's default
  // limit on many machines: run again in a child with room, once.
  if (v8.getHeapStatistics().heap_size_limit < 8 * 1024 ** 3 && !process.env.ONESTOP_BENCH_SEARCH_CHILD) {
    const child = spawn(process.execPath, ['--max-old-space-size=12000', 'bin/tsx-run.js', 'bench/run.ts', 'search', ...args], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ONESTOP_BENCH_SEARCH_CHILD: '1' },
    });
    process.exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    return;
  }
  const arg = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const size = arg('--size', 1741 * PER_MUNICIPALITY);
  const count = arg('--queries', 1000);
  const t0 = performance.now();
  // The corpus is regenerated (deterministically) for each consumer rather than kept, so the
  // process measured holds no more than a server would.
  const { rows: first, municipalities } = corpus(size);
  const serviceCount = first.length;
  // A name is given only when it names one municipality in the whole master (wards included),
  // as a resident's search would need; the others are given by code.
  const names = new Map<string, number>();
  for (const m of readMasterData().municipalities) names.set(m.name, (names.get(m.name) ?? 0) + 1);
  const unique = new Set([...names].filter(([, n]) => n === 1).map(([name]) => name));
  const qs = queries(count, municipalities, unique);
  line('corpus: services (municipal + prefectural + national)', String(serviceCount), `${municipalities.length} municipalities, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  line('queries', String(qs.length), `${qs.filter((q) => q.municipality).length} with a municipality`);

  const pglite = await openDatabase({ kind: 'pglite', dataDir: null });
  try {
    // Check every query plans (a municipality name must resolve) before timing anything.
    await migrateToLatest(pglite.kysely);
    await ensureMunicipalityMaster(pglite.kysely);
    for (const q of qs) await planSearch({ db: pglite }, q);
    await measureDatabase('PGlite', pglite, corpus(size).rows, qs);
  } finally {
    await pglite.close();
  }

  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `onestop_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const db = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 4 });
    try {
      await measureDatabase('PostgreSQL', db, corpus(size).rows, qs);
    } finally {
      await db.close();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  } else {
    process.stdout.write('\nPostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL\n');
  }
  // Last: its multi-gigabyte heap would otherwise sit in the process while our engines are timed.
  const miniP99 = await measureMiniSearch(corpus(size).rows, qs, municipalities);
  line('\nMiniSearch p99 (baseline)', ms(miniP99), `goal ${GOAL_SERVER_MS} ms in server, ${GOAL_HTTP_MS} ms over HTTP`);
}
