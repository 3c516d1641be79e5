// What a municipality administrator does with the API clients of its systems. Every function runs
// inside the municipality's scope, so another municipality's clients are simply not there (R15).
import { sql } from 'kysely';
import type { ScopedTransaction } from '../../../platform/db/tenancy.ts';

export interface ApiClientSummary {
  id: string;
  name: string;
  clientId: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  disabledAt: Date | null;
  secrets: { id: string; hint: string; createdAt: Date; expiresAt: Date | null; lastUsedAt: Date | null }[];
}

export async function insertScopedApiClient(
  trx: ScopedTransaction,
  c: { municipalityCode: string; name: string; clientId: string; scopes: string[]; secretHash: string; hint: string },
): Promise<string> {
  const { id } = await trx
    .insertInto('api_clients')
    .values({ municipality_code: c.municipalityCode, name: c.name, client_id: c.clientId, scopes: c.scopes })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('api_client_secrets').values({ api_client_id: id, municipality_code: c.municipalityCode, secret_hash: c.secretHash, hint: c.hint }).execute();
  return id;
}

export async function listApiClients(trx: ScopedTransaction): Promise<ApiClientSummary[]> {
  const clients = await trx
    .selectFrom('api_clients')
    .select(['id', 'name', 'client_id as clientId', 'scopes', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'disabled_at as disabledAt'])
    .orderBy('created_at', 'desc')
    .execute();
  if (clients.length === 0) return [];
  const secrets = await trx
    .selectFrom('api_client_secrets')
    .select(['id', 'api_client_id as clientRef', 'hint', 'created_at as createdAt', 'expires_at as expiresAt', 'last_used_at as lastUsedAt'])
    .where(
      'api_client_id',
      'in',
      clients.map((c) => c.id),
    )
    .orderBy('created_at', 'desc')
    .execute();
  return clients.map((c) => ({ ...c, secrets: secrets.filter((s) => s.clientRef === c.id).map(({ clientRef: _ref, ...s }) => s) }));
}

export async function findApiClient(trx: ScopedTransaction, id: string) {
  return trx
    .selectFrom('api_clients')
    .select(['id', 'name', 'client_id as clientId', 'municipality_code as municipalityCode', 'disabled_at as disabledAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Rotation: every secret still valid now ends at `until` at the latest; the new one has no end. */
export async function rotateSecret(
  trx: ScopedTransaction,
  c: { apiClientId: string; municipalityCode: string; secretHash: string; hint: string; until: Date; now: Date },
): Promise<void> {
  await trx
    .updateTable('api_client_secrets')
    .set({ expires_at: sql`least(coalesce(expires_at, ${c.until}), ${c.until})` })
    .where('api_client_id', '=', c.apiClientId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', c.now)]))
    .execute();
  await trx.insertInto('api_client_secrets').values({ api_client_id: c.apiClientId, municipality_code: c.municipalityCode, secret_hash: c.secretHash, hint: c.hint }).execute();
}

export async function disableApiClient(trx: ScopedTransaction, id: string, now: Date): Promise<void> {
  await trx.updateTable('api_clients').set({ disabled_at: now }).where('id', '=', id).where('disabled_at', 'is', null).execute();
}
