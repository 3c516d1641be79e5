// All SQL of service search: the PostgreSQL engine's query over service_search (kept by the trigger
// of migration 202611211500), the in-process engine's loading and change polling, the display rows
// of a page of results, the municipality filter and a service's public detail. Residents' search
// reads published live services platform-wide: public facts, so no withScope.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../../platform/db/tables.ts';
import type { SearchPlan } from './plan.ts';
import { SCAN_LIMIT as SNIPPET_SCAN_LIMIT } from './snippet.ts';

type Db = Kysely<Database>;

/** Normalises texts with the database's function (tests check it agrees with normalize.ts). */
export async function normalizeInDatabase(db: Db, texts: string[]): Promise<string[]> {
  const { rows } = await sql<{ n: string }>`SELECT onestop_search_normalize(t) AS n FROM unnest(${texts}::text[]) WITH ORDINALITY AS u(t, i) ORDER BY i`.execute(db);
  return rows.map((r) => r.n);
}

export async function bigramsInDatabase(db: Db, text: string): Promise<{ title: string[]; all: string[] }> {
  const { rows } = await sql<{ title: string[]; all: string[] }>`
    SELECT onestop_search_unigrams(${text}) || onestop_search_bigrams(${text}) AS title, onestop_search_bigrams(${text}) AS all`.execute(db);
  return rows[0]!;
}

function textArray(values: string[]): RawBuilder<string[]> {
  return sql<string[]>`${values}::text[]`;
}

function filterConditions(plan: SearchPlan): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [sql`searchable`];
  if (plan.owners) {
    where.push(
      sql`(municipality_code = ANY(${textArray(plan.owners.municipalityCodes)}) OR (municipality_code IS NULL AND prefecture_code = ${plan.owners.prefectureCode}) OR prefecture_code IS NULL)`,
    );
  }
  if (plan.category) where.push(sql`categories @> ARRAY[${plan.category}]::text[]`);
  if (plan.lifeEvent) where.push(sql`life_events @> ARRAY[${plan.lifeEvent}]::text[]`);
  if (plan.applyMethod) where.push(sql`apply_methods @> ARRAY[${plan.applyMethod}]::text[]`);
  if (plan.openOn) {
    where.push(sql`(acceptance_start IS NULL OR acceptance_start <= ${plan.openOn}::date) AND (acceptance_end IS NULL OR acceptance_end >= ${plan.openOn}::date)`);
  }
  return where;
}

/** Hits of one word's grams in a column, as an SQL sum of 0/1. */
function hits(column: 'grams' | 'title_grams', grams: string[]): RawBuilder<number> {
  return sql<number>`(${sql.join(grams.map((g) => sql`(${sql.ref(column)} @> ARRAY[${g}]::text[])::int`), sql` + `)})`;
}

/**
 * The PostgreSQL engine. Exact: every bigram of every word is in the title or body (GIN @>);
 * fuzzy: each word has at least `required` of its bigrams. The score is the same integer formula as
 * the in-process engine's (memory-index.ts), so both rank alike: per word 400 if the title contains
 * it whole, plus 200 × the share of its grams in the title, plus 100 × the share anywhere.
 */
export async function searchInPostgres(db: Db, plan: SearchPlan, fuzzy: boolean): Promise<{ total: number; hits: Array<{ id: string; score: number }> }> {
  const where = filterConditions(plan);
  const scores: RawBuilder<number>[] = [];
  const allGrams = plan.words.filter((w) => !w.titleOnly).flatMap((w) => w.grams);
  const titleOnly = plan.words.filter((w) => w.titleOnly).flatMap((w) => w.grams);
  if (titleOnly.length > 0) where.push(sql`title_grams @> ${textArray(titleOnly)}`);
  if (allGrams.length > 0) where.push(fuzzy ? sql`grams && ${textArray(allGrams)}` : sql`grams @> ${textArray(allGrams)}`);
  for (const w of plan.words) {
    const k = w.grams.length;
    const phrase = sql<number>`400 * (strpos(title_norm, ${w.text}) > 0)::int`;
    if (w.titleOnly) {
      scores.push(sql<number>`(${phrase} + 300)`);
      continue;
    }
    const all = hits('grams', w.grams);
    if (fuzzy) where.push(sql`${all} >= ${w.required}`);
    scores.push(sql<number>`(${phrase} + (200 * ${hits('title_grams', w.grams)}) / ${k} + (100 * ${all}) / ${k})`);
  }
  const score = scores.length > 0 ? sql.join(scores, sql` + `) : sql`0`;
  const { rows } = await sql<{ id: string; score: number; total: number }>`
    SELECT id, score, count(*) OVER ()::int AS total FROM (
      SELECT id, title_norm, ${score} AS score FROM service_search WHERE ${sql.join(where, sql` AND `)}
    ) AS matched
    ORDER BY score DESC, length(title_norm), id
    LIMIT ${plan.limit} OFFSET ${plan.offset}`.execute(db);
  if (rows.length === 0 && plan.offset > 0) {
    // Past the end: the window function saw no rows, so count separately.
    const { rows: c } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM service_search WHERE ${sql.join(where, sql` AND `)}`.execute(db);
    return { total: c[0]?.n ?? 0, hits: [] };
  }
  return { total: rows[0]?.total ?? 0, hits: rows.map((r) => ({ id: r.id, score: Number(r.score) })) };
}

export interface IndexRow {
  id: string;
  municipality_code: string | null;
  prefecture_code: string | null;
  searchable: boolean;
  categories: string[];
  life_events: string[];
  apply_methods: string[];
  acceptance_start: string | null;
  acceptance_end: string | null;
  title_norm: string;
  body_norm: string;
}

/**
 * The oldest transaction still running. Every row written by a transaction older than this is
 * committed and visible to a read that starts afterwards, so a poller that next reads rows with
 * changed_xid ≥ this value misses nothing (a plain max(updated_at) would miss late commits).
 */
export async function currentChangeHorizon(db: Db): Promise<string> {
  const { rows } = await sql<{ xmin: string }>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`.execute(db);
  return rows[0]!.xmin;
}

/** Rows for the in-process index: all searchable ones, or every row changed since a horizon. */
export async function selectIndexRows(db: Db, since: string | null): Promise<IndexRow[]> {
  const condition = since === null ? sql`searchable` : sql`changed_xid >= ${since}::xid8`;
  const { rows } = await sql<IndexRow>`
    SELECT id, municipality_code, prefecture_code, searchable, categories, life_events, apply_methods,
           acceptance_start::text AS acceptance_start, acceptance_end::text AS acceptance_end, title_norm, body_norm
    FROM service_search WHERE ${condition}`.execute(db);
  return rows;
}

/**
 * What a result list shows of each service, in the order of `ids`. One statement with the ids as
 * one array parameter, the texts only a snippet reads cut where it stops scanning, and no join: the municipality's name comes
 * from the cached master. This read is most of a search's time after the engine (ADR 0012).
 */
export async function selectServicesForList(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    title: string;
    summary: string;
    support: string;
    eligibility: string;
    how_to_apply: string;
    categories: string[];
    life_events: string[];
    apply_methods: string[];
    municipality_code: string | null;
  }>`
    SELECT id, title, summary, left(support, ${SNIPPET_SCAN_LIMIT}) AS support,
           left(eligibility, ${SNIPPET_SCAN_LIMIT}) AS eligibility, left(how_to_apply, ${SNIPPET_SCAN_LIMIT}) AS how_to_apply,
           categories, life_events, apply_methods, municipality_code
    FROM services WHERE id = ANY(${ids}::uuid[])`.execute(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The whole municipality master (about 1,900 rows), for resolving the municipality filter. */
export async function selectMunicipalityMaster(db: Db) {
  return db
    .selectFrom('municipalities as m')
    .innerJoin('prefectures as p', 'p.code', 'm.prefecture_code')
    .select(['m.code', 'm.name', 'm.kana', 'm.prefecture_code', 'm.parent_code', 'p.name as prefecture_name'])
    .orderBy('m.code')
    .execute();
}

/** A published live service with its procedure and municipality, for residents. */
export async function findPublicServiceDetail(db: Db, id: string) {
  return db
    .selectFrom('services as s')
    .leftJoin('municipalities as m', 'm.code', 's.municipality_code')
    .leftJoin('procedures as p', 'p.id', 's.procedure_id')
    .selectAll('s')
    .select(['m.name as municipality_name', 'p.name as procedure_name', 'p.name_en as procedure_name_en', 'p.my_number_procedure', 'p.needs_review'])
    .where('s.id', '=', id)
    .where('s.status', '=', 'published')
    .where('s.mode', '=', 'live')
    .executeTakeFirst();
}
