// Agency-specific codes (機関別符号) and the platform's keys that derive them. Keys are platform rows
// (never visible to a municipality's role); codes are municipal rows under row-level security, so a
// municipality's staff and systems see and register only their own (R7, R15).
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/tables.ts';
import type { ScopedTransaction } from '../../../platform/db/tenancy.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export interface AgencyKey {
  version: number;
  secret: Uint8Array;
  retiredAt: Date | null;
}

/** The key that new links use: the newest one not retired. */
export async function findCurrentAgencyKey(db: Executor): Promise<AgencyKey | undefined> {
  const row = await db
    .selectFrom('agency_code_keys')
    .select(['version', 'secret', 'retired_at as retiredAt'])
    .where('retired_at', 'is', null)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ...row, secret: new Uint8Array(row.secret) } : undefined;
}

export async function findNewestAgencyKeyVersion(db: Executor): Promise<number> {
  const row = await db.selectFrom('agency_code_keys').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Inserts a key version; false when another node made that version first. */
export async function insertAgencyKey(db: Executor, version: number, secret: Uint8Array): Promise<boolean> {
  const row = await db
    .insertInto('agency_code_keys')
    .values({ version, secret })
    .onConflict((oc) => oc.column('version').doNothing())
    .returning('version')
    .executeTakeFirst();
  return row !== undefined;
}

export async function retireAgencyKeysBefore(db: Executor, version: number, now: Date): Promise<void> {
  await db.updateTable('agency_code_keys').set({ retired_at: now }).where('version', '<', version).where('retired_at', 'is', null).execute();
}

/** The resident's code at a municipality, if linked (any key version; the oldest is the one in use). */
export async function findLinkedCode(db: Executor, municipalityCode: string, residentId: string): Promise<{ code: string; keyVersion: number | null } | undefined> {
  return db
    .selectFrom('agency_codes')
    .select(['code', 'key_version as keyVersion'])
    .where('municipality_code', '=', municipalityCode)
    .where('resident_id', '=', residentId)
    .orderBy('key_version', 'asc')
    .limit(1)
    .executeTakeFirst();
}

/** Links a derived code to its resident; a code the municipality registered earlier gains its account. */
export async function upsertLinkedCode(db: Executor, c: { municipalityCode: string; code: string; residentId: string; keyVersion: number }): Promise<void> {
  await db
    .insertInto('agency_codes')
    .values({ municipality_code: c.municipalityCode, code: c.code, resident_id: c.residentId, key_version: c.keyVersion })
    .onConflict((oc) => oc.columns(['municipality_code', 'code']).doUpdateSet({ resident_id: c.residentId, key_version: c.keyVersion }))
    .execute();
}

const CHUNK = 2000;

/**
 * Inside the municipality's scope: records codes its system knows. Codes already known keep their
 * row (and their account); returns how many were new and how many have an account.
 */
export async function registerCodes(trx: ScopedTransaction, municipalityCode: string, codes: readonly string[], now: Date): Promise<{ added: number }> {
  let added = 0;
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = codes.slice(i, i + CHUNK).map((code) => ({ municipality_code: municipalityCode, code, registered_at: now }));
    const result = await trx
      .insertInto('agency_codes')
      .values(rows)
      .onConflict((oc) => oc.columns(['municipality_code', 'code']).doUpdateSet({ registered_at: sql`coalesce(agency_codes.registered_at, excluded.registered_at)` }))
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    added += result.filter((r) => r.inserted).length;
  }
  return { added };
}

/** Inside the caller's scope: which of these codes belong to an account. Other agencies' rows are invisible. */
export async function selectCodesWithAccount(trx: ScopedTransaction, codes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const chunk = codes.slice(i, i + CHUNK);
    const rows = await trx.selectFrom('agency_codes').select('code').where('code', 'in', chunk).where('resident_id', 'is not', null).execute();
    for (const r of rows) found.add(r.code);
  }
  return found;
}

/** Inside the caller's scope: the residents behind codes (for notices and records, R6). */
export async function selectResidentsByCodes(trx: ScopedTransaction, codes: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('agency_codes')
      .select(['code', 'resident_id'])
      .where('code', 'in', codes.slice(i, i + CHUNK))
      .where('resident_id', 'is not', null)
      .execute();
    for (const r of rows) found.set(r.code, r.resident_id!);
  }
  return found;
}

/** A national body's code for a resident (platform data, no municipality can read it). */
export async function upsertNationalCode(db: Executor, c: { agency: string; code: string; residentId: string; keyVersion: number }): Promise<void> {
  await db
    .insertInto('national_agency_codes')
    .values({ agency: c.agency, code: c.code, resident_id: c.residentId, key_version: c.keyVersion })
    .onConflict((oc) => oc.columns(['agency', 'code']).doNothing())
    .execute();
}

export async function findNationalCodes(db: Executor, residentId: string): Promise<Array<{ agency: string; code: string }>> {
  return db.selectFrom('national_agency_codes').select(['agency', 'code']).where('resident_id', '=', residentId).orderBy('agency').orderBy('key_version').execute();
}

/** Which of these codes of one national body belong to an account. */
export async function selectNationalCodesWithAccount(db: Executor, agency: string, codes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await db.selectFrom('national_agency_codes').select('code').where('agency', '=', agency).where('code', 'in', codes.slice(i, i + CHUNK)).execute();
    for (const r of rows) found.add(r.code);
  }
  return found;
}
