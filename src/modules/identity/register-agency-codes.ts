// A municipality's system records the agency-specific codes it knows (from its own residents'
// records). Codes with no account yet are kept; the resident's first link to the municipality finds
// the same row. Only the caller's own agency is touched (R15).
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import { parseAgencyCodes } from './agency-codes.ts';
import { MAX_CODES_PER_REQUEST, municipalCaller, tooManyCodes } from './check-agency-codes.ts';
import { scopeOf, type StaffPrincipal, type SystemPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { registerCodes, selectCodesWithAccount } from './repository/agency-codes.ts';

export async function registerAgencyCodes(
  deps: { db: Db },
  request: FastifyRequest,
  input: { principal: StaffPrincipal | SystemPrincipal; codes: readonly string[] },
): Promise<{ received: number; added: number; withAccount: number }> {
  const municipalityCode = municipalCaller(input.principal);
  if (input.codes.length > MAX_CODES_PER_REQUEST) throw tooManyCodes(input.codes.length);
  const codes = [...new Set(parseAgencyCodes(input.codes))];
  const now = new Date();
  return withScope(deps.db.kysely, scopeOf(input.principal), async (trx) => {
    const { added } = await registerCodes(trx, municipalityCode, codes, now);
    const withAccount = (await selectCodesWithAccount(trx, codes)).size;
    await recordAuditEvent(trx, request, {
      municipalityCode,
      actor: input.principal,
      action: 'agency_codes.registered',
      details: { count: codes.length, added, withAccount },
    });
    return { received: input.codes.length, added, withAccount };
  });
}
