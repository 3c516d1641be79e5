// The SQL of the resident pages: published, live services read platform-wide. These are public
// facts (no personal data), so they are read outside any tenancy scope, like the municipality master.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../platform/db/tables.ts';

type Db = Kysely<Database>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function publishedServices(db: Db) {
  return db
    .selectFrom('services as s')
    .leftJoin('municipalities as m', 'm.code', 's.municipality_code')
    .leftJoin('prefectures as p', 'p.code', 's.prefecture_code')
    .where('s.status', '=', 'published')
    .where('s.mode', '=', 'live');
}

/** A published service with its owner's names and its national procedure, or undefined. */
export async function findServiceDetail(db: Db, id: string) {
  if (!UUID.test(id)) return undefined;
  return publishedServices(db)
    .leftJoin('procedures as pr', 'pr.id', 's.procedure_id')
    .selectAll('s')
    .select([
      'm.name as municipalityName',
      'p.name as prefectureName',
      'p.name_en as prefectureNameEn',
      'pr.name as procedureName',
      'pr.name_en as procedureNameEn',
      'pr.legal_basis as procedureLegalBasis',
      'pr.my_number_procedure as myNumberProcedure',
      'pr.needs_review as needsReview',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export type ServiceDetail = NonNullable<Awaited<ReturnType<typeof findServiceDetail>>>;

/**
 * The published services a resident of `municipalityCode` can use for a life event: the
 * municipality's own, its prefecture's and the national ones. The municipality's come first.
 */
export async function listLifeEventServices(db: Db, args: { municipalityCode: string; lifeEvent: string }) {
  const prefecture = args.municipalityCode.slice(0, 2);
  return publishedServices(db)
    .leftJoin('procedures as pr', 'pr.id', 's.procedure_id')
    .select([
      's.id',
      's.title',
      's.summary',
      's.municipality_code as municipalityCode',
      's.prefecture_code as prefectureCode',
      's.categories',
      's.life_events as lifeEvents',
      's.apply_methods as applyMethods',
      's.benefit_ids as benefitIds',
      's.acceptance_start as acceptanceStart',
      's.acceptance_end as acceptanceEnd',
      'm.name as municipalityName',
      'p.name as prefectureName',
      'p.name_en as prefectureNameEn',
      'pr.my_number_procedure as myNumberProcedure',
    ])
    .where(sql<boolean>`s.life_events @> ARRAY[${args.lifeEvent}]::text[]`)
    .where((eb) =>
      eb.or([
        eb('s.municipality_code', '=', args.municipalityCode),
        eb.and([eb('s.municipality_code', 'is', null), eb('s.prefecture_code', '=', prefecture)]),
        eb.and([eb('s.municipality_code', 'is', null), eb('s.prefecture_code', 'is', null)]),
      ]),
    )
    .orderBy(sql`CASE WHEN s.municipality_code IS NOT NULL THEN 0 WHEN s.prefecture_code IS NOT NULL THEN 1 ELSE 2 END`)
    .orderBy(sql`pr.sort NULLS LAST`)
    .orderBy('s.title')
    .limit(200)
    .execute();
}

export type LifeEventServiceRow = Awaited<ReturnType<typeof listLifeEventServices>>[number];

/** The name of any municipality in the master (participating or not), with its prefecture. */
export async function findMunicipalityName(db: Db, code: string) {
  return db
    .selectFrom('municipalities as m')
    .innerJoin('prefectures as p', 'p.code', 'm.prefecture_code')
    .select(['m.code', 'm.name', 'p.name as prefectureName', 'p.name_en as prefectureNameEn'])
    .where('m.code', '=', code)
    .executeTakeFirst();
}

/** Who offers each of these published services, for the owner line of search results. */
export async function findOwners(db: Db, ids: string[]) {
  const valid = ids.filter((id) => UUID.test(id));
  if (valid.length === 0) return [];
  return publishedServices(db)
    .select([
      's.id',
      's.municipality_code as municipalityCode',
      's.prefecture_code as prefectureCode',
      'm.name as municipalityName',
      'p.name as prefectureName',
      'p.name_en as prefectureNameEn',
    ])
    .where('s.id', 'in', valid)
    .execute();
}

/** Owner and external id of every service that has one: lets the demo seed skip what exists. */
export async function listServiceExternalKeys(db: Db): Promise<Set<string>> {
  const rows = await db
    .selectFrom('services')
    .select(['municipality_code', 'prefecture_code', 'external_id'])
    .where('external_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => externalKey(r.municipality_code, r.prefecture_code, r.external_id!)));
}

export function externalKey(municipalityCode: string | null, prefectureCode: string | null, externalId: string): string {
  return `${municipalityCode ?? ''}|${prefectureCode ?? ''}|${externalId}`;
}

/** Services of one owner by external id (the demo seed tags what it has just imported). */
export async function findServicesByExternalIds(db: Db, owner: { municipalityCode: string | null }, externalIds: string[]) {
  if (externalIds.length === 0) return [];
  let q = db.selectFrom('services').selectAll().where('external_id', 'in', externalIds);
  q = owner.municipalityCode ? q.where('municipality_code', '=', owner.municipalityCode) : q.where('municipality_code', 'is', null).where('prefecture_code', 'is', null);
  return q.execute();
}
