import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { openDatabase, type Db } from '../db/index.ts';
import { databaseKinds, describeOnDatabases, openTestDatabase, type TestDb } from '../testing/database.ts';
import { createJobQueue, defineJob, JOB_SCHEMA, type JobQueue } from './index.ts';

const silent = pino({ level: 'silent' });

async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function jobRow(db: Db, id: string) {
  const { rows } = await db.executeSql(
    `select state, retry_count, retry_limit, retry_backoff, start_after, created_on from ${JOB_SCHEMA}.job where id = $1`,
    [id],
  );
  return rows[0] as { state: string; retry_count: number; retry_limit: number; retry_backoff: boolean; start_after: Date; created_on: Date } | undefined;
}

describeOnDatabases('the job queue', (ctx) => {
  let jobs: JobQueue;
  const runs: Array<{ id: string; retry: number; data: object }> = [];
  const flaky = defineJob<{ n: number }>({
    name: 'test.flaky',
    version: 1,
    retryLimit: 3,
    retryDelay: 1,
    retryBackoff: true,
    async handler(data, { id, retryCount }) {
      runs.push({ id, retry: retryCount, data });
      if (retryCount === 0) throw new Error('first attempt fails');
    },
  });
  const nightly = defineJob({ name: 'test.nightly', version: 1, cron: '0 3 * * *', async handler() {} });
  const later = defineJob({ name: 'test.later', version: 1, async handler() {} });

  before(async () => {
    jobs = createJobQueue(ctx.db, silent, [flaky, nightly, later]);
    await jobs.start({ work: true });
  });
  after(() => jobs.stop());

  test('a failed job is retried with backoff, and its retry count grows', async () => {
    const id = (await jobs.send(flaky, { n: 1 }))!;
    const retried = await until('the retry', async () => runs.find((r) => r.id === id && r.retry === 1));
    assert.deepEqual(retried.data, { n: 1 });
    const first = runs.find((r) => r.id === id && r.retry === 0);
    assert.ok(first, 'the first attempt ran');
    const row = await until('completion', async () => {
      const r = await jobRow(ctx.db, id);
      return r?.state === 'completed' ? r : undefined;
    });
    assert.equal(row.retry_backoff, true);
    assert.equal(row.retry_limit, 3);
  });

  test('a job enqueued in a transaction that rolls back never exists; one that commits does', async () => {
    let rolledBackId: string | null = null;
    await assert.rejects(
      ctx.db.kysely.transaction().execute(async (trx) => {
        rolledBackId = await jobs.send(later, {}, { trx, startAfter: new Date(Date.now() + 3600_000) });
        throw new Error('the state change failed');
      }),
    );
    assert.ok(rolledBackId);
    assert.equal(await jobRow(ctx.db, rolledBackId), undefined);
    const committedId = await ctx.db.kysely.transaction().execute((trx) => jobs.send(later, {}, { trx, startAfter: new Date(Date.now() + 3600_000) }));
    assert.equal((await jobRow(ctx.db, committedId!))?.state, 'created');
  });

  test('a job with a start time waits for it', async () => {
    const at = new Date(Date.now() + 3600_000);
    const id = (await jobs.send(later, {}, { startAfter: at }))!;
    const row = await jobRow(ctx.db, id);
    assert.equal(row?.state, 'created');
    assert.ok(Math.abs(row!.start_after.getTime() - at.getTime()) < 1000);
  });

  test('recurring jobs are scheduled by their cron expression', async () => {
    const { rows } = await ctx.db.executeSql(`select name, cron from ${JOB_SCHEMA}.schedule order by name`);
    assert.deepEqual(rows.map((r) => [r.name, r.cron]), [['test.nightly', '0 3 * * *']]);
  });

  test('an unknown job name is refused at the call, not lost later', async () => {
    await assert.rejects(jobs.send('test.nope', {}), /unknown job test.nope/);
  });

  test('stats count jobs by state', async () => {
    const stats = await jobs.stats('test.later');
    assert.ok(stats.queued >= 2);
  });
});

// The embedded database belongs to one process, so several nodes means PostgreSQL.
const multiNodeSkip = databaseKinds().kinds.includes('postgres') ? undefined : 'several nodes need PostgreSQL: TEST_DATABASE_URL is not set';
describe('several nodes on one queue [postgres]', { skip: multiNodeSkip }, () => {
  let main: TestDb;
  before(async () => {
    main = await openTestDatabase('postgres');
  });
  after(() => main?.close());

  test('every job runs exactly once, never on two nodes at once', async () => {
    const url = main.url!;
    await sql`create table job_runs (job_id text primary key, node int not null)`.execute(main.kysely);
    const nodes = await Promise.all([1, 2, 3].map(() => openDatabase({ kind: 'postgres', url, poolSize: 3 })));
    const queues = nodes.map((db, index) =>
      createJobQueue(db, silent, [
        defineJob({
          name: 'test.once',
          version: 1,
          concurrency: 2,
          async handler(_data, { id }) {
            // The primary key makes a second run of the same job fail loudly.
            await sql`insert into job_runs (job_id, node) values (${id}, ${index})`.execute(db.kysely);
            await new Promise((r) => setTimeout(r, 20));
          },
        }),
      ]),
    );
    try {
      await queues[0]!.start({ work: false });
      const ids = new Set<string>();
      for (let i = 0; i < 60; i++) ids.add((await queues[0]!.send('test.once', { i }))!);
      await Promise.all(queues.map((q) => q.start({ work: true })));
      const done = await until('all jobs', async () => {
        const stats = await queues[0]!.stats('test.once');
        return stats.completed === ids.size ? stats : undefined;
      }, 60);
      assert.equal(done.failed, 0);
      const { rows } = await sql<{ job_id: string; node: number }>`select job_id, node from job_runs`.execute(main.kysely);
      assert.equal(rows.length, ids.size);
      assert.deepEqual(new Set(rows.map((r) => r.job_id)), ids);
      assert.ok(new Set(rows.map((r) => r.node)).size > 1, 'the work was shared between nodes');
    } finally {
      await Promise.all(queues.map((q) => q.stop()));
      await Promise.all(nodes.map((n) => n.close()));
    }
  });
});
