// Identity and access (§3.1, §3.3, R6, R7, R15): residents by card login, agency-specific codes,
// staff and system accounts, sessions, CSRF, the staff IP allow-list and the security audit log.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { identityRoutes } from './routes.ts';
import { staffPages } from './staff-pages/index.ts';
import { residentRoutes } from './resident-routes.ts';
import { agencyCodeRoutes } from './agency-code-routes.ts';
import { apiClientAndAuditPages } from './staff-identity-routes.ts';

export interface IdentityModuleOptions {
  db: Db;
  secureCookies: boolean;
}

export const identityModule: FastifyPluginAsync<IdentityModuleOptions> = async (app, deps) => {
  await app.register(identityRoutes, deps);
  await app.register(staffPages, deps);
  await app.register(residentRoutes, deps);
  await app.register(agencyCodeRoutes, deps);
  await app.register(apiClientAndAuditPages, deps);
};

export { identityGuard, isIpAllowed, unauthenticated, STAGE_PAGE, type AuthRequirement, type ProtectedRoute } from './guard.ts';
export { scopeOf, actorOf, municipalityOfStaff, MUNICIPAL_ROLES, type Principal, type ResidentPrincipal, type StaffPrincipal, type SystemPrincipal } from './principal.ts';
export { recordAuditEvent, type AuditEvent } from './record-audit-event.ts';
export { startSession, setSessionCookie, clearSessionCookie, csrfTokenFor } from './sessions.ts';
export { hashPassword, verifyPassword, passwordProblem, generateInitialPassword } from './passwords.ts';
export { ensureStaffAccounts, type StaffAccountSpec } from './ensure-staff-accounts.ts';
export { currentTotpCode } from './totp.ts';
export { API_CLIENT_SCOPES, type ApiClientScope } from './api-client-secrets.ts';
export { ensureAgencyCode, rotateAgencyKey, normalizeAgencyCode, parseAgencyCodes, AGENCY_CODE_LENGTH } from './agency-codes.ts';
export { checkAgencyCodes, MAX_CODES_PER_REQUEST, type AccountCheckResult } from './check-agency-codes.ts';
export { selectResidentsByCodes as findResidentsByAgencyCodes } from './repository/agency-codes.ts';
export { findOrCreateResident, type LoginCertificate } from './repository/residents.ts';
export { listResidentProxies, type ResidentProxy } from './repository/proxies.ts';
export { registerResidentProxy, type RegisterResidentProxyInput } from './register-resident-proxy.ts';
export { apiClientExists, insertApiClient } from './repository/api-clients.ts';
export { setHomeMunicipality } from './set-home-municipality.ts';
export { identityCommands } from './cli.ts';
export { acceptMultipart } from './multipart.ts';
export { ensureNationalAgencyCodes, checkNationalAgencyCodes, NATIONAL_AGENCIES } from './national-agency-codes.ts';
