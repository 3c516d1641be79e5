// searchServices: residents' free-word and filter search over published live services (PRODUCT.md
// §3.2), behind one interface for two engines (ADR 0012):
//   'memory'   — the in-process index (memory-index.ts), the product default;
//   'postgres' — the same query in SQL over service_search (repository.ts).
// Both read what the write path's trigger put in service_search, so they return the same results.
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { isValidLocalGovernmentCode } from '../../municipalities/index.ts';
import { APPLY_METHOD_IDS, CATEGORY_IDS, LIFE_EVENT_IDS } from '../taxonomy.ts';
import { MemoryIndex } from './memory-index.ts';
import { canTolerateTypos, planWords, type SearchPlan } from './plan.ts';
import { currentChangeHorizon, searchInPostgres, selectMunicipalityMaster, selectIndexRows, selectServicesForList } from './repository.ts';
import { buildSnippet } from './snippet.ts';

export type SearchEngine = 'memory' | 'postgres';

/** The product default, chosen on the benchmark (ADR 0012). */
export const DEFAULT_SEARCH_ENGINE: SearchEngine = 'memory';
/** How old the in-process index may be before a search first applies the latest changes. */
export const DEFAULT_MAX_STALENESS_MS = 1000;
/** Past this many changed documents the in-process index is rebuilt rather than overlaid. */
const REBUILD_AFTER_CHANGES = 5000;
export const MAX_LIMIT = 100;

export interface SearchDeps {
  db: Db;
  engine?: SearchEngine;
  maxStalenessMs?: number;
  /** Today in Japan (YYYY-MM-DD) for "accepting now"; tests fix it. */
  today?: string;
}

export interface ServiceSearchQuery {
  q?: string;
  /** A 6-digit municipality code, or a name from the master (渋谷区, 東京都府中市, しぶやく). */
  municipality?: string;
  category?: string;
  lifeEvent?: string;
  applyMethod?: string;
  /** Only services accepting applications today. */
  open?: boolean;
  limit?: number;
  offset?: number;
}

export interface ServiceSearchItem {
  id: string;
  title: string;
  summary: string;
  municipality: { code: string; name: string } | null;
  categories: string[];
  lifeEvents: string[];
  applyMethods: string[];
  url: string;
  /** HTML: escaped text with the matches in <mark>. */
  snippet: string;
  score: number;
}

export interface ServiceSearchResult {
  total: number;
  /** True when nothing matched exactly and these are near matches (typo tolerance). */
  approximate: boolean;
  items: ServiceSearchItem[];
}

/** One formatter for the process: building one costs more than the search it serves. */
const JAPAN_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' });

export function todayInJapan(now = new Date()): string {
  return JAPAN_DATE.format(now);
}

function invalidFilter(field: string, en: string, ja: string, rule = 'enum'): AppError {
  return new AppError('catalogue.invalid_search', 'bad_request', en, { ja, fields: [{ field, rule, message: { en, ja } }] });
}

type MasterRow = Awaited<ReturnType<typeof selectMunicipalityMaster>>[number];
/** The master indexed by every name a resident may type: code, name, kana, prefecture + name. */
interface Master {
  byKey: Map<string, MasterRow[]>;
  nameOf: Map<string, string>;
  at: number;
}
const masters = new WeakMap<Db, Master>();
/** The master changes a few times a year (ADR 0006); reading it on every search would cost a
 *  round trip, so it is cached for ten minutes. */
const MASTER_TTL_MS = 10 * 60 * 1000;

async function municipalityMaster(db: Db): Promise<Master> {
  const cached = masters.get(db);
  if (cached && Date.now() - cached.at < MASTER_TTL_MS) return cached;
  const rows = await selectMunicipalityMaster(db.kysely);
  const byKey = new Map<string, MasterRow[]>();
  for (const m of rows) {
    for (const key of new Set([m.code, m.name, m.kana, m.prefecture_name + m.name])) {
      const list = byKey.get(key);
      if (list) list.push(m);
      else byKey.set(key, [m]);
    }
  }
  const master = { byKey, nameOf: new Map(rows.map((m) => [m.code, m.name])), at: Date.now() };
  masters.set(db, master);
  return master;
}

/** The municipality filter: its own code, its designated city's for a ward, and its prefecture. */
export async function resolveMunicipality(db: Db, value: string): Promise<{ code: string; name: string; codes: string[]; prefectureCode: string }> {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed) && !isValidLocalGovernmentCode(trimmed)) {
    throw invalidFilter('municipality', 'Not a valid municipality code (six digits with a check digit).', '地方公共団体コード（6桁・検査数字付き）が正しくありません。', 'format');
  }
  const found = (await municipalityMaster(db)).byKey.get(trimmed) ?? [];
  if (found.length === 0) throw invalidFilter('municipality', `There is no municipality "${trimmed}".`, `「${trimmed}」という市区町村はありません。`, 'exists');
  if (found.length > 1) {
    throw invalidFilter('municipality', `"${trimmed}" names several municipalities: give the code or the prefecture too.`, `「${trimmed}」は複数あります。コードか都道府県名を付けて指定してください。`, 'ambiguous');
  }
  const m = found[0]!;
  return { code: m.code, name: m.name, codes: m.parent_code ? [m.code, m.parent_code] : [m.code], prefectureCode: m.prefecture_code };
}

/** Checks and resolves a query into the plan both engines run. */
export async function planSearch(deps: SearchDeps, query: ServiceSearchQuery): Promise<SearchPlan> {
  const check = (field: string, value: string | undefined, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value)) throw invalidFilter(field, `Unknown ${field} "${value}".`, `${field} の値「${value}」はありません。`);
  };
  check('category', query.category, CATEGORY_IDS);
  check('lifeEvent', query.lifeEvent, LIFE_EVENT_IDS);
  check('applyMethod', query.applyMethod, APPLY_METHOD_IDS);
  const limit = query.limit ?? 20;
  const offset = query.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) throw invalidFilter('limit', `limit must be 0–${MAX_LIMIT}.`, `limit は0〜${MAX_LIMIT}です。`, 'range');
  if (!Number.isInteger(offset) || offset < 0 || offset > 10_000) throw invalidFilter('offset', 'offset must be 0–10000.', 'offset は0〜10000です。', 'range');
  const m = query.municipality ? await resolveMunicipality(deps.db, query.municipality) : null;
  return {
    words: planWords(query.q),
    owners: m ? { municipalityCodes: m.codes, prefectureCode: m.prefectureCode } : null,
    ...(query.category ? { category: query.category } : {}),
    ...(query.lifeEvent ? { lifeEvent: query.lifeEvent } : {}),
    ...(query.applyMethod ? { applyMethod: query.applyMethod } : {}),
    ...(query.open ? { openOn: deps.today ?? todayInJapan() } : {}),
    limit,
    offset,
  };
}

type ListedRow = Awaited<ReturnType<typeof selectServicesForList>>[number];

interface IndexState {
  index: MemoryIndex | null;
  horizon: string;
  refreshedAt: number;
  pending: Promise<void> | null;
  rebuilding: boolean;
  /** What results lists show of recently shown services, least recently shown first. */
  listed: Map<string, ListedRow>;
  /** Counts evictions from `listed`: a row read before one may be stale and is not kept. */
  listedEpoch: number;
}

/** How many services' listed fields a node keeps (about 2 KB each). */
const LISTED_CACHE_SIZE = 20_000;

const indexes = new WeakMap<Db, IndexState>();

async function buildIndex(db: Db): Promise<{ index: MemoryIndex; horizon: string }> {
  const horizon = await currentChangeHorizon(db.kysely);
  const rows = await selectIndexRows(db.kysely, null);
  return { index: new MemoryIndex(rows), horizon };
}

/**
 * The in-process index of this database, current to within maxStalenessMs: every node polls the
 * change horizon of service_search on its first search after that interval, so nodes converge
 * within about a second of a commit without talking to each other.
 */
export async function memoryIndexOf(db: Db, maxStalenessMs = DEFAULT_MAX_STALENESS_MS): Promise<MemoryIndex> {
  let state = indexes.get(db);
  if (!state) {
    state = { index: null, horizon: '0', refreshedAt: 0, pending: null, rebuilding: false, listed: new Map(), listedEpoch: 0 };
    indexes.set(db, state);
  }
  const s = state;
  if (s.index && Date.now() - s.refreshedAt < maxStalenessMs) return s.index;
  s.pending ??= (async () => {
    try {
      if (!s.index) {
        const built = await buildIndex(db);
        s.index = built.index;
        s.horizon = built.horizon;
      } else {
        const horizon = await currentChangeHorizon(db.kysely);
        const changed = await selectIndexRows(db.kysely, s.horizon);
        s.index.applyChanges(changed);
        // The same change feed keeps the listed fields current: a changed service is read again.
        for (const row of changed) s.listed.delete(row.id);
        if (changed.length > 0) s.listedEpoch++;
        s.horizon = horizon;
        if (s.index.changedSinceBuild > REBUILD_AFTER_CHANGES && !s.rebuilding) {
          // Rebuild in the background; searches keep the overlaid index meanwhile, and the next
          // poll replays whatever changed during the build onto the new one.
          s.rebuilding = true;
          void buildIndex(db)
            .then((built) => {
              s.index = built.index;
              s.horizon = built.horizon;
              s.refreshedAt = 0;
            })
            .finally(() => (s.rebuilding = false));
        }
      }
      s.refreshedAt = Date.now();
    } finally {
      s.pending = null;
    }
  })();
  await s.pending;
  return s.index!;
}

/** Drops this database's in-process index (tests; a node shutting down). */
export function forgetMemoryIndex(db: Db): void {
  indexes.delete(db);
}

async function runEngine(deps: SearchDeps, plan: SearchPlan, fuzzy: boolean) {
  if ((deps.engine ?? DEFAULT_SEARCH_ENGINE) === 'postgres') return searchInPostgres(deps.db.kysely, plan, fuzzy);
  const index = await memoryIndexOf(deps.db, deps.maxStalenessMs);
  return index.search(plan, fuzzy);
}

/** Ranked ids and scores only: what the benchmark compares between engines. */
export async function searchServiceIds(deps: SearchDeps, plan: SearchPlan): Promise<{ total: number; approximate: boolean; hits: Array<{ id: string; score: number }> }> {
  const exact = await runEngine(deps, plan, false);
  // Typo tolerance only when nothing matched: near matches never crowd out exact ones.
  if (exact.total > 0 || !canTolerateTypos(plan.words)) return { ...exact, approximate: false };
  const near = await runEngine(deps, plan, true);
  return { ...near, approximate: near.total > 0 };
}

/**
 * What a result list shows of each service, in the order of `ids`. With the in-process index, the
 * rows of recently shown services are kept in memory and dropped when the index's change feed
 * names them, so they are as current as the index; a row read while an eviction happened is used
 * for this answer, and nothing is kept or refreshed by it. The PostgreSQL engine reads them every time.
 */
async function listedRows(deps: SearchDeps, ids: string[]): Promise<ListedRow[]> {
  const s = (deps.engine ?? DEFAULT_SEARCH_ENGINE) === 'memory' ? indexes.get(deps.db) : undefined;
  if (!s) return selectServicesForList(deps.db.kysely, ids);
  const cached = ids.map((id) => s.listed.get(id));
  const missing = ids.filter((_, i) => cached[i] === undefined);
  const epoch = s.listedEpoch;
  const fetched = new Map((missing.length > 0 ? await selectServicesForList(deps.db.kysely, missing) : []).map((r) => [r.id, r]));
  const keep = s.listedEpoch === epoch;
  const rows: ListedRow[] = [];
  for (const [i, id] of ids.entries()) {
    const row = cached[i] ?? fetched.get(id);
    if (!row) continue; // deleted since the index saw it
    rows.push(row);
    if (!keep) continue;
    // Most recently shown last; the least recently shown leaves when the cache is full.
    s.listed.delete(id);
    s.listed.set(id, row);
    if (s.listed.size > LISTED_CACHE_SIZE) s.listed.delete(s.listed.keys().next().value!);
  }
  return rows;
}

export async function searchServices(deps: SearchDeps, query: ServiceSearchQuery): Promise<ServiceSearchResult> {
  const plan = await planSearch(deps, query);
  const { total, approximate, hits } = await searchServiceIds(deps, plan);
  const [rows, master] = await Promise.all([listedRows(deps, hits.map((h) => h.id)), municipalityMaster(deps.db)]);
  const scoreOf = new Map(hits.map((h) => [h.id, h.score]));
  const words = plan.words.map((w) => w.text);
  return {
    total,
    approximate,
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      municipality: r.municipality_code ? { code: r.municipality_code, name: master.nameOf.get(r.municipality_code) ?? '' } : null,
      categories: r.categories,
      lifeEvents: r.life_events,
      applyMethods: r.apply_methods,
      url: `/api/v1/services/${r.id}`,
      snippet: buildSnippet([r.summary, r.support, r.eligibility, r.how_to_apply], words),
      score: scoreOf.get(r.id) ?? 0,
    })),
  };
}
