// TEST ONLY — never configure these keys anywhere else. Fixed signing keys for the evidence log's
// tests, so that a test knows the verifier key of the checkpoints it gets without asking the app.
// Their private halves are published right here: a checkpoint signed with them proves nothing.
// (Seeds: SHA-256 of "kosodate-onestop evidence test key[ 2], never for production".)
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/tables.ts';
import { checkpointOnce } from './checkpoint-once.ts';
import { appendFact } from './facts.ts';
import { integrate, pendingFacts, type IntegrateResult } from './integrate.ts';
import { parseSignerKey } from './note.ts';
import { latestCheckpoint, type StoredCheckpoint } from './repository/checkpoints.ts';

/** The log's name in tests. */
export const TEST_ORIGIN = 'onestop.test/evidence';

/** The tests' current signing key (EVIDENCE_SIGNING_KEYS in buildTestApp). */
export const TEST_SIGNING_KEY = 'PRIVATE+KEY+onestop.test/evidence+ec679c08+AXJTArP3wb+h5Yljhp9JSR8/+BeH2c+KJ7TSopfq3AiF';
export const TEST_VERIFIER_KEY = 'onestop.test/evidence+ec679c08+AdWotaBbjuNCVRS2nsDle+ElBvbu2mDHFhQhdjaQkNEy';

/** A second key of the same log, for rotation with overlap. */
export const TEST_SIGNING_KEY_2 = 'PRIVATE+KEY+onestop.test/evidence+210eba91+Ac9g1eVtO8WKXxyUGzhMaryf1uE7TN//uOSAPcGXNaEQ';
export const TEST_VERIFIER_KEY_2 = 'onestop.test/evidence+210eba91+AZbclannug0canx2AbRWyCLyc8IPmQpf1bMwwVy8JwqO';

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
    if ((await pendingFacts(db)) === 0) return result;
    if (Date.now() > deadline) throw new Error('facts are still waiting for their leaves: a transaction stays open');
    await sleep(20);
  }
}

/** Every fact appended so far in the tree (integrateAll), and a checkpoint of it signed with the test key. */
export async function checkpointEverything(db: Db, timeoutMs = 30_000): Promise<StoredCheckpoint> {
  const { size } = await integrateAll(db.kysely, timeoutMs);
  await checkpointOnce(db, [parseSignerKey(TEST_SIGNING_KEY)], TEST_ORIGIN);
  const latest = await latestCheckpoint(db.kysely);
  if (!latest || latest.size < size) throw new Error(`no checkpoint covers the ${size} facts integrated`);
  return latest;
}

/** Facts as arrivals record them (codes, ids and digests only), one statement each; their subject ids. */
export async function appendTestArrivals(db: Db, count: number, municipality = '131130'): Promise<string[]> {
  const subjects: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    subjects.push(id);
    await appendFact(db.kysely, {
      kind: 'application.arrived',
      municipality,
      mode: 'test',
      subject: id,
      ids: { application: id, reference: `TEST-${String(i).padStart(4, '0')}` },
      digests: { content: createHash('sha256').update(id).digest('hex') },
      details: { method: 'simple' },
    });
  }
  return subjects;
}
