// Background work on a PostgreSQL-backed queue (pg-boss, docs/adr/0004) shared by every node.
//
// Jobs are declared once as definitions (name, version, retry policy, handler). A job can be
// enqueued inside the caller's transaction, so it exists exactly when the state change that
// asked for it commits. pg-boss fetches with SKIP LOCKED, so several nodes can work one queue and
// no job runs twice at once; a job still active when its node dies expires and is retried.
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../db/index.ts';

export interface JobContext {
  id: string;
  /** 0 on the first run, 1 on the first retry, … */
  retryCount: number;
  logger: Logger;
}

export interface JobDefinition<T extends object = object> {
  /** Dotted name, e.g. `notices.fan-out`. */
  name: string;
  /** Raised when the shape of `data` changes incompatibly; old jobs keep their version. */
  version: number;
  retryLimit?: number;
  /** Seconds before the first retry. */
  retryDelay?: number;
  /** Double the delay on every retry. */
  retryBackoff?: boolean;
  /** A run longer than this is taken as dead and retried. */
  expireInSeconds?: number;
  /** Recurring: a cron expression (minute granularity, UTC). */
  cron?: string;
  /** How many jobs of this kind one node runs at once. */
  concurrency?: number;
  /** Must be safe to run again: a node can die after the work and before the acknowledgement. */
  handler(data: T, context: JobContext): Promise<void>;
}

export function defineJob<T extends object>(definition: JobDefinition<T>): JobDefinition<T> {
  return definition;
}

export interface SendOptions {
  /** Run at or after this time. */
  startAfter?: Date;
  /** At most one queued job with this key. */
  singletonKey?: string;
  /** Enqueue inside this transaction: the job exists only if it commits. */
  trx?: Transaction<any> | Kysely<any>;
}

export interface JobQueue {
  /** Installs or upgrades the queue's schema and creates a queue per definition. */
  start(options: { work: boolean }): Promise<void>;
  send<T extends object>(definition: JobDefinition<T> | string, data: T, options?: SendOptions): Promise<string | null>;
  /** Counts of jobs by state for one queue. */
  stats(name: string): Promise<{ queued: number; active: number; failed: number; completed: number }>;
  definitions(): ReadonlyArray<JobDefinition<any>>;
  stop(): Promise<void>;
}

export const JOB_SCHEMA = 'pgboss';

function executorOf(db: Transaction<any> | Kysely<any>): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as any[] };
    },
  };
}

export interface JobQueueOptions {
  /** How often expired and old jobs are swept (default 60 s; tests shorten it). */
  maintenanceIntervalSeconds?: number;
}

export function createJobQueue(
  db: Db,
  logger: Logger,
  definitions: ReadonlyArray<JobDefinition<any>>,
  options: JobQueueOptions = {},
): JobQueue {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  if (byName.size !== definitions.length) throw new Error('two job definitions share a name');
  const pollSeconds = db.kind === 'pglite' ? 1 : 0.5;
  const boss = new PgBoss({
    db: { executeSql: (text, values) => db.executeSql(text, values) },
    schema: JOB_SCHEMA,
    // Maintenance and cron are safe on every node: pg-boss elects one with an advisory lock.
    supervise: true,
    schedule: true,
    migrate: true,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // On the embedded database polling shares the one session; on PostgreSQL it is cheap.
    pollingIntervalSeconds: pollSeconds,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  let started = false;

  return {
    async start({ work }) {
      await boss.start();
      started = true;
      for (const d of definitions) {
        const options = {
          name: d.name,
          retryLimit: d.retryLimit ?? 5,
          retryDelay: d.retryDelay ?? 10,
          retryBackoff: d.retryBackoff ?? true,
          expireInSeconds: d.expireInSeconds ?? 15 * 60,
        };
        if (await boss.getQueue(d.name)) await boss.updateQueue(d.name, options);
        else await boss.createQueue(d.name, options);
        if (d.cron) await boss.schedule(d.name, d.cron, {}, { tz: 'UTC' });
        else await boss.unschedule(d.name).catch(() => {});
      }
      if (!work) return;
      for (const d of definitions) {
        const handle = async ([job]: PgBoss.JobWithMetadata<object>[]) => {
          if (!job) return;
          const data = job.data as { version?: number; payload?: object };
          const jobLogger = logger.child({ job: { id: job.id, name: d.name, retry: job.retryCount } });
          await d.handler(data.payload ?? {}, { id: job.id, retryCount: job.retryCount, logger: jobLogger });
        };
        // One worker per unit of concurrency: each fetches and runs one job at a time.
        for (let i = 0; i < (d.concurrency ?? 1); i++) {
          await boss.work<object>(d.name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: pollSeconds }, handle);
        }
      }
    },

    async send(definitionOrName, data, options = {}) {
      const name = typeof definitionOrName === 'string' ? definitionOrName : definitionOrName.name;
      const definition = byName.get(name);
      if (!definition) throw new Error(`unknown job ${name}`);
      if (!started) throw new Error('the job queue is not started');
      return boss.send(name, { version: definition.version, payload: data }, {
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(options.trx ? { db: executorOf(options.trx) } : {}),
      });
    },

    async stats(name) {
      const { rows } = await db.executeSql(
        `select state, count(*)::int as n from ${JOB_SCHEMA}.job where name = $1 group by state`,
        [name],
      );
      const n = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
      return { queued: n('created') + n('retry'), active: n('active'), failed: n('failed'), completed: n('completed') };
    },

    definitions: () => definitions,

    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000, close: false });
    },
  };
}
