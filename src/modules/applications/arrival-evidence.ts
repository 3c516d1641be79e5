// What a receipt says of the application's arrival fact in the evidence log (issue #12 point 4): the
// fact exactly as the log holds it (appended by the arrival's own statement, so it is there as soon
// as the application is), its leaf number once the sequencer has integrated it, and the address of
// the proof bundle once a signed checkpoint covers that leaf. And the bundle itself, for the
// resident's own application only.
import { assembleBundle, findFact, latestCheckpointSize, type EvidenceBundle } from '../evidence/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { applicationNotFound } from './errors.ts';
import { evidencePending } from '../evidence/index.ts';
import type { ReceiptEvidence } from './present.ts';
import { findApplicationOfResident, type Executor } from './repository.ts';

export const ARRIVAL_FACT = 'application.arrived';

export function bundleUrlOf(applicationId: string): string {
  return `/api/v1/applications/${applicationId}/evidence`;
}

/** The receipts' evidence, by application id: one lookup per application (an index probe each). */
export async function loadArrivalEvidence(db: Executor, applicationIds: readonly string[]): Promise<Map<string, ReceiptEvidence>> {
  const found = new Map<string, ReceiptEvidence>();
  if (applicationIds.length === 0) return found;
  // One after another: inside a transaction they share one connection.
  const covered = await latestCheckpointSize(db);
  for (const id of applicationIds) {
    const fact = await findFact(db, ARRIVAL_FACT, id);
    if (!fact) continue;
    found.set(id, { fact: fact.fact, leafIndex: fact.leafIndex, bundleUrl: fact.leafIndex !== null && fact.leafIndex < covered ? bundleUrlOf(id) : null });
  }
  return found;
}

/** The proof bundle of one of the resident's applications; 409 evidence.pending until a checkpoint covers it. */
export async function getMyArrivalBundle(deps: { db: Db; evidenceVerifierKey: () => string }, input: { residentId: string; applicationId: string }): Promise<{ reference: string; bundle: EvidenceBundle }> {
  const row = await findApplicationOfResident(deps.db.kysely, input.residentId, input.applicationId);
  if (!row) throw applicationNotFound();
  const bundle = await assembleBundle(deps.db.kysely, ARRIVAL_FACT, row.id, deps.evidenceVerifierKey());
  if (!bundle) throw evidencePending();
  return { reference: row.reference, bundle };
}
