// Rotation with overlap: a new secret starts now, and the secrets in use keep working for the days
// the administrator chose (1, 7 or 30), so the system can switch over without an outage.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import { AppError } from '../../platform/errors.ts';
import { hashSecret, newSecret, OVERLAP_DAYS } from './api-client-secrets.ts';
import { scopeOf, type StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { findApiClient, rotateSecret } from './repository/api-client-admin.ts';

export function apiClientNotFound(): AppError {
  return new AppError('identity.api_client_not_found', 'not_found', 'No such API client.', { ja: 'APIクライアントが見つかりません。' });
}

export function apiClientDisabled(): AppError {
  return new AppError('identity.api_client_disabled', 'conflict', 'This API client is disabled.', { ja: 'このAPIクライアントは無効にされています。' });
}

export async function rotateApiClientSecret(
  deps: { db: Db },
  request: FastifyRequest,
  input: { principal: StaffPrincipal; apiClientId: string; overlapDays: number; now?: Date },
): Promise<{ clientId: string; secret: string; oldSecretsUntil: Date }> {
  if (!(OVERLAP_DAYS as readonly number[]).includes(input.overlapDays)) {
    throw new AppError('identity.invalid_overlap', 'bad_request', 'Choose how long the old secret keeps working: 1, 7 or 30 days.', {
      ja: '古いシークレットを使える期間（1日・7日・30日）を選んでください。',
      fields: [{ field: 'overlapDays', rule: 'enum', message: { en: 'Choose 1, 7 or 30 days', ja: '1日・7日・30日から選んでください' } }],
    });
  }
  const now = input.now ?? new Date();
  const until = new Date(now.getTime() + input.overlapDays * 86_400_000);
  const secret = newSecret();
  return withScope(deps.db.kysely, scopeOf(input.principal), async (trx) => {
    // Row-level security: another municipality's client is not found, exactly like a missing one.
    const client = await findApiClient(trx, input.apiClientId);
    if (!client) throw apiClientNotFound();
    if (client.disabledAt) throw apiClientDisabled();
    await rotateSecret(trx, { apiClientId: client.id, municipalityCode: client.municipalityCode, ...hashSecret(secret), until, now });
    await recordAuditEvent(trx, request, {
      municipalityCode: client.municipalityCode,
      action: 'api_client.secret_rotated',
      target: client.clientId,
      details: { overlapDays: input.overlapDays, oldSecretsUntil: until.toISOString() },
    });
    return { clientId: client.clientId, secret, oldSecretsUntil: until };
  });
}
