// The staff side's minimum over the timeline (§3.5 is the intake module's): list and read the
// municipality's applications, and move one on — received, in review, more information requested,
// accepted, rejected — each move one transaction with its timeline event. Always inside the staff
// member's scope: another municipality's application is simply not there (R15).
import type { Db } from '../../platform/db/index.ts';
import { withScope, type Scope } from '../../platform/db/tenancy.ts';
import { AppError } from '../../platform/errors.ts';
import { applicationNotFound, attachmentNotFound, statusTransitionRefused } from './errors.ts';
import { sharedAnswersOf } from '../forms/index.ts';
import { FORMS } from './forms.ts';
import { detailOf, receiptsOf, staffDetailOf, withArrivalEvidence, type ApplicationDetail, type ApplicationReceipt, type StaffApplicationDetail } from './present.ts';
import { findApplicationAttachment, findApplicationById, listApplicationsInScope, moveApplicationStatus, readBlob } from './repository.ts';
import type { ApplicationStatus } from './tables.ts';

export type StaffDecision = 'received' | 'in_review' | 'info_requested' | 'accepted' | 'rejected';

/** From which statuses each move is allowed. */
export const ALLOWED_FROM: Record<StaffDecision, readonly ApplicationStatus[]> = {
  received: ['arrived'],
  in_review: ['arrived', 'received', 'info_requested'],
  info_requested: ['received', 'in_review'],
  accepted: ['received', 'in_review', 'info_requested'],
  rejected: ['received', 'in_review', 'info_requested'],
};

export interface StaffActor {
  staffId: string;
  scope: Scope;
}

export async function listApplicationsForStaff(
  deps: { db: Db },
  actor: StaffActor,
  input: { status?: ApplicationStatus; limit?: number; offset?: number },
): Promise<{ total: number; items: ApplicationReceipt[] }> {
  const { total, items } = await withScope(deps.db.kysely, actor.scope, async (trx) => {
    const { rows, total } = await listApplicationsInScope(trx, { status: input.status, limit: input.limit ?? 50, offset: input.offset ?? 0 });
    return { total, items: await receiptsOf(trx, rows, { evidence: 'later' }) };
  });
  return { total, items: await withArrivalEvidence(deps.db.kysely, items) };
}

export async function getApplicationForStaff(deps: { db: Db }, actor: StaffActor, input: { applicationId: string }): Promise<StaffApplicationDetail> {
  const scoped = await withScope(deps.db.kysely, actor.scope, async (trx) => {
    const row = await findApplicationById(trx, input.applicationId);
    if (!row) throw applicationNotFound();
    return staffDetailOf(trx, row, { evidence: 'later' });
  });
  const detail = (await withArrivalEvidence(deps.db.kysely, [scoped]))[0]!;
  // The applicant's name as the account gave it (the forms' shared `applicant.name`), beside the
  // signer's (R17): staff see at once when someone else signed.
  const version = await FORMS.loadFormVersion(deps.db, detail.formVersionId);
  const applicant = version ? sharedAnswersOf(version.definition.layout, detail.data).applicant : undefined;
  const name = applicant && typeof applicant === 'object' && !Array.isArray(applicant) ? (applicant as Record<string, unknown>).name : undefined;
  return { ...detail, account: { ...detail.account, applicantName: typeof name === 'string' ? name : null } };
}

export async function readAttachmentForStaff(
  deps: { db: Db },
  actor: StaffActor,
  input: { applicationId: string; attachmentId: string },
): Promise<{ name: string; mediaType: string; bytes: Uint8Array }> {
  return withScope(deps.db.kysely, actor.scope, async (trx) => {
    const attachment = await findApplicationAttachment(trx, input.applicationId, input.attachmentId);
    // The blob is visible in scope only through an attachment of this municipality (row-level security).
    const blob = attachment ? await readBlob(trx, attachment.sha256) : undefined;
    if (!attachment || !blob) throw attachmentNotFound();
    return { name: attachment.name, mediaType: attachment.media_type, bytes: blob.bytes };
  });
}

export async function changeApplicationStatus(
  deps: { db: Db },
  actor: StaffActor,
  input: { applicationId: string; status: StaffDecision; message?: string | null },
): Promise<ApplicationDetail> {
  const message = input.message?.trim() || null;
  if (input.status === 'info_requested' && !message) {
    throw new AppError('applications.message_required', 'bad_request', 'Say what information is needed: the resident reads this message.', {
      ja: '必要な情報を入力してください。このメッセージは申請者に表示されます。',
      fields: [{ field: 'message', rule: 'required', message: { en: 'required', ja: '入力してください' } }],
    });
  }
  const detail = await withScope(deps.db.kysely, actor.scope, async (trx) => {
    const row = await findApplicationById(trx, input.applicationId);
    if (!row) throw applicationNotFound();
    const moved = await moveApplicationStatus(trx, {
      applicationId: row.id,
      from: ALLOWED_FROM[input.status],
      to: input.status,
      event: { kind: input.status, actorKind: 'staff', actorId: actor.staffId, message },
    });
    if (!moved) throw statusTransitionRefused(row.status, input.status);
    const after = await findApplicationById(trx, row.id);
    return detailOf(trx, after!, { forStaff: true, evidence: 'later' });
  });
  return (await withArrivalEvidence(deps.db.kysely, [detail]))[0]!;
}
