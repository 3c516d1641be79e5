// A municipality administrator registers an existing system as an API client: a name, the scopes it
// needs, and a secret that is shown once (only its hash is kept).
import type { FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { API_CLIENT_SCOPES, hashSecret, newClientId, newSecret } from './api-client-secrets.ts';
import { scopeOf, type StaffPrincipal } from './principal.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { insertScopedApiClient } from './repository/api-client-admin.ts';

export interface CreatedApiClient {
  id: string;
  clientId: string;
  /** Shown once, never stored. */
  secret: string;
}

export function checkApiClientInput(input: { name: string; scopes: readonly string[] }): { name: string; scopes: string[] } {
  const name = input.name.normalize('NFKC').trim();
  const fields: FieldProblem[] = [];
  if (name.length === 0) fields.push({ field: 'name', rule: 'required', message: { en: 'Enter a name for the system', ja: 'システムの名前を入力してください' } });
  else if (name.length > 100) fields.push({ field: 'name', rule: 'maxLength', message: { en: 'Use at most 100 characters', ja: '100文字以内で入力してください' } });
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) fields.push({ field: 'scopes', rule: 'required', message: { en: 'Choose at least one permission', ja: '権限を1つ以上選んでください' } });
  else if (scopes.some((s) => !(API_CLIENT_SCOPES as readonly string[]).includes(s))) {
    fields.push({ field: 'scopes', rule: 'enum', message: { en: 'Choose permissions from the list', ja: '権限は一覧から選んでください' } });
  }
  if (fields.length > 0) {
    throw new AppError('identity.invalid_api_client', 'bad_request', 'Check the API client details.', { ja: 'APIクライアントの入力内容を確認してください。', fields });
  }
  return { name, scopes };
}

export async function createApiClient(deps: { db: Db }, request: FastifyRequest, input: { principal: StaffPrincipal; name: string; scopes: readonly string[] }): Promise<CreatedApiClient> {
  const { name, scopes } = checkApiClientInput(input);
  const scope = scopeOf(input.principal);
  if (scope.kind !== 'municipality') throw new AppError('identity.municipality_only', 'forbidden', 'API clients belong to a municipality.', { ja: 'APIクライアントは市区町村ごとに登録します。' });
  const clientId = newClientId();
  const secret = newSecret();
  const id = await withScope(deps.db.kysely, scope, async (trx) => {
    const id = await insertScopedApiClient(trx, { municipalityCode: scope.municipalityCode, name, clientId, scopes, ...hashSecret(secret) });
    await recordAuditEvent(trx, request, { municipalityCode: scope.municipalityCode, action: 'api_client.created', target: clientId, details: { name, scopes } });
    return id;
  });
  return { id, clientId, secret };
}
