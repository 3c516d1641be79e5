// Resident accounts (the folder, 利用者フォルダ): found by the authentication certificate's stable
// id, never by a My Number. Platform-level rows: residents belong to no municipality.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** Finds the account of a certificate, or opens it (first login). Safe against two first logins at once. */
export async function findOrCreateResident(db: Executor, certificateId: string): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto('residents')
    .values({ certificate_id: certificateId })
    .onConflict((oc) => oc.column('certificate_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db.selectFrom('residents').select('id').where('certificate_id', '=', certificateId).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function markResidentLogin(db: Executor, residentId: string, now: Date): Promise<void> {
  await db.updateTable('residents').set({ last_login_at: now }).where('id', '=', residentId).execute();
}

export async function findResident(db: Executor, residentId: string) {
  return db
    .selectFrom('residents as r')
    .leftJoin('municipalities as m', 'm.code', 'r.home_municipality_code')
    .leftJoin('prefectures as p', 'p.code', 'm.prefecture_code')
    .select(['r.id', 'r.home_municipality_code as homeMunicipalityCode', 'm.name as homeName', 'p.name as homePrefectureName', 'r.created_at as createdAt', 'r.last_login_at as lastLoginAt'])
    .where('r.id', '=', residentId)
    .executeTakeFirst();
}

export async function setResidentHome(db: Executor, residentId: string, municipalityCode: string): Promise<void> {
  await db.updateTable('residents').set({ home_municipality_code: municipalityCode }).where('id', '=', residentId).execute();
}
