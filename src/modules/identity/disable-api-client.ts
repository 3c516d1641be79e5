// Disabling an API client: every secret stops working at once (the guard refuses disabled clients).
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import { scopeOf, type StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { disableApiClient as disableRow, findApiClient } from './repository/api-client-admin.ts';
import { apiClientNotFound } from './rotate-api-client-secret.ts';

export async function disableApiClient(deps: { db: Db }, request: FastifyRequest, input: { principal: StaffPrincipal; apiClientId: string }): Promise<void> {
  await withScope(deps.db.kysely, scopeOf(input.principal), async (trx) => {
    const client = await findApiClient(trx, input.apiClientId);
    if (!client) throw apiClientNotFound();
    if (client.disabledAt) return;
    await disableRow(trx, client.id, new Date());
    await recordAuditEvent(trx, request, { municipalityCode: client.municipalityCode, action: 'api_client.disabled', target: client.clientId });
  });
}
