// One-stop for a life event (§3.4): several drafts signed in ONE signing step. The resident signs a
// bundle document that lists the SHA-256 of each application's own document; each draft becomes its
// own application — own reference number, own arrival time (R1) — all in one transaction, each
// keeping its document, the bundle document and the one signature, so each can be verified alone.
import type { Db } from '../../platform/db/index.ts';
import { isAppError } from '../../platform/errors.ts';
import { checkSigner } from './check-signer.ts';
import type { ApplicationsDeps } from './deps.ts';
import { bundleInvalid, idempotencyKeyReused } from './errors.ts';
import type { FormsPort } from './forms.ts';
import { receiptsOf, type ApplicationReceipt } from './present.ts';
import { prepareDraft, type PreparedDraft } from './prepare-draft.ts';
import { recordArrival } from './record-arrival.ts';
import { findApplicationByDraft, findBundleByKey, insertBundle, listApplicationsOfBundle } from './repository.ts';
import { assembleSignature, prepareToBeSigned, type SignatureInput } from './signature-input.ts';
import { arrivalDecision, signatureRefused } from './signature-verifier.ts';
import { buildBundleDocument, sha256Hex } from './signed-content.ts';

export const MAX_BUNDLE_SIZE = 10;

class ArrivedMeanwhile extends Error {
  constructor(readonly bundleId: string) {
    super('the bundle arrived in a concurrent request');
  }
}

function checkDraftIds(draftIds: string[]): void {
  if (draftIds.length < 2 || draftIds.length > MAX_BUNDLE_SIZE || new Set(draftIds).size !== draftIds.length) {
    throw bundleInvalid(`A bundle holds 2 to ${MAX_BUNDLE_SIZE} different drafts.`, `まとめて申請できるのは、異なる下書き2件から${MAX_BUNDLE_SIZE}件までです。`);
  }
}

async function prepareAll(deps: { db: Db; forms?: FormsPort }, residentId: string, draftIds: string[]): Promise<PreparedDraft[]> {
  const prepared: PreparedDraft[] = [];
  for (const id of draftIds) prepared.push(await prepareDraft(deps, residentId, id));
  return prepared;
}

export interface BundleSigningPayload {
  content: Uint8Array;
  contentSha256: string;
  digestAlgorithm: 'sha256';
  applications: Array<{ draftId: string; serviceId: string; contentSha256: string }>;
  toBeSigned: { signedAttributes: Uint8Array; digestInfo: Uint8Array } | null;
  originalsToBring: string[];
}

export async function getBundleSigningPayload(
  deps: { db: Db; forms?: FormsPort },
  input: { residentId: string; draftIds: string[]; certificate?: Uint8Array | null },
): Promise<BundleSigningPayload> {
  checkDraftIds(input.draftIds);
  const prepared = await prepareAll(deps, input.residentId, input.draftIds);
  const content = buildBundleDocument(prepared.map((p) => ({ draftId: p.draftId, serviceId: p.service.id, content: p.content })));
  return {
    content,
    contentSha256: sha256Hex(content),
    digestAlgorithm: 'sha256',
    applications: prepared.map((p) => ({ draftId: p.draftId, serviceId: p.service.id, contentSha256: p.contentSha256 })),
    toBeSigned: input.certificate ? prepareToBeSigned(content, input.certificate) : null,
    originalsToBring: [...new Set(prepared.flatMap((p) => p.check.originalsToBring))],
  };
}

export interface BundleResult {
  bundleId: string;
  applications: ApplicationReceipt[];
  replayed: boolean;
}

async function replayBundle(deps: ApplicationsDeps, bundleId: string, draftIds: string[]): Promise<BundleResult> {
  const rows = await listApplicationsOfBundle(deps.db.kysely, bundleId);
  const same = rows.length === draftIds.length && rows.every((r) => draftIds.includes(r.draft_id));
  if (!same) throw idempotencyKeyReused();
  const byDraft = new Map(rows.map((r) => [r.draft_id, r]));
  return { bundleId, applications: await receiptsOf(deps.db.kysely, draftIds.map((id) => byDraft.get(id)!)), replayed: true };
}

export async function submitBundle(
  deps: ApplicationsDeps,
  input: { residentId: string; draftIds: string[]; signature: SignatureInput; idempotencyKey?: string | null },
): Promise<BundleResult> {
  checkDraftIds(input.draftIds);
  const db = deps.db.kysely;
  const key = input.idempotencyKey ?? null;
  if (key) {
    const existing = await findBundleByKey(db, input.residentId, key);
    if (existing) return replayBundle(deps, existing.id, input.draftIds);
  }
  let prepared: PreparedDraft[];
  try {
    prepared = await prepareAll(deps, input.residentId, input.draftIds);
  } catch (error) {
    // A retry after the bundle arrived (its drafts are gone): answer with the bundle.
    if (isAppError(error) && error.code === 'applications.draft_not_found') {
      const first = await findApplicationByDraft(db, input.residentId, input.draftIds[0]!);
      if (first?.bundle_id) return replayBundle(deps, first.bundle_id, input.draftIds);
    }
    throw error;
  }
  const content = buildBundleDocument(prepared.map((p) => ({ draftId: p.draftId, serviceId: p.service.id, content: p.content })));
  const signature = assembleSignature(input.signature);
  const report = await deps.verifier.verify({ content, signature });
  if (arrivalDecision(report) === 'refuse') throw signatureRefused(report);
  // R17: the one signature must be the account holder's (or a registered proxy's); every draft is the same account's.
  const signedBy = await checkSigner(deps, { residentId: input.residentId, loginCertificate: prepared[0]!.loginCertificate, report });

  let bundleId: string | null;
  try {
    bundleId = await db.transaction().execute(async (trx) => {
      const bundle = await insertBundle(trx, { residentId: input.residentId, idempotencyKey: key, contentSha256: sha256Hex(content) });
      if (!bundle) return null;
      for (const p of prepared) {
        const recorded = await recordArrival(trx, deps.jobs, {
          prepared: p,
          residentId: input.residentId,
          method: 'signed',
          signature,
          report,
          signedBy,
          bundle: { id: bundle.id, content },
          idempotencyKey: null,
        });
        if (!recorded) {
          // A concurrent retry of this very bundle recorded it first: answer with that one.
          const other = await findApplicationByDraft(trx, input.residentId, p.draftId);
          if (other?.bundle_id) throw new ArrivedMeanwhile(other.bundle_id);
          // One of the drafts went in on its own meanwhile: the bundle as signed cannot arrive whole.
          throw bundleInvalid('One of these drafts was already submitted. Sign the remaining ones again.', 'この中の下書きの一部はすでに申請済みです。残りの下書きについて、もう一度署名してください。');
        }
      }
      return bundle.id;
    });
  } catch (error) {
    if (error instanceof ArrivedMeanwhile) return replayBundle(deps, error.bundleId, input.draftIds);
    throw error;
  }
  if (!bundleId) {
    const existing = await findBundleByKey(db, input.residentId, key!);
    return replayBundle(deps, existing!.id, input.draftIds);
  }
  return replayBundle(deps, bundleId, input.draftIds).then((r) => ({ ...r, replayed: false }));
}
