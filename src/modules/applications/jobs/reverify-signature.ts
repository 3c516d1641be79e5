// Re-verification of a signature that arrived INDETERMINATE because its revocation status could not
// be had (R1: the application arrived and stays arrived). Validated again at the arrival time as
// proof of existence; the outcome is a timeline event written with the new standing in one
// transaction. Safe to run again: an application no longer INDETERMINATE is left alone, and while
// the answer is still "try later" the job fails so the queue retries it with backoff.
import type { Db } from '../../../platform/db/index.ts';
import { defineJob, type JobDefinition } from '../../../platform/jobs/index.ts';
import { insertEvent, lockApplication, readApplicationRecord, setSignatureIndication } from '../repository.ts';
import { bundleListsContent } from '../signed-content.ts';
import { createDbApplicationVerifier, type ApplicationVerifier } from '../signature-verifier.ts';

export interface ReverifyData {
  applicationId: string;
}

export const REVERIFY_JOB_NAME = 'applications.reverify-signature';

export class StillIndeterminate extends Error {
  constructor(readonly subIndication: string | null) {
    super(`signature still indeterminate (${subIndication ?? 'no sub-indication'}); will retry`);
  }
}

/** Re-verifies one application's signature; returns the indication it now has. */
export async function reverifySignature(deps: { db: Db; verifier: ApplicationVerifier }, data: ReverifyData) {
  const peek = await readApplicationRecord(deps.db.kysely, data.applicationId);
  if (!peek || peek.signature_indication !== 'INDETERMINATE' || !peek.signature) return peek?.signature_indication ?? null;
  const signed = peek.bundle_content ?? peek.content;
  const report = await deps.verifier.verify({ content: signed, signature: peek.signature, proofOfExistence: peek.arrived_at });
  if (report.indication === 'INDETERMINATE') throw new StillIndeterminate(report.subIndication);
  const listed = peek.bundle_content ? bundleListsContent(peek.bundle_content, peek.content) : true;
  const indication = listed ? report.indication : 'TOTAL_FAILED';
  await deps.db.kysely.transaction().execute(async (trx) => {
    const current = await lockApplication(trx, data.applicationId);
    if (!current || current.signature_indication !== 'INDETERMINATE') return;
    await setSignatureIndication(trx, data.applicationId, indication);
    await insertEvent(trx, {
      applicationId: data.applicationId,
      municipalityCode: current.municipality_code,
      kind: 'signature_reverified',
      actorKind: 'platform',
      actorId: null,
      details: { indication, subIndication: report.subIndication, report },
    });
  });
  return indication;
}

export function reverifySignatureJob(db: Db, verifier?: ApplicationVerifier): JobDefinition<ReverifyData> {
  let own: ApplicationVerifier | null = null;
  return defineJob<ReverifyData>({
    name: REVERIFY_JOB_NAME,
    version: 1,
    // Revocation sources come back within hours at worst: about a day of retries with backoff.
    retryLimit: 12,
    retryDelay: 60,
    retryBackoff: true,
    async handler(data, context) {
      own ??= verifier ?? createDbApplicationVerifier(db, { workers: 0 });
      const indication = await reverifySignature({ db, verifier: own }, data);
      context.logger.info({ applicationId: data.applicationId, indication }, 'signature re-verified');
    },
  });
}
