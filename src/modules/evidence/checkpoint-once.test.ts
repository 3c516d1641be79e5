// checkpointOnce on both databases: it integrates what waits, signs a checkpoint whose note opens
// with the verifier key and whose root is the tree's (recomputed here from the facts by RFC 9162's
// definition, not by the module's code), signs nothing when nothing is new, and signs with every key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import type { Db } from '../../platform/db/index.ts';
import { parseCheckpoint } from './checkpoint-format.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { checkpointOnce, type CheckpointRound } from './checkpoint-once.ts';
import { leafHash } from './hashes.ts';
import { openNote, parseSignerKey, type NoteSigner } from './note.ts';
import { latestCheckpoint, listCheckpoints, type StoredCheckpoint } from './repository/checkpoints.ts';
import { consistencyProof, readFacts } from './proofs.ts';
import { mth } from './test-bundles.ts';
import { verifyConsistency } from './verify.ts';
import { appendTestArrivals, checkpointEverything, TEST_ORIGIN, TEST_SIGNING_KEY, TEST_SIGNING_KEY_2, TEST_VERIFIER_KEY, TEST_VERIFIER_KEY_2 } from './testing.ts';

async function rootOfFacts(db: Db, size: number): Promise<Uint8Array> {
  const facts = await readFacts(db.kysely, 0, size);
  assert.equal(facts.length, size);
  return mth(facts.map((f) => leafHash(Buffer.from(f.fact, 'utf8'))));
}

/**
 * Rounds until one signs a checkpoint of at least `minSize` leaves: a fact waits for every
 * transaction begun before it to end, and on a shared server that includes other test processes'.
 */
async function signedRound(db: Db, signers: NoteSigner[], minSize: number): Promise<CheckpointRound & { checkpoint: StoredCheckpoint }> {
  const deadline = Date.now() + 30_000;
  let integrated = 0;
  for (;;) {
    const round = await checkpointOnce(db, signers, TEST_ORIGIN);
    integrated += round.integrated;
    if (round.checkpoint && round.checkpoint.size >= minSize) return { integrated, checkpoint: round.checkpoint };
    assert.ok(Date.now() < deadline, `no checkpoint of ${minSize} leaves`);
    await sleep(20);
  }
}

const key = parseSignerKey(TEST_SIGNING_KEY);
const key2 = parseSignerKey(TEST_SIGNING_KEY_2);

describeOnDatabases('checkpointOnce', (ctx) => {
  test('an empty log gets no checkpoint', async () => {
    const round = await checkpointOnce(ctx.db, [key], TEST_ORIGIN);
    assert.equal(round.checkpoint, null);
    assert.equal(await latestCheckpoint(ctx.db.kysely), undefined);
  });

  test('new facts: they are integrated and a checkpoint of the tree is signed, which opens with the verifier key and carries the tree’s root', async () => {
    await appendTestArrivals(ctx.db, 7);
    const round = await signedRound(ctx.db, [key], 7);
    assert.equal(round.integrated, 7);
    assert.equal(round.checkpoint.size, 7);
    const { size, root, note, time } = round.checkpoint;
    const opened = openNote(note, [TEST_VERIFIER_KEY]);
    const body = parseCheckpoint(opened.text);
    assert.equal(body.origin, TEST_ORIGIN);
    assert.equal(body.size, size);
    assert.deepEqual(Buffer.from(body.root), Buffer.from(root));
    assert.deepEqual(Buffer.from(root), Buffer.from(await rootOfFacts(ctx.db, size)));
    // Whole seconds, from the database clock, never before now (it is rounded up).
    assert.equal(time.getTime() % 1000, 0);
    assert.equal(body.time, time.toISOString().replace('.000Z', 'Z'));
    assert.ok(Math.abs(time.getTime() - Date.now()) < 60_000);
    assert.deepEqual(await latestCheckpoint(ctx.db.kysely), round.checkpoint);
    // Another key's verifier does not open it.
    assert.throws(() => openNote(note, [TEST_VERIFIER_KEY_2]));
  });

  test('nothing new: no new checkpoint', async () => {
    const before = await listCheckpoints(ctx.db.kysely, 0, 1000);
    const round = await checkpointOnce(ctx.db, [key], TEST_ORIGIN);
    assert.equal(round.checkpoint, null);
    assert.equal(round.integrated, 0);
    assert.deepEqual(await listCheckpoints(ctx.db.kysely, 0, 1000), before);
  });

  test('rotation with overlap: two keys give two signatures, each of which verifies alone; sizes and times only rise', async () => {
    const previous = (await latestCheckpoint(ctx.db.kysely))!;
    await appendTestArrivals(ctx.db, 3);
    const round = await signedRound(ctx.db, [key2, key], previous.size + 3);
    const { note, size } = round.checkpoint;
    assert.equal((note.match(/^\u2014 /gm) ?? []).length, 2, note);
    for (const verifier of [TEST_VERIFIER_KEY, TEST_VERIFIER_KEY_2]) {
      assert.equal(parseCheckpoint(openNote(note, [verifier]).text).size, size);
    }
    assert.ok(size >= previous.size + 3);
    assert.ok(round.checkpoint.time.getTime() >= previous.time.getTime());
    assert.deepEqual(Buffer.from(round.checkpoint.root), Buffer.from(await rootOfFacts(ctx.db, size)));
  });

  test('several nodes at once, facts arriving meanwhile: one line of checkpoints, each consistent with the one before', async () => {
    const from = (await latestCheckpoint(ctx.db.kysely))!.size;
    await Promise.all([
      ...Array.from({ length: 4 }, () => appendTestArrivals(ctx.db, 5)),
      ...Array.from({ length: 6 }, (_, i) => checkpointOnce(ctx.db, [i % 2 ? key : key2], TEST_ORIGIN)),
    ]);
    await checkpointEverything(ctx.db);
    const line = await listCheckpoints(ctx.db.kysely, from, 1000);
    assert.equal(line.at(-1)!.size, from + 20);
    for (let i = 1; i < line.length; i++) {
      const [a, b] = [line[i - 1]!, line[i]!];
      assert.ok(b.size > a.size && b.time.getTime() >= a.time.getTime(), `${a.size}@${a.time.toISOString()} then ${b.size}@${b.time.toISOString()}`);
      const proof = await consistencyProof(ctx.db.kysely, a.size, b.size);
      assert.ok(verifyConsistency(a.size, b.size, proof, a.root, b.root), `${a.size} → ${b.size}`);
    }
    for (const c of line) assert.deepEqual(Buffer.from(c.root), Buffer.from(await rootOfFacts(ctx.db, c.size)));
  });

  test('checkpoints are append-only, even for the database owner', async () => {
    const { sql } = await import('kysely');
    await assert.rejects(sql`update evidence_checkpoints set note = 'forged'`.execute(ctx.db.kysely), /append-only/);
    await assert.rejects(sql`delete from evidence_checkpoints`.execute(ctx.db.kysely), /append-only/);
    await assert.rejects(sql`truncate evidence_checkpoints`.execute(ctx.db.kysely), /append-only/);
  });
});
