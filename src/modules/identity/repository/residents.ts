// Resident accounts (the folder, 利用者フォルダ): found by the authentication certificate's stable
// id, never by a My Number. Platform-level rows: residents belong to no municipality.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../platform/db/tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

/** The login certificate as the account keeps it: its stable id, and the issuer and serial the link service takes (R17). */
export interface LoginCertificate {
  certificateId: string;
  issuer: string;
  serialNumber: string;
}

/**
 * Finds the account of a certificate, or opens it (first login). Safe against two first logins at
 * once. An account opened before accounts kept their login certificate's issuer and serial gets them here.
 */
export async function findOrCreateResident(db: Executor, certificate: LoginCertificate): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insertInto('residents')
    .values({ certificate_id: certificate.certificateId, certificate_issuer: certificate.issuer, certificate_serial: certificate.serialNumber })
    .onConflict((oc) =>
      oc
        .column('certificate_id')
        .doUpdateSet({ certificate_issuer: certificate.issuer, certificate_serial: certificate.serialNumber })
        .where('residents.certificate_serial', 'is', null),
    )
    // A row this statement inserted has no deleting transaction yet (xmax 0); one it updated has.
    .returning(['id', sql<boolean>`xmax = 0`.as('created')])
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: inserted.created };
  const existing = await db.selectFrom('residents').select('id').where('certificate_id', '=', certificate.certificateId).executeTakeFirstOrThrow();
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
