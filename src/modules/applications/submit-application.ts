// Submitting one draft (§3.4, R1, R3, R4, R17). Signed: the signature is verified on arrival; a failed
// one is refused with the reason and nothing is written, and so is one not made with the signed-in
// resident's own card nor by a registered proxy; one whose revocation status could not be
// had is recorded, flagged and re-verified by a job. Simple: only where the service offers it and
// never for a My Number use procedure. With an idempotency key — and in any case per draft — a
// retry returns the application already recorded, never a second one.
import { checkSigner } from './check-signer.ts';
import type { ApplicationsDeps } from './deps.ts';
import { idempotencyKeyReused, signatureMissing, signatureRequired } from './errors.ts';
import { loadArrivalEvidence } from './arrival-evidence.ts';
import { receiptsOf, toReceipt, type ApplicationReceipt } from './present.ts';
import { prepareFromContext } from './prepare-draft.ts';
import { recordArrival } from './record-arrival.ts';
import { findApplicationByDraft, findApplicationById, findApplicationByKey, findDraftContext } from './repository.ts';
import { assembleSignature, type SignatureInput } from './signature-input.ts';
import { arrivalDecision, signatureRefused } from './signature-verifier.ts';
import type { ApplicationMethod, SignedBy } from './tables.ts';

export interface SubmitApplicationInput {
  residentId: string;
  draftId: string;
  method: ApplicationMethod;
  signature?: SignatureInput | null;
  idempotencyKey?: string | null;
}

export interface SubmitResult {
  application: ApplicationReceipt;
  /** True when this was a retry and the application had already arrived. */
  replayed: boolean;
}

type Row = NonNullable<Awaited<ReturnType<typeof findApplicationById>>>;

async function replay(deps: ApplicationsDeps, row: Row, draftId: string): Promise<SubmitResult> {
  if (row.draft_id !== draftId) throw idempotencyKeyReused();
  const [application] = await receiptsOf(deps.db.kysely, [row]);
  return { application: application!, replayed: true };
}

export async function submitApplication(deps: ApplicationsDeps, input: SubmitApplicationInput): Promise<SubmitResult> {
  const db = deps.db.kysely;
  const key = input.idempotencyKey ?? null;
  // One statement reads the draft, its attachments, the service and any application under the key.
  const context = await findDraftContext(db, input.residentId, input.draftId, key);
  if (context.existing_application_id) {
    const existing = await findApplicationById(db, context.existing_application_id);
    if (existing) return replay(deps, existing, input.draftId);
  }
  if (!context.draft) {
    // A concurrent retry may have recorded it (and removed the draft) a moment ago.
    const done = await findApplicationByDraft(db, input.residentId, input.draftId);
    if (done) return replay(deps, done, input.draftId);
  }
  const prepared = await prepareFromContext(deps, context);

  let signature: Uint8Array | null = null;
  let report = null;
  let signedBy: SignedBy | null = null;
  if (input.method === 'simple') {
    if (!prepared.service.acceptsSimple) throw signatureRequired();
  } else {
    if (!input.signature) throw signatureMissing();
    signature = assembleSignature(input.signature);
    // Verified before the transaction: the worker pool's time is never spent holding a connection.
    report = await deps.verifier.verify({ content: prepared.content, signature });
    if (arrivalDecision(report) === 'refuse') throw signatureRefused(report);
    signedBy = await checkSigner(deps, { residentId: input.residentId, loginCertificate: prepared.loginCertificate, report });
  }

  // One statement (its own transaction), or a transaction of its own when a job must go with it.
  const recorded = await recordArrival(db, deps.jobs, { prepared, residentId: input.residentId, method: input.method, signature, report, signedBy, bundle: null, idempotencyKey: key });
  if (!recorded) {
    const existing = (key ? await findApplicationByKey(db, input.residentId, key) : undefined) ?? (await findApplicationByDraft(db, input.residentId, input.draftId));
    return replay(deps, existing!, input.draftId);
  }
  // The arrival fact was appended by the arrival's own statement; its leaf comes a moment later.
  return { application: toReceipt(recorded.row, recorded.attachments, await loadArrivalEvidence(db, [recorded.row.id])), replayed: false };
}
