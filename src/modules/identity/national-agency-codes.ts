// Agency-specific codes of the national bodies of the childcare one-stop service (§3.1): the same
// derivation as a municipality's, under an agency name of its own ("national:<id>"), so no body's
// codes can be linked to another's — or to a municipality's — without the platform's key. A resident
// gets a code at each national body when the account opens; national administrators can check
// codes of one body at a time (R7 for the national side).
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/tables.ts';
import { AppError } from '../../platform/errors.ts';
import type { Text } from '../../platform/i18n.ts';
import { deriveAgencyCode, ensureCurrentAgencyKey, parseAgencyCodes } from './agency-codes.ts';
import { MAX_CODES_PER_REQUEST, tooManyCodes, type AccountCheckResult } from './check-agency-codes.ts';
import type { StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { selectNationalCodesWithAccount, upsertNationalCode } from './repository/agency-codes.ts';

export const NATIONAL_AGENCIES: ReadonlyArray<{ id: string; name: Text }> = [
  { id: 'cfa', name: { ja: 'こども家庭庁', en: 'Children and Families Agency' } },
  { id: 'mhlw', name: { ja: '厚生労働省', en: 'Ministry of Health, Labour and Welfare' } },
  { id: 'digital', name: { ja: 'デジタル庁', en: 'Digital Agency' } },
];

export function nationalAgencyName(agency: string): string {
  return `national:${agency}`;
}

/** Gives the resident a code at every national body (in the caller's transaction: account opening). */
export async function ensureNationalAgencyCodes(db: Kysely<Database> | Transaction<Database>, residentId: string): Promise<void> {
  const key = await ensureCurrentAgencyKey(db);
  for (const agency of NATIONAL_AGENCIES) {
    const code = deriveAgencyCode(key.secret, nationalAgencyName(agency.id), residentId);
    await upsertNationalCode(db, { agency: agency.id, code, residentId, keyVersion: key.version });
  }
}

export async function checkNationalAgencyCodes(
  deps: { db: Db },
  request: FastifyRequest,
  input: { principal: StaffPrincipal; agency: string; codes: readonly string[] },
): Promise<AccountCheckResult[]> {
  if (!NATIONAL_AGENCIES.some((a) => a.id === input.agency)) {
    throw new AppError('identity.unknown_agency', 'bad_request', `There is no national body "${input.agency}".`, {
      ja: `国の機関「${input.agency}」はありません。`,
      fields: [{ field: 'agency', rule: 'enum', message: { en: 'choose a national body from the list', ja: '一覧から選んでください' } }],
    });
  }
  if (input.codes.length > MAX_CODES_PER_REQUEST) throw tooManyCodes(input.codes.length);
  const codes = parseAgencyCodes(input.codes);
  return deps.db.kysely.transaction().execute(async (trx) => {
    const withAccount = await selectNationalCodesWithAccount(trx, input.agency, [...new Set(codes)]);
    const results = codes.map((code) => ({ code, hasAccount: withAccount.has(code) }));
    await recordAuditEvent(trx, request, {
      municipalityCode: null,
      actor: input.principal,
      action: 'agency_codes.checked',
      target: nationalAgencyName(input.agency),
      details: { count: codes.length, withAccount: results.filter((r) => r.hasAccount).length },
    });
    return results;
  });
}
