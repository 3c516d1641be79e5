// The evidence log (R18): a tamper-evident, append-only record of every legal fact, with signed
// checkpoints and proofs anyone can verify offline. See docs/evidence.md.
export { EMPTY_ROOT, HASH_SIZE, leafHash, nodeHash } from './hashes.ts';
export { witnessOnce, type WitnessOptions } from './witness.ts';
export { witnessCommands } from './witness-cli.ts';
export { witnessJob, WITNESS_JOB_NAME, type WitnessedLog, type WitnessSchedule } from './jobs/witness.ts';
export { registerWitnessMetrics } from './witness-metrics.ts';
export { loadEvidenceAdminView } from './admin-view.ts';
export { EvidenceAdminPage, type EvidenceAdminView } from './pages/admin-page.tsx';
export { appendFact, FACT_KINDS, type Fact, type FactKind, type FactMode, type NewFact } from './facts.ts';
export { consistencyProof, findFact, headAt, inclusionProof, latestHead, MAX_FACTS_PER_READ, readFacts, rootAt, type TreeHead } from './proofs.ts';
export { DEFAULT_MAX_LEAVES, integrate, type IntegrateResult } from './integrate.ts';
export {
  consistencyRanges,
  decodeFrontier,
  encodeFrontier,
  extendFrontier,
  frontierLevels,
  inclusionRanges,
  rootFromFrontier,
  type CompletedNode,
  type Frontier,
  type LeafRange,
} from './tree.ts';
export type { EvidenceTables } from './tables.ts';
export {
  ALG_ED25519,
  computeKeyId,
  formatVerifierKey,
  generateKey,
  isValidKeyName,
  MAX_NOTE_BYTES,
  MAX_SIGNATURES,
  NoteError,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  type NoteErrorCode,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
  type OpenedNote,
} from './note.ts';
export { CheckpointFormatError, formatCheckpoint, formatCheckpointTime, parseCheckpoint, type Checkpoint } from './checkpoint-format.ts';
export { CompactRange, MAX_PROOF_LENGTH, rootFromInclusionProof, verifyBundle, verifyConsistency, verifyInclusion, type BundleVerdict } from './verify.ts';
export { BUNDLE_FORMAT, BundleFormatError, checkBundle, EvidenceBundleSchema, MAX_BUNDLE_BYTES, parseBundle, type EvidenceBundle, type EvidenceFact } from './bundle.ts';
export { evidenceCommands } from './cli.ts';
