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

type NewForm = { municipality_code: string | null; kind: FormKind; procedure_id: string | null; template_form_id: string | null; template_version_id: string | null; title: string; title_en: string; draft: FormLayout };
type DraftChanges = { title?: string; title_en?: string; draft?: FormLayout; template_version_id?: string; revision: number };
type NewVersion = Omit<FormVersionTable, 'id' | 'published_at' | 'layout' | 'schema'> & { layout: FormLayout; schema: Record<string, unknown> };

/** Who made a change, and what the history should say about it beyond the change itself. */
export interface FormChangeNote {
  changedBy: string | null;
  details?: Record<string, unknown>;
}

/** A new form (made, or adopted from a template). */
export interface CreateFormWrite {
  write: 'create';
  change: Extract<FormChange, 'created' | 'adopted'>;
  form: NewForm;
}

/** A form's draft changed (the builder, or an adopted form taking a template's new version). */
export interface EditFormWrite {
  write: 'edit';
  change: Extract<FormChange, 'edited' | 'adopted'>;
  formId: string;
  changes: DraftChanges;
}

/** A new published version of a form. */
export interface PublishFormWrite {
  write: 'publish';
  form: Pick<FormRow, 'id' | 'municipality_code' | 'revision'>;
  version: NewVersion;
}

/** A service starts using a form (or another one); the history goes with the service's owner. */
export interface LinkFormWrite {
  write: 'link';
  form: Pick<FormRow, 'id' | 'revision'>;
  service: { id: string; municipality_code: string | null };
  linkedBy: string | null;
}

/** A service stops using a form. Resolves false when it used none (nothing written). */
export interface UnlinkFormWrite {
  write: 'unlink';
  form: Pick<FormRow, 'id' | 'revision'>;
  service: { id: string; municipality_code: string | null };
}

export type FormWrite = CreateFormWrite | EditFormWrite | PublishFormWrite | LinkFormWrite | UnlinkFormWrite;

/**
 * Every write to forms, form_versions and service_forms, each with its form_history row in the same
 * transaction (issue #11, point 12): the only way the module changes a form. A constraint trigger
 * (migrations/202612071930_guard_form_history.ts) refuses at commit any change without its row.
 * Call it inside a transaction: the change and its history are two statements.
 */
export async function writeForm(db: Executor, write: CreateFormWrite | EditFormWrite, note: FormChangeNote): Promise<FormRow>;
export async function writeForm(db: Executor, write: PublishFormWrite, note: FormChangeNote): Promise<FormVersionRow>;
export async function writeForm(db: Executor, write: LinkFormWrite | UnlinkFormWrite, note: FormChangeNote): Promise<boolean>;
export async function writeForm(db: Executor, write: FormWrite, note: FormChangeNote): Promise<FormRow | FormVersionRow | boolean> {
  const history = (row: { form_id: string; municipality_code: string | null; change: FormChange; revision: number; version?: number; details?: Record<string, unknown> }) =>
    db
      .insertInto('form_history')
      .values({ ...row, version: row.version ?? null, details: JSON.stringify({ ...row.details, ...note.details }), changed_by: note.changedBy })
      .execute();
  switch (write.write) {
    case 'create': {
      const form = await db
        .insertInto('forms')
        .values({ ...write.form, draft: JSON.stringify(write.form.draft) })
        .returningAll()
        .executeTakeFirstOrThrow();
      await history({ form_id: form.id, municipality_code: form.municipality_code, change: write.change, revision: form.revision });
      return form;
    }
    case 'edit': {
      const { changes } = write;
      const form = await db
        .updateTable('forms')
        .set({
          ...(changes.template_version_id === undefined ? {} : { template_version_id: changes.template_version_id }),
          ...(changes.title === undefined ? {} : { title: changes.title }),
          ...(changes.title_en === undefined ? {} : { title_en: changes.title_en }),
          ...(changes.draft === undefined ? {} : { draft: JSON.stringify(changes.draft) }),
          revision: changes.revision,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', write.formId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await history({ form_id: form.id, municipality_code: form.municipality_code, change: write.change, revision: form.revision });
      return form;
    }
    case 'publish': {
      const version = await db
        .insertInto('form_versions')
        .values({ ...write.version, layout: JSON.stringify(write.version.layout), schema: JSON.stringify(write.version.schema) })
        .returningAll()
        .executeTakeFirstOrThrow();
      await history({ form_id: write.form.id, municipality_code: write.form.municipality_code, change: 'published', revision: write.form.revision, version: version.version });
      return version;
    }
    case 'link': {
      const { service } = write;
      await db
        .insertInto('service_forms')
        .values({ service_id: service.id, municipality_code: service.municipality_code, form_id: write.form.id, linked_by: write.linkedBy })
        .onConflict((oc) => oc.column('service_id').doUpdateSet({ form_id: write.form.id, linked_by: write.linkedBy, linked_at: sql<Date>`now()` }))
        .execute();
      await history({ form_id: write.form.id, municipality_code: service.municipality_code, change: 'linked', revision: write.form.revision, details: { serviceId: service.id } });
      return true;
    }
    case 'unlink': {
      const { service } = write;
      const result = await db.deleteFrom('service_forms').where('service_id', '=', service.id).where('form_id', '=', write.form.id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) return false;
      await history({ form_id: write.form.id, municipality_code: service.municipality_code, change: 'unlinked', revision: write.form.revision, details: { serviceId: service.id } });
      return true;
    }
  }
}

export async function listHistory(db: Executor, formId: string): Promise<Selectable<Database['form_history']>[]> {
  return db.selectFrom('form_history').selectAll().where('form_id', '=', formId).orderBy('changed_at', 'desc').limit(200).execute();
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
