// An administrator changes a staff member's roles. The before and after go into the audit log; an
// administrator cannot take their own administrator role away (someone must remain able to manage).
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import type { StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { setStaffRoles } from './repository/staff.ts';
import { assignableRoles, STAFF_ADMIN_ROLES, withManagedStaff } from './staff-access.ts';
import { field, invalidInput } from './staff-errors.ts';

export async function changeStaffRoles(deps: { db: Db }, request: FastifyRequest, input: { staffId: string; roles: StaffRole[] }): Promise<{ changed: boolean }> {
  const actor = request.principal as StaffPrincipal;
  return withManagedStaff(deps.db, actor, input.staffId, async (trx, row) => {
    const allowed = assignableRoles(row);
    const roles = allowed.filter((r) => input.roles.includes(r));
    if (roles.length === 0) throw invalidInput([field('roles', 'required', '役割を1つ以上選んでください', 'choose at least one role')]);
    if (row.id === actor.staffId && STAFF_ADMIN_ROLES.some((r) => row.roles.includes(r) && !roles.includes(r))) {
      throw invalidInput([field('roles', 'self', '自分自身の管理者の役割は外せません', 'you cannot remove your own administrator role')]);
    }
    const before = [...row.roles].sort();
    const after = [...roles].sort();
    if (before.join() === after.join()) return { changed: false };
    await setStaffRoles(trx, row.id, roles);
    await recordAuditEvent(trx, request, {
      municipalityCode: row.municipality_code,
      action: 'staff.roles_changed',
      target: row.id,
      details: { loginId: row.login_id, before, after },
    });
    return { changed: true };
  });
}
