// The forms module's only SQL.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import type { FormLayout } from './definition.ts';
import type { FormChange, FormKind, FormTable, FormVersionTable } from './tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export type FormRow = Selectable<FormTable>;
export type FormVersionRow = Selectable<FormVersionTable>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export async function findVersionById(db: Executor, id: string): Promise<FormVersionRow | undefined> {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('form_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findLatestVersion(db: Executor, formId: string): Promise<FormVersionRow | undefined> {
  return db.selectFrom('form_versions').selectAll().where('form_id', '=', formId).orderBy('version', 'desc').limit(1).executeTakeFirst();
}

/** The newest published version of the form a service is linked to. */
export async function findVersionForService(db: Executor, serviceId: string): Promise<FormVersionRow | undefined> {
  if (!isUuid(serviceId)) return undefined;
  return db
    .selectFrom('service_forms as sf')
    .innerJoin('form_versions as v', 'v.form_id', 'sf.form_id')
    .selectAll('v')
    .where('sf.service_id', '=', serviceId)
    .orderBy('v.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findForm(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<FormRow | undefined> {
  if (!isUuid(id)) return undefined;
  let query = db.selectFrom('forms').selectAll().where('id', '=', id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findNationalTemplate(db: Executor, procedureId: string, options: { forUpdate?: boolean } = {}): Promise<FormRow | undefined> {
  let query = db.selectFrom('forms').selectAll().where('kind', '=', 'national_template').where('procedure_id', '=', procedureId);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export interface FormListRow extends FormRow {
  latest_version: number | null;
  services: number;
}

/** Forms the caller can see (row-level security decides which), newest first; templates last. */
export async function listForms(db: Executor, options: { kind?: FormKind; municipalityCode?: string | null } = {}): Promise<FormListRow[]> {
  let query = db
    .selectFrom('forms as f')
    .selectAll('f')
    .select((eb) => [
      eb.selectFrom('form_versions as v').whereRef('v.form_id', '=', 'f.id').select((e) => e.fn.max<number>('v.version').as('m')).as('latest_version'),
      eb.selectFrom('service_forms as s').whereRef('s.form_id', '=', 'f.id').select((e) => e.fn.countAll<number>().as('n')).as('services'),
    ]);
  if (options.kind) query = query.where('f.kind', '=', options.kind);
  if (options.municipalityCode !== undefined) {
    query = options.municipalityCode === null ? query.where('f.municipality_code', 'is', null) : query.where('f.municipality_code', '=', options.municipalityCode);
  }
  const rows = await query.orderBy('f.kind').orderBy('f.updated_at', 'desc').orderBy('f.id').execute();
  return rows.map((r) => ({ ...r, latest_version: r.latest_version ?? null, services: Number(r.services ?? 0) }));
}

export interface PublishedFormRow extends FormRow {
  latest_version_id: string;
  latest_version: number;
}

/**
 * Forms with a published version and that version, in one statement (issue #11, point 9: not one
 * query per form): the national templates and, when named, one municipality's forms, its own first.
 */
export async function listPublishedForms(db: Executor, options: { municipalityCode?: string }): Promise<PublishedFormRow[]> {
  const code = options.municipalityCode;
  return db
    .selectFrom('forms as f')
    .innerJoinLateral(
      (eb) => eb.selectFrom('form_versions as v').select(['v.id', 'v.version']).whereRef('v.form_id', '=', 'f.id').orderBy('v.version', 'desc').limit(1).as('latest'),
      (join) => join.onTrue(),
    )
    .selectAll('f')
    .select(['latest.id as latest_version_id', 'latest.version as latest_version'])
    .where((eb) => (code === undefined ? eb('f.municipality_code', 'is', null) : eb.or([eb('f.municipality_code', 'is', null), eb('f.municipality_code', '=', code)])))
    .orderBy(sql`f.municipality_code is null`)
    .orderBy('f.kind')
    .orderBy('f.updated_at', 'desc')
    .orderBy('f.id')
    .execute();
}

export async function listVersions(db: Executor, formId: string): Promise<FormVersionRow[]> {
  return db.selectFrom('form_versions').selectAll().where('form_id', '=', formId).orderBy('version', 'desc').execute();
}

export async function insertForm(
  db: Executor,
  row: { municipality_code: string | null; kind: FormKind; procedure_id: string | null; template_form_id: string | null; template_version_id: string | null; title: string; title_en: string; draft: FormLayout },
): Promise<FormRow> {
  return db
    .insertInto('forms')
    .values({ ...row, draft: JSON.stringify(row.draft) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateFormDraft(
  db: Executor,
  id: string,
  changes: { title?: string; title_en?: string; draft?: FormLayout; template_version_id?: string; revision: number },
): Promise<FormRow> {
  return db
    .updateTable('forms')
    .set({
      ...(changes.template_version_id === undefined ? {} : { template_version_id: changes.template_version_id }),
      ...(changes.title === undefined ? {} : { title: changes.title }),
      ...(changes.title_en === undefined ? {} : { title_en: changes.title_en }),
      ...(changes.draft === undefined ? {} : { draft: JSON.stringify(changes.draft) }),
      revision: changes.revision,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertVersion(
  db: Executor,
  row: Omit<FormVersionTable, 'id' | 'published_at' | 'layout' | 'schema'> & { layout: FormLayout; schema: Record<string, unknown> },
): Promise<FormVersionRow> {
  return db
    .insertInto('form_versions')
    .values({ ...row, layout: JSON.stringify(row.layout), schema: JSON.stringify(row.schema) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertHistory(
  db: Executor,
  row: { form_id: string; municipality_code: string | null; change: FormChange; revision: number; version: number | null; details?: Record<string, unknown>; changed_by: string | null },
): Promise<void> {
  await db
    .insertInto('form_history')
    .values({ ...row, details: JSON.stringify(row.details ?? {}) })
    .execute();
}

export async function listHistory(db: Executor, formId: string): Promise<Selectable<Database['form_history']>[]> {
  return db.selectFrom('form_history').selectAll().where('form_id', '=', formId).orderBy('changed_at', 'desc').limit(200).execute();
}

export async function upsertServiceForm(db: Executor, row: { service_id: string; municipality_code: string | null; form_id: string; linked_by: string | null }): Promise<void> {
  await db
    .insertInto('service_forms')
    .values(row)
    .onConflict((oc) => oc.column('service_id').doUpdateSet({ form_id: row.form_id, linked_by: row.linked_by, linked_at: sql<Date>`now()` }))
    .execute();
}

export async function deleteServiceForm(db: Executor, serviceId: string): Promise<boolean> {
  const result = await db.deleteFrom('service_forms').where('service_id', '=', serviceId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface LinkedService {
  id: string;
  title: string;
  status: string;
  procedure_id: string | null;
  form_id: string | null;
}

/** The municipality's services and which form each uses (for linking in the builder). */
export async function listServicesWithForms(db: Executor, municipalityCode: string): Promise<LinkedService[]> {
  return db
    .selectFrom('services as s')
    .leftJoin('service_forms as sf', 'sf.service_id', 's.id')
    .select(['s.id', 's.title', 's.status', 's.procedure_id', 'sf.form_id'])
    .where('s.municipality_code', '=', municipalityCode)
    .orderBy('s.title')
    .execute();
}

export async function findServiceOwner(db: Executor, serviceId: string): Promise<{ id: string; municipality_code: string | null; procedure_id: string | null } | undefined> {
  if (!isUuid(serviceId)) return undefined;
  return db.selectFrom('services').select(['id', 'municipality_code', 'procedure_id']).where('id', '=', serviceId).executeTakeFirst();
}

/** Services (of any owner) offering a procedure: the demo links them to the procedure's form. */
export async function listServicesOfProcedure(db: Executor, procedureId: string): Promise<{ id: string; municipality_code: string | null }[]> {
  return db.selectFrom('services').select(['id', 'municipality_code']).where('procedure_id', '=', procedureId).execute();
}

export async function findServiceFormLink(db: Executor, serviceId: string): Promise<{ form_id: string } | undefined> {
  return db.selectFrom('service_forms').select('form_id').where('service_id', '=', serviceId).executeTakeFirst();
}

export async function isServicePublished(db: Executor, serviceId: string): Promise<boolean> {
  if (!isUuid(serviceId)) return false;
  const row = await db.selectFrom('services').select('status').where('id', '=', serviceId).executeTakeFirst();
  return row?.status === 'published';
}
