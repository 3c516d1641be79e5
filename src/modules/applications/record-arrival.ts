// The one place an application is recorded (R1): the row — whose arrived_at the database stamps —
// its attachments, the 'arrived' timeline event and the draft's removal in one statement, and the
// re-verification job when the signature could not be fully checked in the same transaction. Returns
// null when the application was already recorded (same idempotency key or same draft): never a
// second one. Given the pool rather than a transaction, an arrival without a job is that one
// statement alone (atomic by itself); one with a job opens its own transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { ValidationReport } from '../signatures/index.ts';
import { REVERIFY_JOB_NAME } from './jobs/reverify-signature.ts';
import type { PreparedDraft } from './prepare-draft.ts';
import { generateReference } from './reference-number.ts';
import { findApplicationByDraft, findApplicationByKey, insertArrival, type ApplicationAttachmentRow, type ApplicationSummaryRow, type Executor } from './repository.ts';
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

export interface RecordedArrival {
  id: string;
  /** What the receipt is made of, as recorded (nothing needs reading back). */
  row: ApplicationSummaryRow;
  attachments: ApplicationAttachmentRow[];
}

export async function recordArrival(db: Executor, jobs: JobQueue, args: ArrivalArgs): Promise<RecordedArrival | null> {
  const { prepared } = args;
  const indication = args.report?.indication ?? null;
  const needsJob = indication === 'INDETERMINATE';
  if (needsJob && !db.isTransaction) return (db as Kysely<Database>).transaction().execute((trx) => recordArrival(trx, jobs, args));
  const originals = new Map(prepared.service.attachments.map((r) => [r.name, r.originalRequired]));
  for (let attempt = 0; ; attempt++) {
    const inserted = await insertArrival(db, {
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
      attachments: prepared.attachments.map((a) => ({
        name: a.name,
        requirement: a.requirement,
        originalRequired: a.requirement !== null && originals.get(a.requirement) === true,
        mediaType: a.media_type,
        size: a.size,
        sha256: a.sha256,
      })),
      actorId: args.residentId,
      details: { method: args.method, indication, subIndication: args.report?.subIndication ?? null, bundleId: args.bundle?.id ?? null },
    });
    if (inserted) {
      const id = inserted.application.id;
      if (needsJob) {
        // In the same transaction: the job exists exactly when the flagged application does.
        await jobs.send(REVERIFY_JOB_NAME, { applicationId: id }, { trx: db, singletonKey: id, startAfter: new Date(Date.now() + 60_000) });
      }
      return { id, row: inserted.application, attachments: inserted.attachments };
    }
    // Nothing inserted: the same request already arrived, or (once in ~10^16) the reference was taken.
    const existing =
      (args.idempotencyKey ? await findApplicationByKey(db, args.residentId, args.idempotencyKey) : undefined) ??
      (await findApplicationByDraft(db, args.residentId, prepared.draftId));
    if (existing) return null;
    if (attempt >= 3) throw new Error('could not record the application: reference numbers kept colliding');
  }
}
