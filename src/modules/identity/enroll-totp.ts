// Enrolling an authenticator app: the platform makes a secret, the person adds it to their app
// (base32 text or the otpauth:// URI) and proves it with a code; only then is the second factor on.
// Administrators must do this before they may use the console.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { setSessionStage } from './repository/sessions.ts';
import { enableTotp, findStaffById, setPendingTotpSecret } from './repository/staff.ts';
import { staffNotFound } from './staff-errors.ts';
import { generateTotpSecret, matchTotpStep, totpUri } from './totp.ts';
import { wrongCode } from './verify-totp.ts';

export type TotpEnrolment = { enrolled: true; enrolledAt: Date } | { enrolled: false; secret: string; uri: string };

/** The secret being enrolled (made on first visit, kept until confirmed), or that it is done. */
export async function prepareTotpEnrolment(deps: { db: Db }, principal: StaffPrincipal): Promise<TotpEnrolment> {
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findStaffById(trx, principal.staffId, { forUpdate: true });
    if (!row) throw staffNotFound();
    if (row.totp_enabled_at) return { enrolled: true, enrolledAt: row.totp_enabled_at };
    let secret = row.totp_secret;
    if (!secret) {
      secret = generateTotpSecret();
      await setPendingTotpSecret(trx, row.id, secret);
    }
    return { enrolled: false, secret, uri: totpUri(secret, row.login_id) };
  });
}

export async function confirmTotpEnrolment(deps: { db: Db }, request: FastifyRequest, input: { code: string }): Promise<void> {
  const p = request.principal as StaffPrincipal;
  const now = new Date();
  const error = await deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findStaffById(trx, p.staffId, { forUpdate: true });
    if (!row) throw staffNotFound();
    if (row.totp_enabled_at) return null;
    const step = row.totp_secret ? matchTotpStep(row.totp_secret, input.code, now.getTime()) : null;
    const audit = { municipalityCode: row.municipality_code, target: row.id };
    if (step === null) {
      await recordAuditEvent(trx, request, { ...audit, action: 'staff.totp_enrol_failed', outcome: 'failure' });
      return wrongCode();
    }
    await enableTotp(trx, row.id, step, now);
    if (p.stage === 'totp_enroll') await setSessionStage(trx, p.sessionId, 'active');
    await recordAuditEvent(trx, request, { ...audit, action: 'staff.totp_enrolled' });
    return null;
  });
  if (error) throw error;
}
