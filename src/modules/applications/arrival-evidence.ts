// What a receipt says of the application's arrival fact in the evidence log (issue #12 point 4): the
// fact exactly as the log holds it (appended by the arrival's own statement, so it is there as soon
// as the application is), its leaf number once the sequencer has integrated it, and the address of
// the proof bundle once a signed checkpoint covers that leaf. And the bundle itself, for the
// resident's own application only.
import type { Db } from '../../platform/db/index.ts';
import { assembleBundle, evidencePending, findFacts, latestCheckpoint, type EvidenceBundle } from '../evidence/index.ts';
import { applicationNotFound } from './errors.ts';
import type { ReceiptEvidence } from './present.ts';
import { findApplicationOfResident, type Executor } from './repository.ts';

export const ARRIVAL_FACT = 'application.arrived';

export function bundleUrlOf(applicationId: string): string {
  return `/api/v1/applications/${applicationId}/evidence`;
}

/**
 * The receipts' evidence, by application id: one query for all the facts, then the latest
 * checkpoint only if some fact already has its leaf (never on a submit's own receipt: the intake
 * path pays one query for it).
 */
export async function loadArrivalEvidence(db: Executor, applicationIds: readonly string[]): Promise<Map<string, ReceiptEvidence>> {
  const facts = await findFacts(db, ARRIVAL_FACT, applicationIds);
  const anyLeaf = [...facts.values()].some((f) => f.leafIndex !== null);
  const covered = anyLeaf ? ((await latestCheckpoint(db))?.size ?? 0) : 0;
  const found = new Map<string, ReceiptEvidence>();
  for (const [id, { fact, leafIndex }] of facts) {
    found.set(id, { fact, leafIndex, bundleUrl: leafIndex !== null && leafIndex < covered ? bundleUrlOf(id) : null });
  }
  return found;
}

/** The proof bundle of one of the resident's applications; 409 evidence.pending until a checkpoint covers it. */
export async function getMyArrivalBundle(
  deps: { db: Db },
  input: { residentId: string; applicationId: string; verifierKey: string },
): Promise<{ reference: string; bundle: EvidenceBundle }> {
  const row = await findApplicationOfResident(deps.db.kysely, input.residentId, input.applicationId);
  if (!row) throw applicationNotFound();
  const bundle = await assembleBundle(deps.db, ARRIVAL_FACT, row.id, input.verifierKey);
  if (!bundle) throw evidencePending();
  return { reference: row.reference, bundle };
}
