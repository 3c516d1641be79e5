// Helpers for tests that need facts in the tree (receipts, bundles, witnesses).
import type { Kysely } from 'kysely';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../platform/db/tables.ts';
import { integrate, pendingFacts, type IntegrateResult } from './integrate.ts';

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
