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

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  jobs: JobQueue;
  close(): Promise<void>;
}

/** The app over `db`, with settings overridden as given (by setting name). */
export async function buildTestApp(db: Db, settings: Record<string, string | boolean> = {}): Promise<TestApp> {
  const config = loadConfig({}, { MEMORY: true, LOG_LEVEL: 'silent', ...settings });
  await ensureReferenceData(db);
  const jobs = createJobQueue(db, pino({ level: 'silent' }), allJobDefinitions(db, config));
  await jobs.start({ work: false });
  const app = await buildApp({ config, db, jobs, logger: pino({ level: 'silent' }) });
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
