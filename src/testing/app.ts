// Builds the whole HTTP app on a test database, as the server does, with a silent logger. App-level
// (not platform/testing), since it assembles the modules.
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../app.ts';
import { ensureReferenceData } from '../bootstrap.ts';
import { allJobDefinitions } from '../jobs.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { Db } from '../platform/db/index.ts';
import { createJobQueue, type JobQueue } from '../platform/jobs/index.ts';
import { TEST_SIGNING_KEY } from '../modules/evidence/testing.ts';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  jobs: JobQueue;
  close(): Promise<void>;
}

/**
 * The app over `db`, with settings overridden as given (by setting name). `checkpoints` runs the
 * evidence checkpointer as a job-running server does; off by default, so nothing writes behind a test.
 */
export async function buildTestApp(db: Db, settings: Record<string, string | boolean> = {}, options: { checkpoints?: boolean } = {}): Promise<TestApp> {
  // The evidence log signs with the published test key, so tests know its verifier key.
  const config = loadConfig({}, { MEMORY: true, LOG_LEVEL: 'silent', EVIDENCE_SIGNING_KEYS: TEST_SIGNING_KEY, ...settings });
  await ensureReferenceData(db);
  const jobs = createJobQueue(db, pino({ level: 'silent' }), allJobDefinitions(db));
  await jobs.start({ work: false });
  const app = await buildApp({ config, db, jobs, logger: pino({ level: 'silent' }), checkpoints: options.checkpoints ?? false });
  await app.ready();
  return {
    app,
    config,
    jobs,
    async close() {
      await app.close();
      await jobs.stop();
    },
  };
}
