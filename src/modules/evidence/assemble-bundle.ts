// A proof bundle (docs/evidence.md): one fact, its inclusion proof in the tree of the latest
// checkpoint, that checkpoint as signed, and the key to check it with. Whoever holds it can prove
// the fact to anyone, offline, without trusting the platform (issue #12, point 4).
import type { Db } from '../../platform/db/index.ts';
import type { FactKind } from './facts.ts';
import { latestCheckpoint } from './repository/checkpoints.ts';
import { findFact, inclusionProof } from './proofs.ts';
import { BUNDLE_FORMAT, type EvidenceBundle } from './bundle.ts';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * The bundle of the fact of `kind` about `subjectId`, or null while no checkpoint covers it yet
 * (the fact waits for its leaf, or its leaf for the next checkpoint: a second or two).
 */
export async function assembleBundle(db: Db, kind: FactKind, subjectId: string, verifierKey: string): Promise<EvidenceBundle | null> {
  const found = await findFact(db.kysely, kind, subjectId);
  if (!found || found.leafIndex === null) return null;
  const checkpoint = await latestCheckpoint(db.kysely);
  if (!checkpoint || checkpoint.size <= found.leafIndex) return null;
  const proof = await inclusionProof(db.kysely, found.leafIndex, checkpoint.size);
  return {
    format: BUNDLE_FORMAT,
    fact: found.fact,
    leafIndex: found.leafIndex,
    treeSize: checkpoint.size,
    inclusionProof: proof.map(base64),
    checkpoint: checkpoint.note,
    verifierKey,
  };
}
