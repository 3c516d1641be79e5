// API clients of existing municipal systems and their secrets (stored as SHA-256 of a 256-bit
// random secret: a slow hash adds nothing to a secret that cannot be guessed).
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/tables.ts';

export interface ClientCredentialRow {
  apiClientId: string;
  clientId: string;
  name: string;
  municipalityCode: string;
  scopes: string[];
  disabledAt: Date | null;
  lastUsedAt: Date | null;
  secretId: string;
  secretHash: string;
  secretExpiresAt: Date | null;
  secretLastUsedAt: Date | null;
}

/** Whether a client id is taken (the demo seeds fixed ids and runs more than once). */
export async function apiClientExists(db: Kysely<Database>, clientId: string): Promise<boolean> {
  return (await db.selectFrom('api_clients').select('id').where('client_id', '=', clientId).executeTakeFirst()) !== undefined;
}

/** Platform-level lookup at authentication time, before any scope exists. */
export async function findClientCredentials(db: Kysely<Database>, clientId: string, now: Date): Promise<ClientCredentialRow[]> {
  return db
    .selectFrom('api_clients as c')
    .innerJoin('api_client_secrets as s', 's.api_client_id', 'c.id')
    .select([
      'c.id as apiClientId',
      'c.client_id as clientId',
      'c.name',
      'c.municipality_code as municipalityCode',
      'c.scopes',
      'c.disabled_at as disabledAt',
      'c.last_used_at as lastUsedAt',
      's.id as secretId',
      's.secret_hash as secretHash',
      's.expires_at as secretExpiresAt',
      's.last_used_at as secretLastUsedAt',
    ])
    .where('c.client_id', '=', clientId)
    .where((eb) => eb.or([eb('s.expires_at', 'is', null), eb('s.expires_at', '>', now)]))
    .execute();
}

export async function markClientUsed(db: Kysely<Database>, apiClientId: string, secretId: string, now: Date): Promise<void> {
  await db.updateTable('api_clients').set({ last_used_at: now }).where('id', '=', apiClientId).execute();
  await db.updateTable('api_client_secrets').set({ last_used_at: now }).where('id', '=', secretId).execute();
}

export async function insertApiClient(
  db: Kysely<Database>,
  c: { municipalityCode: string; name: string; clientId: string; scopes: string[]; secretHash: string; hint: string },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('api_clients')
      .values({ municipality_code: c.municipalityCode, name: c.name, client_id: c.clientId, scopes: c.scopes })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('api_client_secrets')
      .values({ api_client_id: id, municipality_code: c.municipalityCode, secret_hash: c.secretHash, hint: c.hint })
      .execute();
    return id;
  });
}
