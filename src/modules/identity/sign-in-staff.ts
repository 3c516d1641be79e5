// Staff sign-in, first step: login ID and password. Every attempt is audited; five consecutive
// failures lock the account for 15 minutes. An unknown ID, a wrong password and a disabled account
// get the same answer after the same work (a password hash is always checked), so the form does not
// tell which IDs exist. Success starts a new session at the first stage still to do.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { SessionStage, StaffRole } from '../../platform/db/tables.ts';
import type { StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { clearStaffLoginFailures, findStaffByLoginId, findStaffByLoginIdForUpdate, recordStaffLoginFailure, type StaffRow } from './repository/staff.ts';
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

export async function signInStaff(deps: { db: Db }, request: FastifyRequest, input: { loginId: string; password: string }): Promise<StaffSignIn> {
  const loginId = input.loginId.trim().toLowerCase().slice(0, 64);
  const now = new Date();
  const found = loginId ? await findStaffByLoginId(deps.db.kysely, loginId) : undefined;
  // Hash outside the transaction: 32 MiB of scrypt should not hold a database connection.
  dummyHash ??= hashPassword('not-a-password-0000');
  const passwordOk = await verifyPassword(input.password, found?.password_hash ?? (await dummyHash));

  const outcome = await deps.db.kysely.transaction().execute(async (trx) => {
    const row = found ? await findStaffByLoginIdForUpdate(trx, loginId) : undefined;
    if (!row) {
      await recordAuditEvent(trx, request, { municipalityCode: null, action: 'staff.login_failed', outcome: 'failure', actor: null, actorLabel: loginId || '(empty)', details: { reason: 'unknown_or_wrong' } });
      return { error: loginFailed() };
    }
    const audit = { municipalityCode: row.municipality_code, actor: null, actorLabel: row.login_id, target: row.id };
    if (row.disabled_at) {
      await recordAuditEvent(trx, request, { ...audit, action: 'staff.login_failed', outcome: 'failure', details: { reason: 'disabled' } });
      return { error: loginFailed() };
    }
    if (row.locked_until && row.locked_until > now) {
      await recordAuditEvent(trx, request, { ...audit, action: 'staff.login_failed', outcome: 'failure', details: { reason: 'locked', lockedUntil: row.locked_until.toISOString() } });
      return { error: accountLocked(row.locked_until) };
    }
    if (!passwordOk) {
      const { failedLogins, lockedUntil } = await recordStaffLoginFailure(trx, row, now);
      await recordAuditEvent(trx, request, { ...audit, action: 'staff.login_failed', outcome: 'failure', details: { reason: 'password', failedLogins } });
      if (lockedUntil) {
        await recordAuditEvent(trx, request, { ...audit, action: 'staff.locked', outcome: 'success', details: { lockedUntil: lockedUntil.toISOString(), after: 'password' } });
        return { error: accountLocked(lockedUntil) };
      }
      return { error: loginFailed() };
    }
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
