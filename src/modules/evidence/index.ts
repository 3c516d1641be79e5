// The evidence log (R18): a tamper-evident, append-only record of every legal fact, with signed
// checkpoints and proofs anyone can verify offline. See docs/evidence.md.
import type { FastifyPluginAsync } from 'fastify';
import type { Registry } from 'prom-client';
import type { Db } from '../../platform/db/index.ts';
import { startCheckpointer, type Checkpointer, type CheckpointerLogger } from './checkpointer.ts';
import type { EvidenceKeys } from './keys.ts';
import { registerEvidenceMetrics } from './metrics.ts';
import { registerWitnessMetrics } from './witness-metrics.ts';
import { evidenceRoutes } from './routes.ts';

export interface EvidenceModuleOptions {
  db: Db;
  keys: EvidenceKeys;
  /** The registry of /metrics, for the log's gauges. */
  metrics?: Registry;
  /** On job-running nodes: sign checkpoints every so many milliseconds while the app is up. */
  checkpointer?: { intervalMs: number; logger: CheckpointerLogger } | null;
}

export const evidenceModule: FastifyPluginAsync<EvidenceModuleOptions> = async (app, options) => {
  await app.register(evidenceRoutes, { db: options.db, keys: options.keys });
  if (options.metrics) {
    registerEvidenceMetrics(options.metrics, options.db);
    registerWitnessMetrics(options.metrics, options.db);
  }
  const settings = options.checkpointer;
  if (settings) {
    let checkpointer: Checkpointer | null = null;
    app.addHook('onReady', async () => {
      checkpointer = startCheckpointer({ db: options.db, keys: options.keys, intervalMs: settings.intervalMs, logger: settings.logger });
    });
    app.addHook('onClose', async () => {
      await checkpointer?.stop();
    });
  }
};

export { EMPTY_ROOT, HASH_SIZE, leafHash, nodeHash } from './hashes.ts';
export { witnessOnce, type WitnessOptions } from './witness.ts';
export { witnessCommands } from './witness-cli.ts';
export { witnessJob, WITNESS_JOB_NAME, type WitnessedLog, type WitnessSchedule } from './jobs/witness.ts';
export { loadEvidenceAdminView } from './admin-view.ts';
export { EvidenceAdminPage, type EvidenceAdminView } from './pages/admin-page.tsx';
export { assembleBundle } from './assemble-bundle.ts';
export { checkpointOnce, type CheckpointRound } from './checkpoint-once.ts';
export { startCheckpointer, type Checkpointer, type CheckpointerLogger, type CheckpointerOptions } from './checkpointer.ts';
export { currentVerifierKey, loadEvidenceKeys, type EvidenceKeys, type PublishedKey } from './keys.ts';
export { latestCheckpoint, type StoredCheckpoint } from './repository/checkpoints.ts';
export { evidencePending } from './errors.ts';
export { appendFact, appendFacts, FACT_KINDS, type Fact, type FactKind, type FactMode, type NewFact } from './facts.ts';
export { consistencyProof, findFact, findFacts, headAt, inclusionProof, latestHead, MAX_FACTS_PER_READ, readFacts, rootAt, type TreeHead } from './proofs.ts';
export { DEFAULT_MAX_LEAVES, integrate, pendingFacts, type IntegrateResult } from './integrate.ts';
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
export { CheckpointFormatError, formatCheckpoint, formatCheckpointTime, openCheckpoint, parseCheckpoint, type Checkpoint, type OpenedCheckpoint } from './checkpoint-format.ts';
export { CompactRange, MAX_PROOF_LENGTH, rootFromInclusionProof, verifyBundle, verifyConsistency, verifyInclusion, type BundleVerdict } from './verify.ts';
export { BUNDLE_FORMAT, BundleFormatError, checkBundle, EvidenceBundleSchema, MAX_BUNDLE_BYTES, parseBundle, type EvidenceBundle, type EvidenceFact } from './bundle.ts';
export { evidenceCommands } from './cli.ts';
