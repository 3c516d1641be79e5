// `onestop worker`: works the job queue without serving HTTP (for extra worker nodes).
import { allJobDefinitions } from './jobs.ts';
import type { Config } from './platform/config.ts';
import { createJobQueue } from './platform/jobs/index.ts';
import { createLogger } from './platform/logging.ts';
import { createProgress } from './platform/progress.ts';
import { prepareDatabase } from './bootstrap.ts';
import { openConfiguredDatabase } from './platform/db/configured.ts';
import { onShutdown } from './platform/runtime.ts';

export async function startWorker(config: Config): Promise<void> {
  const progress = createProgress();
  const logger = createLogger(config.LOG_LEVEL);
  const db = await openConfiguredDatabase(config, progress);
  await prepareDatabase(db, progress);
  const jobs = createJobQueue(db, logger.child({ component: 'jobs' }), allJobDefinitions(db, config));
  await progress.step('Starting the job worker', () => jobs.start({ work: true }), () => `${jobs.definitions().length} job kinds`);
  logger.info('worker running');
  onShutdown(logger, async () => {
    await jobs.stop();
    await db.close();
  });
}
