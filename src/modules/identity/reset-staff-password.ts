// An administrator resets a staff member's password: a new initial password (shown once), to be
// changed at the next sign-in; the lockout is cleared and every session of the account ends.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { generateInitialPassword, hashPassword } from './passwords.ts';
import type { StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { revokeStaffSessions, setStaffPassword } from './repository/staff.ts';
import { withManagedStaff } from './staff-access.ts';
import { staffForbidden } from './staff-errors.ts';

export async function resetStaffPassword(deps: { db: Db }, request: FastifyRequest, input: { staffId: string }): Promise<{ loginId: string; initialPassword: string }> {
  const actor = request.principal as StaffPrincipal;
  if (input.staffId === actor.staffId) {
    throw staffForbidden('Change your own password on the password page.', '自分のパスワードは「パスワードの変更」で変更してください。');
  }
  const initialPassword = generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const now = new Date();
  return withManagedStaff(deps.db, actor, input.staffId, async (trx, row) => {
    await setStaffPassword(trx, row.id, passwordHash, true);
    const ended = await revokeStaffSessions(trx, row.id, now);
    await recordAuditEvent(trx, request, {
      municipalityCode: row.municipality_code,
      action: 'staff.password_reset',
      target: row.id,
      details: { loginId: row.login_id, sessionsEnded: ended },
    });
    return { loginId: row.login_id, initialPassword };
  });
}
