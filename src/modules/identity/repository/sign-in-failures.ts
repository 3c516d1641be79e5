// The password step's lockout, per login ID and client address (issue #11 §6). A login ID that names
// no account is counted exactly like one that does, so the answers never tell them apart.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/tables.ts';

export const LOCK_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;
/** Failures older than this are forgotten (and their rows removed), so unknown IDs do not pile up. */
const FORGET_MS = 24 * 3600 * 1000;

export interface SignInKey {
  loginId: string;
  clientAddress: string;
}

/** The pair's lock, if one is in force at `now`; the row stays locked until the transaction ends. */
export async function findSignInLock(trx: Transaction<Database>, key: SignInKey, now: Date): Promise<Date | null> {
  const row = await trx
    .selectFrom('staff_sign_in_failures')
    .select('locked_until')
    .where('login_id', '=', key.loginId)
    .where('client_address', '=', key.clientAddress)
    .forUpdate()
    .executeTakeFirst();
  return row?.locked_until && row.locked_until > now ? row.locked_until : null;
}

/**
 * Counts a failed password step for the pair. The fifth consecutive failure locks it for 15
 * minutes; failures before an expired lock, or forgotten after a day, no longer count.
 */
export async function recordSignInFailure(trx: Transaction<Database>, key: SignInKey, now: Date): Promise<{ failures: number; lockedUntil: Date | null }> {
  await trx.deleteFrom('staff_sign_in_failures').where('last_failed_at', '<', new Date(now.getTime() - FORGET_MS)).execute();
  const lockEnds = new Date(now.getTime() + LOCK_MS);
  const row = await trx
    .insertInto('staff_sign_in_failures')
    .values({ login_id: key.loginId, client_address: key.clientAddress, failures: 1, locked_until: null, last_failed_at: now })
    .onConflict((oc) =>
      oc.columns(['login_id', 'client_address']).doUpdateSet({
        failures: sql<number>`case when staff_sign_in_failures.locked_until <= ${now} then 1 else staff_sign_in_failures.failures + 1 end`,
        locked_until: sql<Date | null>`case when staff_sign_in_failures.locked_until <= ${now} then null else staff_sign_in_failures.locked_until end`,
        last_failed_at: now,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  if (row.failures < LOCK_FAILURES) return { failures: row.failures, lockedUntil: null };
  await trx
    .updateTable('staff_sign_in_failures')
    .set({ failures: 0, locked_until: lockEnds })
    .where('login_id', '=', key.loginId)
    .where('client_address', '=', key.clientAddress)
    .execute();
  return { failures: row.failures, lockedUntil: lockEnds };
}

/** A successful password step from the address clears its count. */
export async function clearSignInFailures(trx: Transaction<Database>, key: SignInKey): Promise<void> {
  await trx.deleteFrom('staff_sign_in_failures').where('login_id', '=', key.loginId).where('client_address', '=', key.clientAddress).execute();
}
