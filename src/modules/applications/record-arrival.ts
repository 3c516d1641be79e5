// The one place an application is recorded (R1): the row — whose arrived_at the database stamps —
// its attachments, the 'arrived' timeline event, the re-verification job when the signature could
// not be fully checked, and the draft's removal, all in the caller's transaction. Returns null when
// the application was already recorded (same idempotency key or same draft): never a second one.
import type { Transaction } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { ValidationReport } from '../signatures/index.ts';
import { REVERIFY_JOB_NAME } from './jobs/reverify-signature.ts';
import type { PreparedDraft } from './prepare-draft.ts';
import { generateReference } from './reference-number.ts';
import { deleteDraft, findApplicationByDraft, findApplicationByKey, insertApplication, insertApplicationAttachments, insertEvent } from './repository.ts';
import type { ApplicationMethod } from './tables.ts';

export interface ArrivalArgs {
  prepared: PreparedDraft;
  residentId: string;
  method: ApplicationMethod;
  signature: Uint8Array | null;
  report: ValidationReport | null;
  /** The bundle this application arrived in, with the document its signature covers. */
  bundle: { id: string; content: Uint8Array } | null;
  idempotencyKey: string | null;
}

export async function recordArrival(trx: Transaction<Database>, jobs: JobQueue, args: ArrivalArgs): Promise<{ id: string } | null> {
  const { prepared } = args;
  const indication = args.report?.indication ?? null;
  for (let attempt = 0; ; attempt++) {
    const inserted = await insertApplication(trx, {
      reference: generateReference(),
      residentId: args.residentId,
      serviceId: prepared.service.id,
      serviceTitle: prepared.service.title,
      municipalityCode: prepared.municipalityCode,
      formVersionId: prepared.formVersion.id,
      draftId: prepared.draftId,
      data: prepared.data,
      content: prepared.content,
      contentSha256: prepared.contentSha256,
      method: args.method,
      signature: args.signature,
      bundleId: args.bundle?.id ?? null,
      bundleContent: args.bundle?.content ?? null,
      validationReport: args.report as unknown as Record<string, unknown> | null,
      signatureIndication: indication,
      idempotencyKey: args.idempotencyKey,
    });
    if (inserted) {
      const id = inserted.id;
      const originals = new Map(prepared.service.attachments.map((r) => [r.name, r.originalRequired]));
      await insertApplicationAttachments(
        trx,
        prepared.attachments.map((a) => ({
          applicationId: id,
          municipalityCode: prepared.municipalityCode,
          eventId: null,
          name: a.name,
          requirement: a.requirement,
          originalRequired: a.requirement !== null && originals.get(a.requirement) === true,
          mediaType: a.media_type,
          size: a.size,
          sha256: a.sha256,
        })),
      );
      await insertEvent(trx, {
        applicationId: id,
        municipalityCode: prepared.municipalityCode,
        kind: 'arrived',
        status: 'arrived',
        actorKind: 'resident',
        actorId: args.residentId,
        details: { method: args.method, indication, subIndication: args.report?.subIndication ?? null, bundleId: args.bundle?.id ?? null },
      });
      if (indication === 'INDETERMINATE') {
        // In the same transaction: the job exists exactly when the flagged application does.
        await jobs.send(REVERIFY_JOB_NAME, { applicationId: id }, { trx, singletonKey: id, startAfter: new Date(Date.now() + 60_000) });
      }
      await deleteDraft(trx, args.residentId, prepared.draftId);
      return { id };
    }
    // Nothing inserted: the same request already arrived, or (once in ~10^16) the reference was taken.
    const existing =
      (args.idempotencyKey ? await findApplicationByKey(trx, args.residentId, args.idempotencyKey) : undefined) ??
      (await findApplicationByDraft(trx, args.residentId, prepared.draftId));
    if (existing) return null;
    if (attempt >= 3) throw new Error('could not record the application: reference numbers kept colliding');
  }
}
