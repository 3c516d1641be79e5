// The staff accounts an administrator manages, for the list and the edit page.
import type { Db } from '../../platform/db/index.ts';
import type { StaffPrincipal } from './principal.ts';
import { listNationallyManagedStaff, listScopedStaff, type StaffListItem, type StaffRow } from './repository/staff.ts';
import { inStaffScope, isMunicipalAdmin, withManagedStaff } from './staff-access.ts';

export async function listStaffAccounts(deps: { db: Db }, actor: StaffPrincipal): Promise<StaffListItem[]> {
  if (isMunicipalAdmin(actor)) return inStaffScope(deps.db, actor, actor.municipalityCode, (trx) => listScopedStaff(trx));
  // National administrators: platform-wide, limited to the accounts they manage.
  return inStaffScope(deps.db, actor, null, (trx) => listNationallyManagedStaff(trx));
}

export async function findStaffAccount(deps: { db: Db }, actor: StaffPrincipal, staffId: string): Promise<StaffRow> {
  return withManagedStaff(deps.db, actor, staffId, async (_trx, row) => row);
}
