// The sequencer under concurrent writers: one dense order of leaves, every committed fact exactly
// once, nothing of a rolled-back transaction, and no fact given a leaf while a transaction that
// could still precede it is running.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../platform/db/index.ts';
import { describeOnDatabases, type TestDb } from '../../platform/testing/database.ts';
import { appendFact, integrate, latestHead, pendingFacts } from './index.ts';
import { mth } from './test-bundles.ts';
import { integrateAll } from './testing.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const fact = (n: number) => ({ kind: 'record.provided' as const, municipality: '131130', mode: 'test' as const, ids: { n }, digests: {}, details: {} });

describeOnDatabases('the sequencer', (ctx) => {
  // PostgreSQL: writers get a pool of their own, so a dozen transactions really are open at once.
  let writers: Db;
  before(async () => {
    const url = (ctx.db as TestDb).url;
    writers = url ? await openDatabase({ kind: 'postgres', url, poolSize: 12 }) : ctx.db;
  });
  after(async () => {
    if (writers !== ctx.db) await writers?.close();
  });

  // PGlite runs one transaction at a time: there is no other transaction to wait for there.
  if (ctx.kind !== 'pglite') test('a fact of a transaction still running holds back the facts committed after it, which then follow it in order', async () => {
    await integrateAll(ctx.db.kysely);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = 0;
    let appended!: () => void;
    const inFirst = new Promise<void>((resolve) => (appended = resolve));
    const slow = writers.kysely.transaction().execute(async (trx) => {
      first = await appendFact(trx, fact(-1));
      appended();
      await held;
    });
    await inFirst;
    const second = await appendFact(writers.kysely, fact(-2));
    const before = await latestHead(ctx.db.kysely);
    assert.equal((await integrate(ctx.db.kysely)).added, 0, 'the committed fact waits for the running transaction');
    assert.equal(await pendingFacts(ctx.db.kysely), 1);
    release();
    await slow;
    const done = await integrateAll(ctx.db.kysely);
    assert.equal(done.size, before.size + 2);
    assert.equal(await pendingFacts(ctx.db.kysely), 0);
    const { rows } = await sql<{ fact_id: number }>`SELECT fact_id FROM evidence_leaves WHERE leaf_index >= ${before.size} ORDER BY leaf_index`.execute(ctx.db.kysely);
    assert.deepEqual(
      rows.map((r) => Number(r.fact_id)),
      [first, second],
    );
  });

  test('many writers at once, some rolled back, interleaved with integrate: one dense order with every committed fact exactly once', async () => {
    const { rows: start } = await sql<{ max: number }>`SELECT coalesce(max(id), 0)::int AS max FROM evidence_facts`.execute(ctx.db.kysely);
    const committed: number[] = [];
    let finished = false;
    let counter = 0;
    const writer = async (w: number) => {
      for (let round = 0; round < 6; round++) {
        const ids: number[] = [];
        try {
          await writers.kysely.transaction().execute(async (trx) => {
            for (let i = 0; i < 1 + ((w + round) % 4); i++) {
              ids.push(await appendFact(trx, fact(counter++)));
              if (ctx.kind === 'postgres') await sql`SELECT pg_sleep(${Math.random() / 200})`.execute(trx);
            }
            if ((w * 7 + round) % 4 === 0) throw new Error('roll back');
          });
          committed.push(...ids);
        } catch (error) {
          if (!(error instanceof Error) || error.message !== 'roll back') throw error;
        }
      }
    };
    const sequencer = async () => {
      while (!finished) {
        await integrate(ctx.db.kysely, { maxLeaves: 5 });
        await sleep(1);
      }
    };
    const running = sequencer();
    await Promise.all(Array.from({ length: 12 }, (_, w) => writer(w)));
    finished = true;
    await running;
    while ((await integrate(ctx.db.kysely, { maxLeaves: 7 })).added > 0);
    await integrateAll(ctx.db.kysely);

    const { rows } = await sql<{ leaf_index: number | null; id: number; leaf_hash: Buffer }>`
      SELECT l.leaf_index, f.id, f.leaf_hash FROM evidence_facts f LEFT JOIN evidence_leaves l ON l.fact_id = f.id ORDER BY f.xid, f.id`.execute(ctx.db.kysely);
    rows.forEach((row, i) => assert.equal(row.leaf_index === null ? null : Number(row.leaf_index), i, 'dense, in (xid, id) order'));
    // Exactly the committed facts of this test have leaves: none of a rolled-back transaction exists.
    const mine = rows.map((r) => Number(r.id)).filter((id) => id > start[0]!.max);
    assert.deepEqual([...mine].sort((a, b) => a - b), [...committed].sort((a, b) => a - b));
    assert.ok(committed.length > 20 && committed.length < counter, `${committed.length} of ${counter} committed`);
    const leaves = rows.map((r) => r.leaf_hash as Uint8Array);
    const { rows: heads } = await sql<{ size: number; root: Buffer }>`SELECT size, root FROM evidence_heads ORDER BY size`.execute(ctx.db.kysely);
    assert.ok(heads.length > 3);
    for (const h of heads) assert.equal(hex(h.root), hex(mth(leaves.slice(0, Number(h.size)))), `head at ${h.size}`);
    assert.equal((await latestHead(ctx.db.kysely)).size, leaves.length);
  });

  test('several sequencers at once keep one order', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => appendFact(writers.kysely, fact(1000 + i))));
    const results = await Promise.all(Array.from({ length: 4 }, () => integrate(writers.kysely, { maxLeaves: 4 })));
    // Each call that added leaves extended the head its predecessor wrote: no two end at one size.
    const grown = results.filter((r) => r.added > 0).map((r) => r.size);
    assert.equal(new Set(grown).size, grown.length);
    await integrateAll(ctx.db.kysely);
    const { rows } = await sql<{ n: number; max: number }>`SELECT count(*)::int AS n, max(leaf_index)::int AS max FROM evidence_leaves`.execute(ctx.db.kysely);
    assert.equal(rows[0]!.n, rows[0]!.max + 1);
    const { rows: all } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM evidence_facts`.execute(ctx.db.kysely);
    assert.equal(all[0]!.n, rows[0]!.n);
  });
});

describeOnDatabases('the sequencer on a fresh log', (ctx) => {
  test('takes facts in numeric transaction-id order, also where the number of digits changes', async () => {
    // Transaction ids 9, 10 and 100 are long past on any server, so these rows are final at once.
    // Ordered as text, '10' and '100' would come before '9' — and the cursor would then skip facts.
    const rows = [10, 100, 9].map((xid, i) => {
      const body = Buffer.from(JSON.stringify({ n: i }));
      return sql`INSERT INTO evidence_facts (xid, kind, body, leaf_hash) VALUES (${String(xid)}::xid8, 'record.provided', ${body}, sha256('\\x00'::bytea || ${body}::bytea))`;
    });
    for (const row of rows) await row.execute(ctx.db.kysely);
    await integrateAll(ctx.db.kysely);
    const { rows: leaves } = await sql<{ xid: string }>`
      SELECT f.xid::text AS xid FROM evidence_leaves l JOIN evidence_facts f ON f.id = l.fact_id ORDER BY l.leaf_index`.execute(ctx.db.kysely);
    assert.deepEqual(leaves.map((l) => l.xid), ['9', '10', '100']);
  });
});
