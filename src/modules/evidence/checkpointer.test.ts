// The checkpointer as a job-running node runs it: started with the app, signing within an interval
// or two of new facts, and stopped by app.close() — no round runs after it, none is left half done.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import pino from 'pino';
import { buildTestApp } from '../../testing/app.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { startCheckpointer } from './checkpointer.ts';
import type { CheckpointRound } from './checkpoint-once.ts';
import { loadEvidenceKeys } from './keys.ts';
import { loadConfig } from '../../platform/config.ts';
import { latestCheckpoint } from './repository/checkpoints.ts';
import { appendTestArrivals, TEST_SIGNING_KEY } from './testing.ts';

async function until<T>(what: string, probe: () => Promise<T | undefined | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describeOnDatabases('the checkpointer', (ctx) => {
  test('with the app: signs soon after new facts, and after app.close() signs nothing more', async () => {
    const t = await buildTestApp(ctx.db, { EVIDENCE_CHECKPOINT_INTERVAL_MS: '100' }, { checkpoints: true });
    try {
      await appendTestArrivals(ctx.db, 1);
      const signed = await until('a checkpoint', async () => {
        const res = await t.app.inject({ url: '/api/v1/evidence/checkpoint' });
        return res.statusCode === 200 ? res.body : null;
      });
      assert.match(signed, /^onestop\.test\/evidence\n\d+\n/);
    } finally {
      await t.close();
    }
    const before = await latestCheckpoint(ctx.db.kysely);
    await appendTestArrivals(ctx.db, 1);
    await sleep(500);
    assert.deepEqual(await latestCheckpoint(ctx.db.kysely), before);
  });

  test('a test app signs nothing unless asked (its tests see no writes behind their back)', async () => {
    const t = await buildTestApp(ctx.db, { EVIDENCE_CHECKPOINT_INTERVAL_MS: '100' });
    try {
      const before = await latestCheckpoint(ctx.db.kysely);
      await appendTestArrivals(ctx.db, 1);
      await sleep(400);
      assert.deepEqual(await latestCheckpoint(ctx.db.kysely), before);
    } finally {
      await t.close();
    }
  });

  test('stop() waits for the round under way, and a failing round is logged without its details and retried', async () => {
    const keys = await loadEvidenceKeys(loadConfig({ EVIDENCE_SIGNING_KEYS: TEST_SIGNING_KEY }).evidence);
    const logged: Array<Record<string, unknown>> = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logged.push(JSON.parse(line) as Record<string, unknown>) });
    const rounds: Array<CheckpointRound | Error> = [];
    // No signer: every round fails before it signs.
    const failing = startCheckpointer({ db: ctx.db, keys: { ...keys, signers: [] }, intervalMs: 20, logger, onRound: (r) => rounds.push(r) });
    await until('three failed rounds', async () => rounds.length >= 3);
    await failing.stop();
    const count = rounds.length;
    await sleep(100);
    assert.equal(rounds.length, count, 'a round ran after stop()');
    assert.equal(rounds.filter((r) => !(r instanceof Error)).length, 0);
    // Logged once, not every round.
    const failures = logged.filter((l) => l.msg === 'evidence checkpoint failed');
    assert.equal(failures.length, 1);
    assert.match(String(failures[0]!.reason), /signing key/);
    assert.equal(failures[0]!.err, undefined, 'no stack, no driver detail');
    assert.equal(failures[0]!.stack, undefined);

    await appendTestArrivals(ctx.db, 1);
    const working = startCheckpointer({ db: ctx.db, keys, intervalMs: 20, logger, onRound: (r) => rounds.push(r) });
    const round = await until('a signed checkpoint', async () => rounds.find((r): r is CheckpointRound => !(r instanceof Error) && r.checkpoint !== null));
    await working.stop();
    assert.deepEqual(await latestCheckpoint(ctx.db.kysely), round.checkpoint);
  });
});
