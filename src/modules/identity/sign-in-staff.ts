// Staff sign-in, first step: login ID and password. Every attempt is audited. Five consecutive
// failures lock the login ID for 15 minutes from the client address they came from (issue #11 §6):
// per account and per client address, so a lockout from one address does not keep a member of staff
// out at their own terminal. An unknown ID, a wrong password and a disabled account get the same
// answer after the same work (a password hash is always checked, the same rows are written), and an
// unknown ID locks after the same tries with the same message, so the form does not tell which IDs
// exist. The second factor's lock on the account itself (verify-totp.ts) is told only to someone who
// gave the right password. Success starts a new session at the first stage still to do.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { SessionStage, StaffRole } from '../../platform/db/tables.ts';
import type { StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { clearSignInFailures, findSignInLock, recordSignInFailure, type SignInKey } from './repository/sign-in-failures.ts';
import { clearStaffLoginFailures, findStaffByLoginId, findStaffByLoginIdForUpdate, type StaffRow } from './repository/staff.ts';
import { startSession } from './sessions.ts';
import { accountLocked, loginFailed } from './staff-errors.ts';

/** Administrators must have a second factor before they may use the console. */
export const ROLES_REQUIRING_TOTP: readonly StaffRole[] = ['municipality_admin', 'national_admin'];

let dummyHash: Promise<string> | null = null;

/** The stage a session starts at, or moves to after the password change. */
export function nextStaffStage(row: Pick<StaffRow, 'must_change_password' | 'totp_enabled_at' | 'roles'>, after: 'login' | 'password_change' | 'totp'): SessionStage {
  if (after === 'login' && row.must_change_password) return 'password_change';
  if ((after === 'login' || after === 'password_change') && row.totp_enabled_at) return 'totp';
  if (!row.totp_enabled_at && row.roles.some((r) => ROLES_REQUIRING_TOTP.includes(r))) return 'totp_enroll';
  return 'active';
}

/** The principal a staff row becomes, for audit events written before the request has one. */
export function staffActor(row: StaffRow, sessionId: string, stage: SessionStage): StaffPrincipal {
  return {
    kind: 'staff',
    staffId: row.id,
    sessionId,
    loginId: row.login_id,
    displayName: row.display_name,
    roles: row.roles,
    municipalityCode: row.municipality_code,
    prefectureCode: row.prefecture_code,
    stage,
  };
}

export interface StaffSignIn {
  token: string;
  expiresAt: Date;
  stage: SessionStage;
}

/** The address a failure is counted against: the client's (behind a proxy, with TRUST_PROXY). */
function clientAddressOf(request: FastifyRequest): string {
  const ip = request.ip;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

export async function signInStaff(deps: { db: Db }, request: FastifyRequest, input: { loginId: string; password: string }): Promise<StaffSignIn> {
  const loginId = input.loginId.trim().toLowerCase().slice(0, 64);
  const key: SignInKey = { loginId, clientAddress: clientAddressOf(request) };
  const now = new Date();
  const found = loginId ? await findStaffByLoginId(deps.db.kysely, loginId) : undefined;
  // Hash outside the transaction: 32 MiB of scrypt should not hold a database connection.
  dummyHash ??= hashPassword('not-a-password-0000');
  const passwordOk = await verifyPassword(input.password, found?.password_hash ?? (await dummyHash));

  const outcome = await deps.db.kysely.transaction().execute(async (trx) => {
    // Known IDs are audited in their municipality with the account as target; unknown ones nationally.
    const audit = found
      ? { municipalityCode: found.municipality_code, actor: null, actorLabel: found.login_id, target: found.id }
      : { municipalityCode: null, actor: null, actorLabel: loginId || '(empty)' };
    const locked = await findSignInLock(trx, key, now);
    if (locked) {
      await recordAuditEvent(trx, request, { ...audit, action: 'staff.login_failed', outcome: 'failure', details: { reason: 'locked', lockedUntil: locked.toISOString() } });
      return { error: accountLocked(locked) };
    }
    const row = found && passwordOk ? await findStaffByLoginIdForUpdate(trx, loginId) : undefined;
    if (!row || row.disabled_at) {
      const { failures, lockedUntil } = await recordSignInFailure(trx, key, now);
      const reason = !found ? 'unknown_or_wrong' : found.disabled_at ? 'disabled' : 'password';
      await recordAuditEvent(trx, request, { ...audit, action: 'staff.login_failed', outcome: 'failure', details: { reason, failedLogins: failures } });
      if (lockedUntil) {
        await recordAuditEvent(trx, request, { ...audit, action: 'staff.locked', outcome: 'success', details: { lockedUntil: lockedUntil.toISOString(), after: 'password' } });
        return { error: accountLocked(lockedUntil) };
      }
      return { error: loginFailed() };
    }
    // Locked after wrong one-time codes: said only to someone who has just given the right password.
    if (row.locked_until && row.locked_until > now) {
      await recordAuditEvent(trx, request, { ...audit, action: 'staff.login_failed', outcome: 'failure', details: { reason: 'locked', lockedUntil: row.locked_until.toISOString() } });
      return { error: accountLocked(row.locked_until) };
    }
    await clearSignInFailures(trx, key);
    const stage = nextStaffStage(row, 'login');
    // The sign-in counts as done only at the second factor when there is one.
    await clearStaffLoginFailures(trx, row.id, stage === 'totp' ? {} : { lastLoginAt: now });
    const session = await startSession(trx, { staffId: row.id }, stage, now);
    await recordAuditEvent(trx, request, { ...audit, actor: staffActor(row, session.idHash, stage), action: 'staff.login', details: { stage } });
    return { session, stage };
  });
  if ('error' in outcome) throw outcome.error;
  return { token: outcome.session.token, expiresAt: outcome.session.expiresAt, stage: outcome.stage };
}
