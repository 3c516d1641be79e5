// A resident chooses their home municipality: it must take part in the platform; the resident's
// agency-specific code for it is made (or kept, when one exists), which is what lets that
// municipality find the account by its own code (R6, R7).
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { listParticipating } from '../municipalities/index.ts';
import { ensureAgencyCode } from './agency-codes.ts';
import type { ResidentPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { setResidentHome } from './repository/residents.ts';

export function notParticipating(): AppError {
  return new AppError('identity.municipality_not_participating', 'bad_request', 'Choose one of the municipalities that use this service.', {
    ja: 'このサービスを利用している市区町村から選んでください。',
    fields: [{ field: 'municipalityCode', rule: 'enum', message: { en: 'choose a municipality from the list', ja: '一覧から市区町村を選んでください' } }],
  });
}

export async function setHomeMunicipality(
  deps: { db: Db },
  request: FastifyRequest | null,
  input: { principal: ResidentPrincipal; municipalityCode: string },
): Promise<{ agencyCodeCreated: boolean }> {
  const participating = await listParticipating(deps.db.kysely);
  if (!participating.some((m) => m.code === input.municipalityCode)) throw notParticipating();
  return deps.db.kysely.transaction().execute(async (trx) => {
    await setResidentHome(trx, input.principal.residentId, input.municipalityCode);
    const link = await ensureAgencyCode(trx, input.municipalityCode, input.principal.residentId);
    // A national event: the platform's resident id must never reach a municipality's log, or two
    // municipalities could link their codes through it.
    await recordAuditEvent(trx, request, {
      municipalityCode: null,
      actor: input.principal,
      action: 'resident.home_set',
      target: input.principal.residentId,
      details: { municipalityCode: input.municipalityCode, agencyCodeCreated: link.created, keyVersion: link.keyVersion },
    });
    return { agencyCodeCreated: link.created };
  });
}
