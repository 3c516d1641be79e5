// R7 account check: which of these agency-specific codes belong to a resident with an account — only
// among the caller's own agency's codes. A code of another municipality is "unknown" here, exactly as
// a code nobody ever issued: row-level security hides it, so nothing can tell the two apart.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import { AppError } from '../../platform/errors.ts';
import { parseAgencyCodes } from './agency-codes.ts';
import { scopeOf, type StaffPrincipal, type SystemPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { selectCodesWithAccount } from './repository/agency-codes.ts';

export const MAX_CODES_PER_REQUEST = 10_000;

export interface AccountCheckResult {
  code: string;
  hasAccount: boolean;
}

export function tooManyCodes(count: number): AppError {
  return new AppError('identity.too_many_codes', 'bad_request', `At most ${MAX_CODES_PER_REQUEST} codes at a time (${count} given).`, {
    ja: `一度に確認できる機関別符号は${MAX_CODES_PER_REQUEST.toLocaleString('ja-JP')}件までです（${count.toLocaleString('ja-JP')}件指定されました）。`,
  });
}

export function municipalCaller(principal: StaffPrincipal | SystemPrincipal): string {
  const scope = scopeOf(principal);
  if (scope.kind !== 'municipality') {
    throw new AppError('identity.municipality_only', 'forbidden', 'Only a municipality can use its agency-specific codes.', {
      ja: '機関別符号は、その市区町村の職員・システムだけが利用できます。',
    });
  }
  return scope.municipalityCode;
}

export async function checkAgencyCodes(
  deps: { db: Db },
  request: FastifyRequest,
  input: { principal: StaffPrincipal | SystemPrincipal; codes: readonly string[] },
): Promise<AccountCheckResult[]> {
  const municipalityCode = municipalCaller(input.principal);
  if (input.codes.length > MAX_CODES_PER_REQUEST) throw tooManyCodes(input.codes.length);
  const codes = parseAgencyCodes(input.codes);
  return withScope(deps.db.kysely, scopeOf(input.principal), async (trx) => {
    const withAccount = await selectCodesWithAccount(trx, [...new Set(codes)]);
    const results = codes.map((code) => ({ code, hasAccount: withAccount.has(code) }));
    await recordAuditEvent(trx, request, {
      municipalityCode,
      actor: input.principal,
      action: 'agency_codes.checked',
      details: { count: codes.length, withAccount: results.filter((r) => r.hasAccount).length },
    });
    return results;
  });
}
