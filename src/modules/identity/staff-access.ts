// Who manages which staff accounts, and in which scope the work runs (R15).
//
// A municipality administrator manages the staff of their own municipality, always inside that
// municipality's scope: row-level security hides every other account, so another municipality's
// staff member is simply not found. National administrators manage national administrators,
// prefecture viewers and every municipality's administrators; a municipal account is changed inside
// its municipality's scope, a national or prefecture account (which has no municipality) as platform
// work.
import type { Db } from '../../platform/db/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { withScope, type ScopedTransaction } from '../../platform/db/tenancy.ts';
import { MUNICIPAL_ROLES, type StaffPrincipal } from './principal.ts';
import { findStaffById, type StaffRow } from './repository/staff.ts';
import { staffForbidden, staffNotFound } from './staff-errors.ts';

export const STAFF_ADMIN_ROLES: StaffRole[] = ['municipality_admin', 'national_admin'];

export function isMunicipalAdmin(p: StaffPrincipal): p is StaffPrincipal & { municipalityCode: string } {
  return p.roles.includes('municipality_admin') && p.municipalityCode !== null;
}

export function isNationalAdmin(p: StaffPrincipal): boolean {
  return p.roles.includes('national_admin');
}

export function canManage(actor: StaffPrincipal, target: Pick<StaffRow, 'municipality_code' | 'roles'>): boolean {
  if (isMunicipalAdmin(actor)) return target.municipality_code === actor.municipalityCode;
  if (isNationalAdmin(actor)) return target.roles.some((r) => r === 'national_admin' || r === 'prefecture_viewer' || r === 'municipality_admin');
  return false;
}

/** The roles an account may be given: municipal roles for a municipal account, the one fixed role otherwise. */
export function assignableRoles(target: Pick<StaffRow, 'municipality_code' | 'roles'>): readonly StaffRole[] {
  if (target.municipality_code) return MUNICIPAL_ROLES;
  return target.roles.includes('national_admin') ? ['national_admin'] : ['prefecture_viewer'];
}

/** Runs fn in the transaction the actor's work on accounts of `municipalityCode` belongs in. */
export function inStaffScope<T>(db: Db, actor: StaffPrincipal, municipalityCode: string | null, fn: (trx: ScopedTransaction) => Promise<T>): Promise<T> {
  if (isMunicipalAdmin(actor)) return withScope(db.kysely, { kind: 'municipality', municipalityCode: actor.municipalityCode }, fn);
  if (!isNationalAdmin(actor)) throw staffForbidden('Your role does not allow managing staff.', '職員を管理する権限がありません。');
  if (municipalityCode) return withScope(db.kysely, { kind: 'municipality', municipalityCode }, fn);
  return db.kysely.transaction().execute(fn);
}

/**
 * Opens the right scope for one managed account and hands it over locked. An account the actor may
 * not manage is "not found", whether it exists or not.
 */
export async function withManagedStaff<T>(db: Db, actor: StaffPrincipal, staffId: string, fn: (trx: ScopedTransaction, row: StaffRow) => Promise<T>): Promise<T> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(staffId)) throw staffNotFound();
  let home: string | null = actor.municipalityCode;
  if (!isMunicipalAdmin(actor)) {
    // National administrators: learn where the account lives, then work in that scope.
    const peek = await findStaffById(db.kysely, staffId);
    if (!peek || !canManage(actor, peek)) throw staffNotFound();
    home = peek.municipality_code;
  }
  return inStaffScope(db, actor, home, async (trx) => {
    const row = await findStaffById(trx, staffId, { forUpdate: true });
    if (!row || !canManage(actor, row)) throw staffNotFound();
    return fn(trx, row);
  });
}
