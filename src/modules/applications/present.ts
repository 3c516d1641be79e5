// Applications as callers see them: the receipt (reference number and arrival time, R1; originals to
// bring, R5), and the detail with its data and timeline. Residents never see staff identities.
import { loadArrivalEvidence } from './arrival-evidence.ts';
import type { Executor } from './repository.ts';
import { findApplicationById, listApplicationAttachments, listEvents, readApplicationRecord } from './repository.ts';
import type { ApplicationMethod, ApplicationStatus, SignatureIndication, SignedBy } from './tables.ts';

type SummaryRow = NonNullable<Awaited<ReturnType<typeof findApplicationById>>>;
type AttachmentRow = Awaited<ReturnType<typeof listApplicationAttachments>>[number];
type EventRow = Awaited<ReturnType<typeof listEvents>>[number];

export interface AttachmentView {
  id: string;
  name: string;
  requirement: string | null;
  mediaType: string;
  size: number;
  sha256: string;
  originalRequired: boolean;
}

export interface ApplicationReceipt {
  id: string;
  reference: string;
  service: { id: string; title: string };
  municipalityCode: string;
  formVersionId: string;
  method: ApplicationMethod;
  status: ApplicationStatus;
  /** R1: when the application was recorded; never changes. */
  arrivedAt: string;
  statusChangedAt: string;
  signature: { indication: SignatureIndication; checkedAt: string | null; flagged: boolean } | null;
  bundleId: string | null;
  contentSha256: string;
  attachments: AttachmentView[];
  originalsToBring: string[];
  canWithdraw: boolean;
  canReply: boolean;
  /** The arrival fact in the evidence log; null only if the log has no fact for it (never after its migration). */
  evidence: ReceiptEvidence | null;
}

/**
 * The arrival fact of the evidence log (issue #12): its canonical text exactly as the log holds it,
 * its leaf number once the sequencer has integrated it, and where to download the proof bundle once
 * a signed checkpoint covers that leaf.
 */
export interface ReceiptEvidence {
  fact: string;
  leafIndex: number | null;
  bundleUrl: string | null;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  status: ApplicationStatus | null;
  actor: 'resident' | 'municipality' | 'platform';
  actorId?: string | null;
  message: string | null;
  data: Record<string, unknown> | null;
  attachments: AttachmentView[];
  details?: Record<string, unknown>;
}

export interface ApplicationDetail extends ApplicationReceipt {
  data: Record<string, unknown>;
  timeline: TimelineEntry[];
}

/** What staff see: the detail, and who signed it beside whose account it is (R17). */
export interface StaffApplicationDetail extends ApplicationDetail {
  /** The name in the signature certificate, and whether it is the account holder's card or a registered proxy's; null when not signed. */
  signer: { name: string | null; signedBy: SignedBy | null } | null;
  /** Whose account sent it, and the applicant's name it gave in the form. */
  account: { residentId: string; applicantName: string | null };
}

export const WITHDRAWABLE: readonly ApplicationStatus[] = ['arrived', 'received', 'in_review', 'info_requested'];

function attachmentView(a: AttachmentRow): AttachmentView {
  return { id: a.id, name: a.name, requirement: a.requirement, mediaType: a.media_type, size: a.size, sha256: a.sha256, originalRequired: a.original_required };
}

export function toReceipt(row: SummaryRow, attachments: AttachmentRow[], evidence: ReadonlyMap<string, ReceiptEvidence>): ApplicationReceipt {
  const own = attachments.filter((a) => a.application_id === row.id && a.event_id === null);
  return {
    id: row.id,
    reference: row.reference,
    service: { id: row.service_id, title: row.service_title },
    municipalityCode: row.municipality_code,
    formVersionId: row.form_version_id,
    method: row.method,
    status: row.status,
    arrivedAt: row.arrived_at.toISOString(),
    statusChangedAt: row.status_changed_at.toISOString(),
    signature: row.signature_indication
      ? { indication: row.signature_indication, checkedAt: row.signature_checked_at?.toISOString() ?? null, flagged: row.signature_indication !== 'TOTAL_PASSED' }
      : null,
    bundleId: row.bundle_id,
    contentSha256: row.content_sha256,
    attachments: own.map(attachmentView),
    originalsToBring: [...new Set(own.filter((a) => a.original_required).map((a) => a.requirement ?? a.name))],
    canWithdraw: WITHDRAWABLE.includes(row.status),
    canReply: row.status === 'info_requested',
    evidence: evidence.get(row.id) ?? null,
  };
}

function timelineEntry(e: EventRow, attachments: AttachmentRow[], forStaff: boolean): TimelineEntry {
  const actor = e.actor_kind === 'resident' ? 'resident' : e.actor_kind === 'platform' ? 'platform' : 'municipality';
  return {
    at: e.at.toISOString(),
    kind: e.kind,
    status: e.status,
    actor,
    ...(forStaff ? { actorId: e.actor_id, details: e.details } : {}),
    message: e.message,
    data: e.data,
    attachments: attachments.filter((a) => a.event_id !== null && Number(a.event_id) === Number(e.id)).map(attachmentView),
  };
}

/**
 * Whether to read the arrival facts now, or leave them for `withArrivalEvidence` after the
 * transaction: the evidence log is no tenant's data and the tenant role cannot read it, so the staff
 * side (inside a municipality's scope) reads the facts once its scoped transaction is over.
 */
interface EvidenceOption {
  evidence?: 'now' | 'later';
}

const NO_EVIDENCE: ReadonlyMap<string, ReceiptEvidence> = new Map();

/** Receipts of several applications with one query for their attachments, and their arrival facts. */
export async function receiptsOf(db: Executor, rows: SummaryRow[], options: EvidenceOption = {}): Promise<ApplicationReceipt[]> {
  // One after another: inside a transaction they share one connection.
  const attachments = await listApplicationAttachments(db, rows.map((r) => r.id));
  const evidence = options.evidence === 'later' ? NO_EVIDENCE : await loadArrivalEvidence(db, rows.map((r) => r.id));
  return rows.map((r) => toReceipt(r, attachments, evidence));
}

/** Receipts (or details) made with `evidence: 'later'`, given their arrival facts. */
export async function withArrivalEvidence<T extends ApplicationReceipt>(db: Executor, receipts: T[]): Promise<T[]> {
  const evidence = await loadArrivalEvidence(db, receipts.map((r) => r.id));
  return receipts.map((r) => ({ ...r, evidence: evidence.get(r.id) ?? null }));
}

async function buildDetail(db: Executor, row: SummaryRow, options: { forStaff: boolean } & EvidenceOption) {
  // One after another: inside a transaction they share one connection.
  const attachments = await listApplicationAttachments(db, [row.id]);
  const events = await listEvents(db, row.id);
  const record = await readApplicationRecord(db, row.id);
  const evidence = options.evidence === 'later' ? NO_EVIDENCE : await loadArrivalEvidence(db, [row.id]);
  const detail: ApplicationDetail = {
    ...toReceipt(row, attachments, evidence),
    data: (record?.data ?? {}) as Record<string, unknown>,
    timeline: events.map((e) => timelineEntry(e, attachments, options.forStaff)),
  };
  return { detail, record };
}

export async function detailOf(db: Executor, row: SummaryRow, options: { forStaff: boolean } & EvidenceOption): Promise<ApplicationDetail> {
  return (await buildDetail(db, row, options)).detail;
}

/** The staff detail; the applicant's name is the caller's to fill (it needs the form's layout). */
export async function staffDetailOf(db: Executor, row: SummaryRow, options: EvidenceOption = {}): Promise<StaffApplicationDetail> {
  const { detail, record } = await buildDetail(db, row, { forStaff: true, ...options });
  const basicFour = record?.validation_report?.basicFour as { name?: unknown } | null | undefined;
  return {
    ...detail,
    signer: row.method === 'signed' ? { name: typeof basicFour?.name === 'string' ? basicFour.name : null, signedBy: record?.signed_by ?? null } : null,
    account: { residentId: row.resident_id, applicantName: null },
  };
}
