// All SQL of the service catalogue (benefit rules need none).
import type { Insertable, Kysely, SelectQueryBuilder, Transaction } from 'kysely';
import type { Database, ProcedureTable, ServiceChange, ServiceStatus } from '../../platform/db/tables.ts';
import type { ServiceInput } from './service-input.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function upsertProcedures(db: Executor, procedures: Insertable<ProcedureTable>[]): Promise<void> {
  if (procedures.length === 0) return;
  await db
    .insertInto('procedures')
    .values(procedures)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        name_en: eb.ref('excluded.name_en'),
        category: eb.ref('excluded.category'),
        legal_basis: eb.ref('excluded.legal_basis'),
        my_number_procedure: eb.ref('excluded.my_number_procedure'),
        needs_review: eb.ref('excluded.needs_review'),
        focus: eb.ref('excluded.focus'),
        sort: eb.ref('excluded.sort'),
      })),
    )
    .execute();
}

export async function listProcedures(db: Executor) {
  return db.selectFrom('procedures').selectAll().orderBy('sort').orderBy('id').execute();
}

/** Column values of a service from its input (the same mapping for console, API and import). */
export function serviceColumns(input: ServiceInput) {
  return {
    title: input.title,
    summary: input.summary ?? '',
    support: input.support ?? '',
    eligibility: input.eligibility ?? '',
    applicant: input.applicant ?? '',
    how_to_apply: input.howToApply ?? '',
    acceptance_start: input.acceptanceStart ?? null,
    acceptance_end: input.acceptanceEnd ?? null,
    deadline_note: input.deadlineNote ?? '',
    detail_url: input.detailUrl ?? null,
    contact: input.contact ?? '',
    department: input.department ?? '',
    legal_basis: input.legalBasis ?? '',
    procedure_id: input.procedureId ?? null,
    categories: input.categories ?? [],
    life_events: input.lifeEvents ?? [],
    apply_methods: input.applyMethods ?? [],
    tags: input.tags ?? [],
    attachments: JSON.stringify(input.attachments ?? []),
    things_to_bring: input.thingsToBring ?? [],
    related_links: JSON.stringify(input.relatedLinks ?? []),
    benefit_ids: input.benefitIds ?? [],
  };
}

export async function insertServiceVersion(
  db: Executor,
  row: { serviceId: string; version: number; municipalityCode: string | null; change: ServiceChange; snapshot: Record<string, unknown>; changedBy: string | null },
): Promise<void> {
  await db
    .insertInto('service_versions')
    .values({
      service_id: row.serviceId,
      version: row.version,
      municipality_code: row.municipalityCode,
      change: row.change,
      snapshot: JSON.stringify(row.snapshot),
      changed_by: row.changedBy,
    })
    .execute();
}

export async function insertService(
  db: Executor,
  row: ReturnType<typeof serviceColumns> & {
    municipality_code: string | null;
    prefecture_code: string | null;
    external_id: string | null;
    status: 'draft' | 'published' | 'unpublished';
    open_data: string;
    pre_registered_at: Date | null;
    published_at: Date | null;
    mode: 'test' | 'live';
  },
) {
  return db.insertInto('services').values(row).returningAll().executeTakeFirstOrThrow();
}

/** The service for a change, locked until the transaction ends (row-level security applies). */
export async function findServiceForUpdate(db: Executor, id: string) {
  return db.selectFrom('services').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateServiceRow(db: Executor, id: string, set: Record<string, unknown>) {
  return db
    .updateTable('services')
    .set({ ...set, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findServiceByExternalId(db: Executor, owner: { municipalityCode: string | null; prefectureCode: string | null }, externalId: string) {
  let q = db.selectFrom('services').selectAll().where('external_id', '=', externalId);
  q = owner.municipalityCode ? q.where('municipality_code', '=', owner.municipalityCode) : q.where('municipality_code', 'is', null);
  q = owner.prefectureCode ? q.where('prefecture_code', '=', owner.prefectureCode) : q.where('prefecture_code', 'is', null);
  return q.executeTakeFirst();
}

export async function selectServiceVersions(db: Executor, serviceId: string) {
  return db
    .selectFrom('service_versions')
    .select(['version', 'change', 'changed_by as changedBy', 'changed_at as changedAt', 'snapshot'])
    .where('service_id', '=', serviceId)
    .orderBy('version', 'desc')
    .execute();
}

/** A published service by id, for residents: public facts, read platform-wide. */
export async function findPublishedService(db: Executor, id: string) {
  return db.selectFrom('services').selectAll().where('id', '=', id).where('status', '=', 'published').where('mode', '=', 'live').executeTakeFirst();
}

// --- maintenance: reading services for staff, systems, import and export ---------------------------------

/** Whose services a query reads: a municipality's, or the nation's own (no municipality, no prefecture). */
export type ServiceOwnerFilter = { kind: 'municipality'; municipalityCode: string } | { kind: 'national' };

function ownedBy<O>(q: SelectQueryBuilder<Database, 'services', O>, owner: ServiceOwnerFilter): SelectQueryBuilder<Database, 'services', O> {
  return owner.kind === 'municipality'
    ? q.where('services.municipality_code', '=', owner.municipalityCode)
    : q.where('services.municipality_code', 'is', null).where('services.prefecture_code', 'is', null);
}

export async function findService(db: Executor, id: string) {
  return db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One page of an owner's services, newest change first, with the total (for the pager). */
export async function listServicesPage(db: Executor, owner: ServiceOwnerFilter, options: { status?: string | undefined; limit: number; offset: number }) {
  let q = ownedBy(db.selectFrom('services'), owner);
  if (options.status) q = q.where('status', '=', options.status as ServiceStatus);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('updated_at', 'desc').orderBy('id').limit(options.limit).offset(options.offset).execute();
  return { rows, total: Number(total.n) };
}

/** All of an owner's services in a stable order (export, and import's lookup by サービスID). */
export async function listServicesOfOwner(db: Executor, owner: ServiceOwnerFilter) {
  return ownedBy(db.selectFrom('services'), owner).selectAll().orderBy('created_at').orderBy('id').execute();
}

/** Services the nation pre-registered for municipalities, with whether each was adopted. */
export async function listPreRegisteredServices(db: Executor, limit = 200) {
  return db
    .selectFrom('services')
    .select(['id', 'title', 'municipality_code', 'status', 'version', 'pre_registered_at', 'adopted_at', 'updated_at'])
    .where('pre_registered_at', 'is not', null)
    .orderBy('pre_registered_at', 'desc')
    .limit(limit)
    .execute();
}

export async function municipalityExists(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('municipalities').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}
