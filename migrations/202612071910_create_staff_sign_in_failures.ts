// Staff sign-in failures per login ID and client address (issue #11 §6). The password step's lockout
// is kept here, for login IDs that name no account as much as for real ones, so a lockout looks the
// same whether the ID exists or not, and someone failing from one address cannot lock a member of
// staff out at their own terminal. Platform-wide like sessions: the tenant role has no rights on it.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('staff_sign_in_failures')
    // As typed (trimmed, lower-case, at most 64 characters): it may name no account.
    .addColumn('login_id', 'text', (c) => c.notNull())
    .addColumn('client_address', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_failed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('staff_sign_in_failures_pkey', ['login_id', 'client_address'])
    .execute();
  await db.schema.createIndex('staff_sign_in_failures_last_idx').on('staff_sign_in_failures').column('last_failed_at').execute();
}
