// The one place an application is recorded (R1): the row — whose arrived_at the database stamps —
// its attachments, the 'arrived' timeline event and the draft's removal in one statement, and the
// re-verification job when the signature could not be fully checked in the same transaction. Returns
// null when the application was already recorded (same idempotency key or same draft): never a
// second one. Given the pool rather than a transaction, an arrival without a job goes through the
// group commit below: one statement, atomic by itself, shared with the other arrivals of the same
// moment; one with a job opens its own transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { ValidationReport } from '../signatures/index.ts';
import { REVERIFY_JOB_NAME } from './jobs/reverify-signature.ts';
import type { PreparedDraft } from './prepare-draft.ts';
import { generateReference } from './reference-number.ts';
import { findApplicationByDraft, findApplicationByKey, insertArrival, insertArrivals, type ApplicationAttachmentRow, type ApplicationSummaryRow, type Executor, type InsertedArrival, type NewArrival } from './repository.ts';
import type { ApplicationMethod, SignedBy } from './tables.ts';

export interface ArrivalArgs {
  prepared: PreparedDraft;
  residentId: string;
  method: ApplicationMethod;
  signature: Uint8Array | null;
  report: ValidationReport | null;
  /** R17: who signed (checkSigner); null for a simple application. */
  signedBy: SignedBy | null;
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
    const row: NewArrival = {
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
      signedBy: args.signedBy,
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
      details: { method: args.method, indication, subIndication: args.report?.subIndication ?? null, signedBy: args.signedBy, bundleId: args.bundle?.id ?? null },
    };
    // Inside a transaction (a bundle, a job to enqueue) the statement runs in it; otherwise it goes
    // with the other arrivals of this moment (group commit).
    const inserted = db.isTransaction ? await insertArrival(db, row) : await arrivalWriterOf(db as Kysely<Database>).write(row);
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

interface Waiting {
  row: NewArrival;
  resolve: (inserted: InsertedArrival | null) => void;
  reject: (error: unknown) => void;
}

/** Statements of arrivals running at once per database; the pool keeps the rest for reads. */
const MAX_IN_FLIGHT = 2;
/** Applications in one statement at most. */
const MAX_BATCH = 64;

/**
 * Group commit of arrivals. When fewer than MAX_IN_FLIGHT arrival statements are running, an
 * arrival goes at once (with any that came in the same turn of the event loop); otherwise it waits
 * for one to finish and goes with everything that waited, in one statement and one commit. Each
 * application keeps its own row, arrival time, attachments, event and receipt, and one that
 * conflicts is skipped alone (null). When a statement fails, its applications are written again one
 * by one, so one bad application never takes the others with it.
 */
class ArrivalWriter {
  #queue: Waiting[] = [];
  #inFlight = 0;
  #scheduled = false;

  constructor(private readonly db: Kysely<Database>) {}

  write(row: NewArrival): Promise<InsertedArrival | null> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ row, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        queueMicrotask(() => {
          this.#scheduled = false;
          this.#pump();
        });
      }
    });
  }

  #pump(): void {
    while (this.#inFlight < MAX_IN_FLIGHT && this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      this.#inFlight++;
      void this.#flush(batch).finally(() => {
        this.#inFlight--;
        this.#pump();
      });
    }
  }

  async #flush(batch: Waiting[]): Promise<void> {
    try {
      const inserted = await insertArrivals(this.db, batch.map((w) => w.row));
      batch.forEach((w, i) => w.resolve(inserted[i]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      for (const w of batch) {
        try {
          w.resolve(await insertArrival(this.db, w.row));
        } catch (alone) {
          w.reject(alone);
        }
      }
    }
  }
}

const writers = new WeakMap<Kysely<Database>, ArrivalWriter>();

function arrivalWriterOf(db: Kysely<Database>): ArrivalWriter {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new ArrivalWriter(db)));
  return writer;
}
