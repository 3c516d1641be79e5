// `onestop worker`: works the job queue without serving HTTP (for extra worker nodes).
import { allJobDefinitions } from './jobs.ts';
import type { Config } from './platform/config.ts';
import { createJobQueue } from './platform/jobs/index.ts';
import { createLogger } from './platform/logging.ts';
import { createProgress } from './platform/progress.ts';
import { prepareDatabase } from './bootstrap.ts';
import { openConfiguredDatabase } from './platform/db/configured.ts';
import { onShutdown } from './platform/runtime.ts';
import { loadEvidenceKeys, startCheckpointer } from './modules/evidence/index.ts';

export async function startWorker(config: Config): Promise<void> {
  const progress = createProgress();
  const logger = createLogger(config.LOG_LEVEL);
  const evidenceKeys = await loadEvidenceKeys(config.evidence);
  const db = await openConfiguredDatabase(config, progress);
  await prepareDatabase(db, progress);
  const jobs = createJobQueue(db, logger.child({ component: 'jobs' }), allJobDefinitions(db));
  await progress.step('Starting the job worker', () => jobs.start({ work: true }), () => `${jobs.definitions().length} job kinds`);
  // Every job-running node signs the evidence log's checkpoints; the locks keep one order of them.
  const checkpointer = startCheckpointer({ db, keys: evidenceKeys, intervalMs: config.evidence.checkpointIntervalMs, logger: logger.child({ component: 'evidence' }) });
  logger.info('worker running');
  onShutdown(logger, async () => {
    await checkpointer.stop();
    await jobs.stop();
    await db.close();
  });
}
