// TEST ONLY — never configure these keys anywhere else. Fixed signing keys for the evidence log's
// tests, so that a test knows the verifier key of the checkpoints it gets without asking the app.
// Their private halves are published right here: a checkpoint signed with them proves nothing.
// (Seeds: SHA-256 of "kosodate-onestop evidence test key[ 2], never for production".)
import { sql, type Kysely } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../platform/db/tables.ts';
import type { Db } from '../../platform/db/index.ts';
import { checkpointOnce } from './checkpoint-once.ts';
import { integrate, type IntegrateResult } from './integrate.ts';
import { parseSignerKey } from './note.ts';
import { latestCheckpoint, type StoredCheckpoint } from './repository/checkpoints.ts';
import { countUnintegrated } from './repository/log.ts';

/** The log's name in tests. */
export const TEST_ORIGIN = 'onestop.test/evidence';

/** The tests' current signing key (EVIDENCE_SIGNING_KEYS in buildTestApp). */
export const TEST_SIGNING_KEY = 'PRIVATE+KEY+onestop.test/evidence+ec679c08+AXJTArP3wb+h5Yljhp9JSR8/+BeH2c+KJ7TSopfq3AiF';
export const TEST_VERIFIER_KEY = 'onestop.test/evidence+ec679c08+AdWotaBbjuNCVRS2nsDle+ElBvbu2mDHFhQhdjaQkNEy';

/** A second key of the same log, for rotation with overlap. */
export const TEST_SIGNING_KEY_2 = 'PRIVATE+KEY+onestop.test/evidence+210eba91+Ac9g1eVtO8WKXxyUGzhMaryf1uE7TN//uOSAPcGXNaEQ';
export const TEST_VERIFIER_KEY_2 = 'onestop.test/evidence+210eba91+AZbclannug0canx2AbRWyCLyc8IPmQpf1bMwwVy8JwqO';

/**
 * Integrates every fact appended so far and signs a checkpoint covering them with the test key;
 * answers that checkpoint. Facts wait for every transaction begun before them to end — on a shared
 * PostgreSQL server that includes other databases' writers (other test processes) — so this
 * retries checkpointOnce until the log holds them all, rather than trusting one round.
 */
export async function checkpointEverything(db: Db, options: { timeoutMs?: number } = {}): Promise<StoredCheckpoint> {
  const signer = parseSignerKey(TEST_SIGNING_KEY);
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    await checkpointOnce(db, [signer], TEST_ORIGIN);
    const { rows } = await sql<{ facts: number }>`select count(*)::int as facts from evidence_facts`.execute(db.kysely);
    const latest = await latestCheckpoint(db.kysely);
    if (latest && latest.size === rows[0]!.facts) return latest;
    if (Date.now() > deadline) throw new Error(`facts still waiting for their leaves after ${options.timeoutMs ?? 30_000} ms (a long transaction elsewhere on the server?)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Integrates until every fact committed so far has its leaf. integrate() takes only facts below
 * every running transaction's xid, cluster-wide: on a PostgreSQL server shared with other test
 * processes, a transaction open in another database holds facts back for a moment, so this waits
 * for it rather than stopping at the first call that adds nothing.
 */
export async function integrateAll(db: Kysely<Database>, timeoutMs = 30_000): Promise<IntegrateResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await integrate(db);
    if (result.added > 0) continue;
    if ((await countUnintegrated(db)) === 0) return result;
    if (Date.now() > deadline) throw new Error('facts are still waiting for their leaves: a transaction stays open');
    await sleep(20);
  }
}
