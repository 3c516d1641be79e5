// Creates staff accounts that do not exist yet (the demo's fixed accounts); existing login IDs are
// left as they are, so running it again changes nothing. Platform work: no caller scope.
import type { Db } from '../../platform/db/index.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { hashPassword } from './passwords.ts';
import { findExistingLoginIds, insertStaffIfAbsent } from './repository/staff.ts';

export interface StaffAccountSpec {
  loginId: string;
  displayName: string;
  municipalityCode: string | null;
  prefectureCode: string | null;
  roles: StaffRole[];
  password: string;
  /** Base32; when set the second factor is already enrolled. */
  totpSecret?: string;
}

export async function ensureStaffAccounts(db: Db, accounts: readonly StaffAccountSpec[]): Promise<{ created: number }> {
  const existing = await findExistingLoginIds(db.kysely, accounts.map((a) => a.loginId));
  const missing = accounts.filter((a) => !existing.has(a.loginId));
  // One scrypt per distinct password: hashing is deliberately slow.
  const hashes = new Map<string, Promise<string>>();
  let created = 0;
  for (const a of missing) {
    if (!hashes.has(a.password)) hashes.set(a.password, hashPassword(a.password));
    const inserted = await insertStaffIfAbsent(db.kysely, {
      loginId: a.loginId,
      displayName: a.displayName,
      municipalityCode: a.municipalityCode,
      prefectureCode: a.prefectureCode,
      roles: a.roles,
      passwordHash: await hashes.get(a.password)!,
      mustChangePassword: false,
      totpSecret: a.totpSecret ?? null,
      totpEnabledAt: a.totpSecret ? new Date() : null,
    });
    if (inserted) created += 1;
  }
  return { created };
}
