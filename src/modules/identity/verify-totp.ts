// Staff sign-in, second step: the one-time code of an enrolled authenticator. A code is good for
// its time step once (a replayed or older step is refused); five wrong codes lock the account itself
// and end the session. Only someone who gave the right password gets here, so this lock reveals
// nothing about which IDs exist (the password step's lock is per login ID and address, issue #11 §6).
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { setSessionStage, revokeSession } from './repository/sessions.ts';
import { claimTotpStep, clearStaffLoginFailures, findStaffById, recordStaffLoginFailure } from './repository/staff.ts';
import { accountLocked, field, invalidInput } from './staff-errors.ts';
import { matchTotpStep } from './totp.ts';

export function wrongCode(): AppError {
  return invalidInput([field('code', 'totp', '確認コードが正しくないか、すでに使われています', 'the code is wrong or has already been used')]);
}

export async function verifyStaffTotp(deps: { db: Db }, request: FastifyRequest, input: { code: string }): Promise<void> {
  const p = request.principal as StaffPrincipal;
  const now = new Date();
  const error = await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findStaffById(trx, p.staffId, { forUpdate: true });
    if (!row?.totp_secret || !row.totp_enabled_at) throw new AppError('identity.totp_not_enrolled', 'conflict', 'No authenticator is enrolled.', { ja: '確認コードの設定がありません。' });
    const audit = { municipalityCode: row.municipality_code, target: row.id };
    const step = matchTotpStep(row.totp_secret, input.code, now.getTime());
    const claimed = step !== null && (await claimTotpStep(trx, row.id, step));
    if (claimed) {
      await clearStaffLoginFailures(trx, row.id, { lastLoginAt: now });
      await setSessionStage(trx, p.sessionId, 'active');
      await recordAuditEvent(trx, request, { ...audit, action: 'staff.totp_verified' });
      return null;
    }
    const { failedLogins, lockedUntil } = await recordStaffLoginFailure(trx, row, now);
    await recordAuditEvent(trx, request, { ...audit, action: 'staff.totp_failed', outcome: 'failure', details: { reason: step === null ? 'wrong' : 'replayed', failedLogins } });
    if (!lockedUntil) return wrongCode();
    await revokeSession(trx, p.sessionId, now);
    await recordAuditEvent(trx, request, { ...audit, action: 'staff.locked', details: { lockedUntil: lockedUntil.toISOString(), after: 'totp' } });
    return accountLocked(lockedUntil);
  });
  if (error) throw error;
}
