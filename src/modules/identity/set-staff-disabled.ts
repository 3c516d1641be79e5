// An administrator disables a staff account (it can no longer sign in, and its sessions end at once)
// or enables it again. Nobody disables themselves.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { revokeStaffSessions, setStaffDisabledAt } from './repository/staff.ts';
import { withManagedStaff } from './staff-access.ts';
import { staffForbidden } from './staff-errors.ts';

export async function setStaffDisabled(deps: { db: Db }, request: FastifyRequest, input: { staffId: string; disabled: boolean }): Promise<void> {
  const actor = request.principal as StaffPrincipal;
  if (input.disabled && input.staffId === actor.staffId) {
    throw staffForbidden('You cannot disable your own account.', '自分自身のアカウントは無効にできません。');
  }
  const now = new Date();
  await withManagedStaff(deps.db, actor, input.staffId, async (trx, row) => {
    if (Boolean(row.disabled_at) === input.disabled) return;
    await setStaffDisabledAt(trx, row.id, input.disabled ? now : null);
    const ended = await revokeStaffSessions(trx, row.id, now);
    await recordAuditEvent(trx, request, {
      municipalityCode: row.municipality_code,
      action: input.disabled ? 'staff.disabled' : 'staff.enabled',
      target: row.id,
      details: { loginId: row.login_id, sessionsEnded: ended },
    });
  });
}
