// All SQL of the applications module. Residents' queries always name the resident; staff queries
// run inside withScope, where row-level security limits them to their municipality (R15).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import { statement } from '../../platform/db/statement.ts';
import type { ApplicationEventKind, ApplicationMethod, ApplicationStatus, SignatureIndication, SignedBy } from './tables.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs: anything not a uuid is simply not found (the database would reject it). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

// --- drafts ---------------------------------------------------------------------------------------------

const DRAFT_COLUMNS = ['id', 'resident_id', 'service_id', 'form_version_id', 'data', 'current_step', 'bundle_key', 'version', 'created_at', 'updated_at'] as const;

export async function insertDraft(
  db: Executor,
  row: { residentId: string; serviceId: string; formVersionId: string; data: Record<string, unknown>; currentStep: string | null; bundleKey?: string | null; bundlePosition?: number },
) {
  return db
    .insertInto('application_drafts')
    .values({
      resident_id: row.residentId,
      service_id: row.serviceId,
      form_version_id: row.formVersionId,
      data: JSON.stringify(row.data),
      current_step: row.currentStep,
      bundle_key: row.bundleKey ?? null,
      // The drafts of a bundle are inserted in one transaction, in the order chosen: one microsecond
      // apart from the transaction's time, so they keep that order even where the clock is coarser
      // (PGlite's can give two inserts the same clock_timestamp()).
      ...(row.bundleKey ? { created_at: sql<Date>`now() + ${row.bundlePosition ?? 0} * interval '1 microsecond'` } : {}),
    })
    .returning(DRAFT_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** The drafts of one bundle still waiting (a sent one is gone), in the order they were started. */
export async function listBundleDrafts(db: Executor, residentId: string, bundleKey: string) {
  if (!isUuid(bundleKey)) return [];
  return db
    .selectFrom('application_drafts')
    .select(DRAFT_COLUMNS)
    .where('resident_id', '=', residentId)
    .where('bundle_key', '=', bundleKey)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * What the resident entered before, newest first: the data of their latest drafts and applications
 * with the form version each was made on (for its shared answers).
 */
export async function listRecentFormData(db: Executor, residentId: string, limit: number) {
  const { rows } = await db.executeQuery(statement<{ form_version_id: string; data: Record<string, unknown>; at: Date }>`
    (SELECT form_version_id, data, updated_at AS at FROM application_drafts WHERE resident_id = ${residentId} ORDER BY updated_at DESC LIMIT ${limit})
    UNION ALL
    (SELECT form_version_id, data, arrived_at AS at FROM applications WHERE resident_id = ${residentId} ORDER BY arrived_at DESC LIMIT ${limit})
    ORDER BY at DESC LIMIT ${limit}`);
  return rows;
}

/** The basic four items of the certificate that signed the resident's latest signed application (its stored report). */
export async function findLatestSignerBasicFour(db: Executor, residentId: string): Promise<{ basicFour: Record<string, unknown> | null; arrivedAt: Date } | null> {
  const row = await db
    .selectFrom('applications')
    .select([sql<Record<string, unknown> | null>`validation_report -> 'basicFour'`.as('basic_four'), 'arrived_at'])
    .where('resident_id', '=', residentId)
    // R17: a certificate's personal data is used only for the person it belongs to — never a proxy's,
    // nor one signed before signatures were checked against the account's card.
    .where('signed_by', '=', 'own')
    .orderBy('arrived_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { basicFour: row.basic_four, arrivedAt: row.arrived_at } : null;
}

export async function findDraft(db: Executor, residentId: string, draftId: string, options: { forUpdate?: boolean } = {}) {
  if (!isUuid(draftId)) return undefined;
  let q = db.selectFrom('application_drafts').select(DRAFT_COLUMNS).where('id', '=', draftId).where('resident_id', '=', residentId);
  if (options.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function listDrafts(db: Executor, residentId: string) {
  return db
    .selectFrom('application_drafts as d')
    .innerJoin('services as s', 's.id', 'd.service_id')
    .select(['d.id', 'd.service_id', 's.title as service_title', 'd.form_version_id', 'd.current_step', 'd.version', 'd.created_at', 'd.updated_at'])
    .where('d.resident_id', '=', residentId)
    .orderBy('d.updated_at', 'desc')
    .limit(200)
    .execute();
}

/** Saves a draft; with an expected version, only if nobody saved in between (null otherwise). */
export async function updateDraft(
  db: Executor,
  residentId: string,
  draftId: string,
  set: { data?: Record<string, unknown>; currentStep?: string | null },
  expectedVersion?: number,
) {
  if (!isUuid(draftId)) return undefined;
  let q = db
    .updateTable('application_drafts')
    .set((eb) => ({
      ...(set.data !== undefined ? { data: JSON.stringify(set.data) } : {}),
      ...(set.currentStep !== undefined ? { current_step: set.currentStep } : {}),
      version: eb('version', '+', 1),
      updated_at: new Date(),
    }))
    .where('id', '=', draftId)
    .where('resident_id', '=', residentId);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  return q.returning(DRAFT_COLUMNS).executeTakeFirst();
}

export async function touchDraft(db: Executor, draftId: string) {
  await db
    .updateTable('application_drafts')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', draftId)
    .execute();
}

export async function deleteDraft(db: Executor, residentId: string, draftId: string): Promise<boolean> {
  if (!isUuid(draftId)) return false;
  const result = await db.deleteFrom('application_drafts').where('id', '=', draftId).where('resident_id', '=', residentId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

const ATTACHMENT_COLUMNS = ['id', 'name', 'requirement', 'media_type', 'size', 'sha256', 'created_at'] as const;

export async function listDraftAttachments(db: Executor, draftIds: string[]) {
  if (draftIds.length === 0) return [];
  return db
    .selectFrom('draft_attachments')
    .select([...ATTACHMENT_COLUMNS, 'draft_id'])
    .where('draft_id', 'in', draftIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** What a draft attachment row reads as, from the table or from a JSON aggregate. */
export type DraftAttachmentRow = Awaited<ReturnType<typeof listDraftAttachments>>[number];

export interface DraftContextRow {
  draft: { id: string; service_id: string; form_version_id: string; data: unknown; version: number } | null;
  /** The published live service the draft is for, null when it is no longer offered. */
  service: {
    id: string;
    title: string;
    municipality_code: string | null;
    apply_methods: string[];
    attachments: Array<{ name: string; required: boolean; originalRequired: boolean; note?: string }>;
    my_number_procedure: boolean | null;
  } | null;
  attachments: DraftAttachmentRow[];
  home_municipality_code: string | null;
  /** The account's login (authentication) certificate, for the link service (R17); null before the account kept it. */
  login_certificate: { issuer: string; serialNumber: string } | null;
  /** The application already recorded under the idempotency key, if one was given and used. */
  existing_application_id: string | null;
}

/**
 * Everything preparing a draft reads, in one statement (one round trip on the submit path): the
 * draft, its attachments in upload order, the published live service it is for with its
 * procedure's My Number flag, the resident's home municipality and login certificate, and the application already
 * recorded under an idempotency key.
 */
export async function findDraftContext(db: Executor, residentId: string, draftId: string, idempotencyKey: string | null): Promise<DraftContextRow> {
  const id = isUuid(draftId) ? draftId : null;
  const { rows } = await db.executeQuery(statement<{
    draft: DraftContextRow['draft'];
    service: DraftContextRow['service'];
    attachments: Array<Omit<DraftAttachmentRow, 'created_at'> & { created_at: string }>;
    home_municipality_code: string | null;
    login_certificate: DraftContextRow['login_certificate'];
    existing_application_id: string | null;
  }>`
    SELECT
      CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'service_id', d.service_id, 'form_version_id', d.form_version_id, 'data', d.data, 'version', d.version) END AS draft,
      CASE WHEN s.id IS NULL THEN NULL ELSE json_build_object('id', s.id, 'title', s.title, 'municipality_code', s.municipality_code, 'apply_methods', s.apply_methods,
        'attachments', s.attachments, 'my_number_procedure', p.my_number_procedure) END AS service,
      coalesce((SELECT json_agg(json_build_object('id', a.id, 'draft_id', a.draft_id, 'name', a.name, 'requirement', a.requirement, 'media_type', a.media_type,
        'size', a.size, 'sha256', a.sha256, 'created_at', a.created_at) ORDER BY a.created_at, a.id) FROM draft_attachments a WHERE a.draft_id = d.id), '[]'::json) AS attachments,
      r.home_municipality_code,
      CASE WHEN r.certificate_serial IS NULL THEN NULL ELSE json_build_object('issuer', r.certificate_issuer, 'serialNumber', r.certificate_serial) END AS login_certificate,
      (SELECT id FROM applications WHERE ${idempotencyKey}::text IS NOT NULL AND resident_id = ${residentId} AND idempotency_key = ${idempotencyKey}) AS existing_application_id
    FROM (VALUES (1)) AS one (x)
    LEFT JOIN residents r ON r.id = ${residentId}
    LEFT JOIN application_drafts d ON d.id = ${id}::uuid AND d.resident_id = ${residentId}
    LEFT JOIN services s ON s.id = d.service_id AND s.status = 'published' AND s.mode = 'live'
    LEFT JOIN procedures p ON p.id = s.procedure_id`);
  const row = rows[0]!;
  return { ...row, attachments: row.attachments.map((a) => ({ ...a, created_at: new Date(a.created_at) })) };
}

export async function insertDraftAttachment(
  db: Executor,
  row: { draftId: string; name: string; requirement: string | null; mediaType: string; size: number; sha256: string },
) {
  return db
    .insertInto('draft_attachments')
    .values({ draft_id: row.draftId, name: row.name, requirement: row.requirement, media_type: row.mediaType, size: row.size, sha256: row.sha256 })
    .returning(ATTACHMENT_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function deleteDraftAttachment(db: Executor, draftId: string, attachmentId: string): Promise<boolean> {
  if (!isUuid(attachmentId)) return false;
  const result = await db.deleteFrom('draft_attachments').where('id', '=', attachmentId).where('draft_id', '=', draftId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// --- blobs ----------------------------------------------------------------------------------------------

/**
 * Whether these bytes are stored, marking them as just used (created_at is when they were last
 * stored or reused): the blob collector leaves recently used bytes alone, so bytes found here are
 * still there when the attachment naming them is inserted. A collector that locked the blob first
 * deletes it before this update sees it: false, and the caller stores the bytes again.
 */
export async function keepBlob(db: Executor, sha256: string): Promise<boolean> {
  const result = await db.updateTable('application_blobs').set({ created_at: sql<Date>`now()` }).where('sha256', '=', sha256).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Stores bytes once: a concurrent upload of the same bytes is a no-op, not an error. */
export async function insertBlob(db: Executor, row: { sha256: string; mediaType: string; bytes: Uint8Array }): Promise<void> {
  await db
    .insertInto('application_blobs')
    .values({ sha256: row.sha256, media_type: row.mediaType, size: row.bytes.byteLength, bytes: row.bytes })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

/**
 * Deletes up to `limit` blobs last used before `before` that no draft or application attachment
 * names. Rows an upload is marking as used (keepBlob) or an attachment insert is checking through
 * its foreign key are locked, and skipped.
 */
export async function deleteUnreferencedBlobs(db: Executor, before: Date, limit: number): Promise<number> {
  const { rows } = await db.executeQuery(statement<{ n: number }>`
    WITH gone AS (
      DELETE FROM application_blobs WHERE sha256 IN (
        SELECT b.sha256 FROM application_blobs b
        WHERE b.created_at < ${before}
          AND NOT EXISTS (SELECT 1 FROM draft_attachments d WHERE d.sha256 = b.sha256)
          AND NOT EXISTS (SELECT 1 FROM application_attachments a WHERE a.sha256 = b.sha256)
        ORDER BY b.created_at
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM gone`);
  return rows[0]!.n;
}

export async function readBlob(db: Executor, sha256: string) {
  return db.selectFrom('application_blobs').select(['media_type', 'size', 'bytes']).where('sha256', '=', sha256).executeTakeFirst();
}

// --- applications ---------------------------------------------------------------------------------------

const APPLICATION_COLUMNS = [
  'a.id',
  'a.reference',
  'a.resident_id',
  'a.service_id',
  'a.service_title',
  'a.municipality_code',
  'a.mode',
  'a.form_version_id',
  'a.draft_id',
  'a.content_sha256',
  'a.method',
  'a.bundle_id',
  'a.signature_indication',
  'a.signature_checked_at',
  'a.idempotency_key',
  'a.status',
  'a.status_changed_at',
  'a.arrived_at',
] as const;

export type ApplicationSummaryRow = Awaited<ReturnType<typeof findApplicationById>> & object;

function applicationsWithService(db: Executor) {
  return db.selectFrom('applications as a').select(APPLICATION_COLUMNS);
}

export async function findApplicationById(db: Executor, id: string) {
  if (!isUuid(id)) return undefined;
  return applicationsWithService(db).where('a.id', '=', id).executeTakeFirst();
}

export async function findApplicationOfResident(db: Executor, residentId: string, id: string) {
  if (!isUuid(id)) return undefined;
  return applicationsWithService(db).where('a.id', '=', id).where('a.resident_id', '=', residentId).executeTakeFirst();
}

export async function findApplicationByKey(db: Executor, residentId: string, idempotencyKey: string) {
  return applicationsWithService(db).where('a.resident_id', '=', residentId).where('a.idempotency_key', '=', idempotencyKey).executeTakeFirst();
}

export async function findApplicationByDraft(db: Executor, residentId: string, draftId: string) {
  if (!isUuid(draftId)) return undefined;
  return applicationsWithService(db).where('a.resident_id', '=', residentId).where('a.draft_id', '=', draftId).executeTakeFirst();
}

export async function listApplicationsOfBundle(db: Executor, bundleId: string) {
  return applicationsWithService(db).where('a.bundle_id', '=', bundleId).orderBy('a.arrived_at').orderBy('a.id').execute();
}

export async function listApplicationsOfResident(db: Executor, residentId: string, options: { limit: number; offset: number }) {
  const total = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('resident_id', '=', residentId)
    .executeTakeFirstOrThrow();
  const rows = await applicationsWithService(db)
    .where('a.resident_id', '=', residentId)
    .orderBy('a.arrived_at', 'desc')
    .orderBy('a.id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

/** Inside a municipality's scope: row-level security limits it to the municipality's applications. */
export async function listApplicationsInScope(db: Executor, options: { status?: ApplicationStatus | undefined; limit: number; offset: number }) {
  let count = db.selectFrom('applications').select((eb) => eb.fn.countAll<number>().as('n'));
  let rows = applicationsWithService(db);
  if (options.status) {
    count = count.where('status', '=', options.status);
    rows = rows.where('a.status', '=', options.status);
  }
  const total = await count.executeTakeFirstOrThrow();
  return {
    rows: await rows.orderBy('a.arrived_at', 'desc').orderBy('a.id').limit(options.limit).offset(options.offset).execute(),
    total: Number(total.n),
  };
}

export async function readApplicationRecord(db: Executor, id: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'data', 'content', 'signature', 'bundle_content', 'validation_report', 'arrived_at', 'municipality_code', 'signature_indication', 'signed_by'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface NewApplication {
  reference: string;
  residentId: string;
  serviceId: string;
  serviceTitle: string;
  municipalityCode: string;
  formVersionId: string;
  draftId: string;
  data: Record<string, unknown>;
  content: Uint8Array;
  contentSha256: string;
  method: ApplicationMethod;
  signature: Uint8Array | null;
  bundleId: string | null;
  bundleContent: Uint8Array | null;
  validationReport: Record<string, unknown> | null;
  signatureIndication: SignatureIndication | null;
  /** R17: the account holder's own card or a registered proxy; null when not signed. */
  signedBy: SignedBy | null;
  idempotencyKey: string | null;
}

export type ApplicationAttachmentRow = Awaited<ReturnType<typeof listApplicationAttachments>>[number];

export interface ArrivalAttachment {
  name: string;
  requirement: string | null;
  originalRequired: boolean;
  mediaType: string;
  size: number;
  sha256: string;
}

export type NewArrival = NewApplication & { attachments: ArrivalAttachment[]; actorId: string; details: Record<string, unknown> };
export type InsertedArrival = { application: ApplicationSummaryRow; attachments: ApplicationAttachmentRow[] };

/**
 * Records applications in one statement (R1): for each, the row — whose arrived_at the trigger
 * stamps — its attachments, the 'arrived' timeline event and the removal of its draft. An
 * application whose idempotency key, draft or reference is already recorded is skipped: its
 * answer is null, and nothing of it is written. Answers are in the order of `rows`.
 */
export async function insertArrivals(db: Executor, rows: readonly NewArrival[]): Promise<Array<InsertedArrival | null>> {
  const b64 = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') : null);
  const input = JSON.stringify(
    rows.map((row, ord) => ({
      ord,
      reference: row.reference,
      resident_id: row.residentId,
      service_id: row.serviceId,
      service_title: row.serviceTitle,
      municipality_code: row.municipalityCode,
      form_version_id: row.formVersionId,
      draft_id: row.draftId,
      data: row.data,
      content: b64(row.content),
      content_sha256: row.contentSha256,
      method: row.method,
      signature: b64(row.signature),
      bundle_id: row.bundleId,
      bundle_content: b64(row.bundleContent),
      validation_report: row.validationReport,
      signature_indication: row.signatureIndication,
      signature_checked_at: row.signatureIndication ? new Date() : null,
      signed_by: row.signedBy,
      idempotency_key: row.idempotencyKey,
      attachments: row.attachments.map((a, ord) => ({ ord, name: a.name, requirement: a.requirement, original_required: a.originalRequired, media_type: a.mediaType, size: a.size, sha256: a.sha256 })),
      actor_id: row.actorId,
      details: row.details,
    })),
  );
  const result = await db.executeQuery(statement<ApplicationSummaryRow & { attachments: Array<Omit<ApplicationAttachmentRow, 'created_at'> & { created_at: string }> }>`
    WITH input AS (
      SELECT * FROM jsonb_to_recordset(${input}::jsonb) AS x(ord integer, reference text, resident_id uuid, service_id uuid, service_title text, municipality_code text,
        form_version_id uuid, draft_id uuid, data jsonb, content text, content_sha256 text, method text, signature text, bundle_id uuid, bundle_content text,
        validation_report jsonb, signature_indication text, signature_checked_at timestamptz, signed_by text, idempotency_key text, attachments jsonb, actor_id text, details jsonb)
    ), app AS (
      INSERT INTO applications (reference, resident_id, service_id, service_title, municipality_code, form_version_id, draft_id, data, content, content_sha256,
        method, signature, bundle_id, bundle_content, validation_report, signature_indication, signature_checked_at, signed_by, idempotency_key)
      SELECT reference, resident_id, service_id, service_title, municipality_code, form_version_id, draft_id, data, decode(content, 'base64'), content_sha256,
        method, decode(signature, 'base64'), bundle_id, decode(bundle_content, 'base64'), validation_report, signature_indication, signature_checked_at, signed_by, idempotency_key
      FROM input ORDER BY draft_id -- one lock order for every statement: two never deadlock on a retried draft
      ON CONFLICT DO NOTHING
      RETURNING id, reference, resident_id, service_id, service_title, municipality_code, mode, form_version_id, draft_id, content_sha256, method, bundle_id,
        signature_indication, signature_checked_at, idempotency_key, status, status_changed_at, arrived_at
    ), att AS (
      INSERT INTO application_attachments (application_id, municipality_code, name, requirement, original_required, media_type, size, sha256)
      SELECT app.id, app.municipality_code, a.name, a.requirement, a.original_required, a.media_type, a.size, a.sha256
      FROM app JOIN input ON input.reference = app.reference
      CROSS JOIN jsonb_to_recordset(input.attachments) AS a(ord integer, name text, requirement text, original_required boolean, media_type text, size integer, sha256 text)
      ORDER BY input.ord, a.ord
      RETURNING id, application_id, event_id, name, requirement, original_required, media_type, size, sha256, created_at
    ), event AS (
      INSERT INTO application_events (application_id, municipality_code, kind, status, actor_kind, actor_id, details)
      SELECT app.id, app.municipality_code, 'arrived', 'arrived', 'resident', input.actor_id, input.details
      FROM app JOIN input ON input.reference = app.reference ORDER BY input.ord
      RETURNING id
    ), gone AS (
      DELETE FROM application_drafts d USING app WHERE d.id = app.draft_id AND d.resident_id = app.resident_id
      RETURNING d.id
    )
    SELECT app.*, (SELECT coalesce(jsonb_agg(to_jsonb(att) ORDER BY att.created_at, att.id), '[]'::jsonb) FROM att WHERE att.application_id = app.id) AS attachments
    FROM app`);
  const byReference = new Map(result.rows.map((found) => [found.reference, found]));
  return rows.map((row) => {
    const found = byReference.get(row.reference);
    if (!found) return null;
    const { attachments: inserted, ...application } = found;
    return { application, attachments: inserted.map((a) => ({ ...a, created_at: new Date(a.created_at) })) };
  });
}

/** One application: see insertArrivals. */
export async function insertArrival(db: Executor, row: NewArrival): Promise<InsertedArrival | null> {
  const [inserted] = await insertArrivals(db, [row]);
  return inserted ?? null;
}

export async function insertApplicationAttachments(
  db: Executor,
  rows: Array<{ applicationId: string; municipalityCode: string; eventId: number | null; name: string; requirement: string | null; originalRequired: boolean; mediaType: string; size: number; sha256: string }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('application_attachments')
    .values(
      rows.map((r) => ({
        application_id: r.applicationId,
        municipality_code: r.municipalityCode,
        event_id: r.eventId,
        name: r.name,
        requirement: r.requirement,
        original_required: r.originalRequired,
        media_type: r.mediaType,
        size: r.size,
        sha256: r.sha256,
      })),
    )
    .execute();
}

export async function listApplicationAttachments(db: Executor, applicationIds: string[]) {
  if (applicationIds.length === 0) return [];
  return db
    .selectFrom('application_attachments')
    .select(['id', 'application_id', 'event_id', 'name', 'requirement', 'original_required', 'media_type', 'size', 'sha256', 'created_at'])
    .where('application_id', 'in', applicationIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function findApplicationAttachment(db: Executor, applicationId: string, attachmentId: string) {
  if (!isUuid(attachmentId)) return undefined;
  return db
    .selectFrom('application_attachments')
    .select(['id', 'name', 'media_type', 'size', 'sha256'])
    .where('application_id', '=', applicationId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
}

/** An event that does not move the status (a status change goes through moveApplicationStatus). */
export async function insertEvent(db: Executor, row: NewEvent & { applicationId: string; municipalityCode: string }): Promise<number> {
  const { id } = await db
    .insertInto('application_events')
    .values({
      application_id: row.applicationId,
      municipality_code: row.municipalityCode,
      kind: row.kind,
      status: null,
      actor_kind: row.actorKind,
      actor_id: row.actorId,
      message: row.message ?? null,
      data: row.data ? JSON.stringify(row.data) : null,
      details: JSON.stringify(row.details ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(id);
}

export async function listEvents(db: Executor, applicationId: string) {
  return db
    .selectFrom('application_events')
    .select(['id', 'at', 'kind', 'status', 'actor_kind', 'actor_id', 'message', 'data', 'details'])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
}

/** A timeline event: what happened, who did it, and what they said or sent. */
export interface NewEvent {
  kind: ApplicationEventKind;
  actorKind: 'resident' | 'staff' | 'system' | 'platform';
  actorId: string | null;
  message?: string | null;
  data?: Record<string, unknown> | null;
  details?: Record<string, unknown>;
}

/**
 * The one way an application's status moves (issue 11 point 12): only from one of the allowed
 * statuses, and in the same statement as the timeline event that says so, so the history cannot be
 * skipped; a trigger refuses at commit any status change without its event. Null, and nothing
 * written, when the application is elsewhere (or, with a resident, not theirs).
 */
export async function moveApplicationStatus(
  db: Executor,
  input: { applicationId: string; from: readonly ApplicationStatus[]; to: ApplicationStatus; residentId?: string; event: NewEvent },
): Promise<{ id: string; municipalityCode: string; status: ApplicationStatus; eventId: number } | null> {
  if (!isUuid(input.applicationId) || input.from.length === 0) return null;
  const { event } = input;
  const row = await db
    .with('moved', (qb) => {
      let q = qb
        .updateTable('applications')
        .set({ status: input.to, status_changed_at: sql<Date>`clock_timestamp()` })
        .where('id', '=', input.applicationId)
        .where('status', 'in', [...input.from]);
      if (input.residentId) q = q.where('resident_id', '=', input.residentId);
      return q.returning(['id', 'municipality_code', 'status']);
    })
    .with('event', (qb) =>
      qb
        .insertInto('application_events')
        .columns(['application_id', 'municipality_code', 'kind', 'status', 'actor_kind', 'actor_id', 'message', 'data', 'details'])
        .expression((eb) =>
          eb
            .selectFrom('moved')
            .select([
              'moved.id',
              'moved.municipality_code',
              sql<string>`${event.kind}::text`.as('kind'),
              'moved.status',
              sql<string>`${event.actorKind}::text`.as('actor_kind'),
              sql<string | null>`${event.actorId}::text`.as('actor_id'),
              sql<string | null>`${event.message ?? null}::text`.as('message'),
              sql<string | null>`${event.data ? JSON.stringify(event.data) : null}::jsonb`.as('data'),
              sql<string>`${JSON.stringify(event.details ?? {})}::jsonb`.as('details'),
            ]),
        )
        .returning('id'),
    )
    .selectFrom(['moved', 'event'])
    .select(['moved.id', 'moved.municipality_code', 'moved.status', 'event.id as event_id'])
    .executeTakeFirst();
  return row ? { id: row.id, municipalityCode: row.municipality_code, status: row.status, eventId: Number(row.event_id) } : null;
}

export async function lockApplication(db: Executor, id: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'municipality_code', 'status', 'resident_id', 'signature_indication', 'arrived_at', 'content', 'signature', 'bundle_content'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setSignatureIndication(db: Executor, id: string, indication: SignatureIndication): Promise<void> {
  await db.updateTable('applications').set({ signature_indication: indication, signature_checked_at: new Date() }).where('id', '=', id).execute();
}

// --- bundles --------------------------------------------------------------------------------------------

export async function insertBundle(db: Executor, row: { residentId: string; idempotencyKey: string | null; contentSha256: string }) {
  return (
    (await db
      .insertInto('application_bundles')
      .values({ resident_id: row.residentId, idempotency_key: row.idempotencyKey, content_sha256: row.contentSha256 })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst()) ?? null
  );
}

export async function findBundleByKey(db: Executor, residentId: string, idempotencyKey: string) {
  return db
    .selectFrom('application_bundles')
    .select(['id', 'content_sha256'])
    .where('resident_id', '=', residentId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export async function residentHome(db: Executor, residentId: string): Promise<string | null> {
  const row = await db.selectFrom('residents').select('home_municipality_code').where('id', '=', residentId).executeTakeFirst();
  return row?.home_municipality_code ?? null;
}

/** The municipality's name as a receipt prints it (prefecture, the city of a ward, then its own name), from the master. */
export async function findMunicipalityName(db: Executor, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('municipalities as m')
    .innerJoin('prefectures as p', 'p.code', 'm.prefecture_code')
    .leftJoin('municipalities as c', 'c.code', 'm.parent_code')
    .select(['p.name as prefecture', 'c.name as city', 'm.name'])
    .where('m.code', '=', code)
    .executeTakeFirst();
  return row ? `${row.prefecture}${row.city ?? ''}${row.name}` : null;
}
