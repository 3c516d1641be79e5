// Staff accounts. Lookups at sign-in run platform-wide (the caller is not known yet); everything a
// municipality administrator does runs inside its scope (R15).
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, StaffRole, StaffUserTable } from '../../../platform/db/tables.ts';

export interface NewStaff {
  loginId: string;
  displayName: string;
  municipalityCode: string | null;
  prefectureCode: string | null;
  roles: StaffRole[];
  passwordHash: string;
  mustChangePassword: boolean;
  totpSecret?: string | null;
  totpEnabledAt?: Date | null;
}

export async function insertStaff(db: Kysely<Database> | Transaction<Database>, s: NewStaff): Promise<string> {
  const row = await db
    .insertInto('staff_users')
    .values({
      login_id: s.loginId,
      display_name: s.displayName,
      municipality_code: s.municipalityCode,
      prefecture_code: s.prefectureCode,
      roles: s.roles,
      password_hash: s.passwordHash,
      must_change_password: s.mustChangePassword,
      totp_secret: s.totpSecret ?? null,
      totp_enabled_at: s.totpEnabledAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findStaffByLoginId(db: Kysely<Database>, loginId: string) {
  return db.selectFrom('staff_users').selectAll().where('login_id', '=', loginId).executeTakeFirst();
}

export type StaffRow = Selectable<StaffUserTable>;
type Executor = Kysely<Database> | Transaction<Database>;

/** bigint comes back from PostgreSQL as a string. */
function normalise(row: StaffRow): StaffRow {
  return { ...row, totp_last_step: row.totp_last_step === null ? null : Number(row.totp_last_step) };
}

/** At sign-in, inside the sign-in transaction: the row, locked so that concurrent failures count. */
export async function findStaffByLoginIdForUpdate(trx: Transaction<Database>, loginId: string): Promise<StaffRow | undefined> {
  const row = await trx.selectFrom('staff_users').selectAll().where('login_id', '=', loginId).forUpdate().executeTakeFirst();
  return row && normalise(row);
}

/** Inside a scope, row-level security decides whether the account is visible at all. */
export async function findStaffById(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<StaffRow | undefined> {
  let q = db.selectFrom('staff_users').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && normalise(row);
}

export interface StaffListItem {
  id: string;
  loginId: string;
  displayName: string;
  municipalityCode: string | null;
  prefectureCode: string | null;
  roles: StaffRole[];
  mustChangePassword: boolean;
  totpEnabled: boolean;
  lockedUntil: Date | null;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
}

function listColumns(db: Executor) {
  return db
    .selectFrom('staff_users')
    .select([
      'id',
      'login_id as loginId',
      'display_name as displayName',
      'municipality_code as municipalityCode',
      'prefecture_code as prefectureCode',
      'roles',
      'must_change_password as mustChangePassword',
      'locked_until as lockedUntil',
      'disabled_at as disabledAt',
      'last_login_at as lastLoginAt',
    ])
    .select(sql<boolean>`totp_enabled_at is not null`.as('totpEnabled'));
}

/** A municipality's staff: call inside the municipality's scope (row-level security filters). */
export async function listScopedStaff(trx: Transaction<Database>): Promise<StaffListItem[]> {
  return listColumns(trx).orderBy('login_id').execute();
}

/** What the national administrators manage, across the platform: national and prefecture accounts and every municipality's administrators. */
export async function listNationallyManagedStaff(db: Executor): Promise<StaffListItem[]> {
  return listColumns(db)
    .where(sql<boolean>`roles && ARRAY['national_admin', 'prefecture_viewer', 'municipality_admin']::text[]`)
    .orderBy('municipality_code', (ob) => ob.nullsFirst())
    .orderBy('login_id')
    .execute();
}

const LOCK_FAILURES = 5;
const LOCK_MS = 15 * 60 * 1000;

/**
 * Counts a wrong one-time code at the second factor. The fifth consecutive failure locks the account
 * for 15 minutes; failures before an expired lock no longer count. (Wrong passwords are counted per
 * login ID and client address: repository/sign-in-failures.ts.)
 */
export async function recordStaffLoginFailure(trx: Transaction<Database>, row: StaffRow, now: Date): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
  const previous = row.locked_until && row.locked_until <= now ? 0 : row.failed_logins;
  const failed = previous + 1;
  const lockedUntil = failed >= LOCK_FAILURES ? new Date(now.getTime() + LOCK_MS) : null;
  await trx
    .updateTable('staff_users')
    .set({ failed_logins: lockedUntil ? 0 : failed, locked_until: lockedUntil })
    .where('id', '=', row.id)
    .execute();
  return { failedLogins: failed, lockedUntil };
}

export async function clearStaffLoginFailures(db: Executor, id: string, options: { lastLoginAt?: Date } = {}): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({ failed_logins: 0, locked_until: null, ...(options.lastLoginAt ? { last_login_at: options.lastLoginAt } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function setStaffPassword(db: Executor, id: string, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, failed_logins: 0, locked_until: null })
    .where('id', '=', id)
    .execute();
}

/** Keeps a secret the person is enrolling; the second factor is not on until they prove a code. */
export async function setPendingTotpSecret(db: Executor, id: string, secret: string): Promise<void> {
  await db.updateTable('staff_users').set({ totp_secret: secret, totp_enabled_at: null, totp_last_step: null }).where('id', '=', id).execute();
}

export async function enableTotp(db: Executor, id: string, step: number, now: Date): Promise<void> {
  await db.updateTable('staff_users').set({ totp_enabled_at: now, totp_last_step: step }).where('id', '=', id).execute();
}

/** Takes a time step for a sign-in, atomically: a step used once (or an earlier one) is refused. */
export async function claimTotpStep(db: Executor, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_users')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setStaffRoles(db: Executor, id: string, roles: StaffRole[]): Promise<void> {
  await db.updateTable('staff_users').set({ roles }).where('id', '=', id).execute();
}

export async function setStaffDisabledAt(db: Executor, id: string, disabledAt: Date | null): Promise<void> {
  await db.updateTable('staff_users').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
}

/**
 * Ends the sessions of one staff account (but `exceptIdHash`). Works inside a municipality's scope
 * only for that municipality's staff: the database function refuses others.
 */
export async function revokeStaffSessions(db: Executor, staffId: string, now: Date, exceptIdHash?: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select onestop_revoke_staff_sessions(${staffId}::uuid, ${now}, ${exceptIdHash ?? null}) as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** For the demo: creates the account unless the login ID exists. Returns whether it was created. */
export async function insertStaffIfAbsent(db: Kysely<Database>, s: NewStaff): Promise<boolean> {
  const row = await db
    .insertInto('staff_users')
    .values({
      login_id: s.loginId,
      display_name: s.displayName,
      municipality_code: s.municipalityCode,
      prefecture_code: s.prefectureCode,
      roles: s.roles,
      password_hash: s.passwordHash,
      must_change_password: s.mustChangePassword,
      totp_secret: s.totpSecret ?? null,
      totp_enabled_at: s.totpEnabledAt ?? null,
    })
    .onConflict((oc) => oc.column('login_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findExistingLoginIds(db: Kysely<Database>, loginIds: string[]): Promise<Set<string>> {
  if (loginIds.length === 0) return new Set();
  const rows = await db.selectFrom('staff_users').select('login_id').where('login_id', 'in', loginIds).execute();
  return new Set(rows.map((r) => r.login_id));
}

/** The municipality's LGWAN allow-list (inside its scope); undefined when it has no profile. */
export async function findStaffIpAllowlist(db: Executor, municipalityCode: string): Promise<string[] | undefined> {
  const row = await db
    .selectFrom('municipality_profiles')
    .select('staff_ip_allowlist')
    .where('municipality_code', '=', municipalityCode)
    .forUpdate()
    .executeTakeFirst();
  return row?.staff_ip_allowlist;
}

export async function setStaffIpAllowlist(db: Executor, municipalityCode: string, allowlist: string[]): Promise<void> {
  await db.updateTable('municipality_profiles').set({ staff_ip_allowlist: allowlist }).where('municipality_code', '=', municipalityCode).execute();
}
