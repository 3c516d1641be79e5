// Who is calling: a resident (card login), a member of staff (ID, password, TOTP), or an existing
// municipal system (API client). Every route states which of them it serves.
import type { Scope } from '../../platform/db/tenancy.ts';
import type { SessionStage, StaffRole } from '../../platform/db/tables.ts';
import { AppError } from '../../platform/errors.ts';

export interface ResidentPrincipal {
  kind: 'resident';
  residentId: string;
  sessionId: string;
  homeMunicipalityCode: string | null;
  /** The authentication certificate the account signs in with (R17: only signatures linked to it are the resident's own). */
  loginCertificate?: { issuer: string; serialNumber: string } | null;
}

export interface StaffPrincipal {
  kind: 'staff';
  staffId: string;
  sessionId: string;
  loginId: string;
  displayName: string;
  roles: StaffRole[];
  municipalityCode: string | null;
  prefectureCode: string | null;
  /** Where a staff session stands: only `active` may use the console. */
  stage: SessionStage;
}

export interface SystemPrincipal {
  kind: 'system';
  apiClientId: string;
  clientId: string;
  name: string;
  municipalityCode: string;
  scopes: string[];
}

export type Principal = ResidentPrincipal | StaffPrincipal | SystemPrincipal;

export const MUNICIPAL_ROLES: readonly StaffRole[] = [
  'municipality_admin',
  'service_editor',
  'application_handler',
  'notice_sender',
  'records_clerk',
  'viewer',
];

/**
 * The municipality of a member of staff who edits a municipality's data. An account without one
 * (prefecture, national) is refused with identity's own code, so other modules need not make it.
 */
export function municipalityOfStaff(principal: StaffPrincipal): string {
  if (principal.municipalityCode) return principal.municipalityCode;
  throw new AppError('identity.role_required', 'forbidden', 'Your account belongs to no municipality.', { ja: 'このアカウントは市区町村に属していません。' });
}

/** The data scope of a staff member or system (R15): what withScope should be given. */
export function scopeOf(principal: StaffPrincipal | SystemPrincipal): Scope {
  if (principal.kind === 'system') return { kind: 'municipality', municipalityCode: principal.municipalityCode };
  if (principal.municipalityCode) return { kind: 'municipality', municipalityCode: principal.municipalityCode };
  if (principal.prefectureCode) return { kind: 'prefecture', prefectureCode: principal.prefectureCode };
  return { kind: 'national' };
}

/** What a principal is called in the audit log (never personal data of residents). */
export function actorOf(principal: Principal | null): { kind: 'resident' | 'staff' | 'system' | 'anonymous'; id: string | null; label: string | null } {
  if (!principal) return { kind: 'anonymous', id: null, label: null };
  if (principal.kind === 'resident') return { kind: 'resident', id: principal.residentId, label: null };
  if (principal.kind === 'staff') return { kind: 'staff', id: principal.staffId, label: principal.loginId };
  return { kind: 'system', id: principal.apiClientId, label: principal.clientId };
}
