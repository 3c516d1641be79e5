// Sessions of residents and staff, shared by every node. Only a hash of the token is stored.
import type { Kysely } from 'kysely';
import type { Database, SessionStage, StaffRole } from '../../../platform/db/tables.ts';
import { statement } from '../../../platform/db/statement.ts';

export interface NewSession {
  idHash: string;
  residentId?: string;
  staffId?: string;
  stage: SessionStage;
  csrfSecret: string;
  expiresAt: Date;
}

export async function insertSession(db: Kysely<Database>, s: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.idHash,
      resident_id: s.residentId ?? null,
      staff_id: s.staffId ?? null,
      stage: s.stage,
      csrf_secret: s.csrfSecret,
      expires_at: s.expiresAt,
    })
    .execute();
}

export interface SessionWithSubject {
  idHash: string;
  stage: SessionStage;
  csrfSecret: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  residentId: string | null;
  residentHome: string | null;
  residentCertificateIssuer: string | null;
  residentCertificateSerial: string | null;
  staffId: string | null;
  loginId: string | null;
  displayName: string | null;
  roles: StaffRole[] | null;
  municipalityCode: string | null;
  prefectureCode: string | null;
  staffDisabledAt: Date | null;
  ipAllowlist: string[] | null;
}

/** The live session behind a token hash, with its subject, in one query (on every request: a fixed text). */
export async function findLiveSession(db: Kysely<Database>, idHash: string, now: Date): Promise<SessionWithSubject | undefined> {
  const { rows } = await db.executeQuery(statement<SessionWithSubject>`
    SELECT s.id_hash AS "idHash", s.stage, s.csrf_secret AS "csrfSecret", s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt",
      s.expires_at AS "expiresAt", s.resident_id AS "residentId", r.home_municipality_code AS "residentHome",
      r.certificate_issuer AS "residentCertificateIssuer", r.certificate_serial AS "residentCertificateSerial", s.staff_id AS "staffId",
      u.login_id AS "loginId", u.display_name AS "displayName", u.roles, u.municipality_code AS "municipalityCode",
      u.prefecture_code AS "prefectureCode", u.disabled_at AS "staffDisabledAt", mp.staff_ip_allowlist AS "ipAllowlist"
    FROM sessions s
    LEFT JOIN residents r ON r.id = s.resident_id
    LEFT JOIN staff_users u ON u.id = s.staff_id
    LEFT JOIN municipality_profiles mp ON mp.municipality_code = u.municipality_code
    WHERE s.id_hash = ${idHash} AND s.revoked_at IS NULL AND s.expires_at > ${now}`);
  return rows[0];
}

export async function touchSession(db: Kysely<Database>, idHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function setSessionStage(db: Kysely<Database>, idHash: string, stage: SessionStage): Promise<void> {
  await db.updateTable('sessions').set({ stage }).where('id_hash', '=', idHash).execute();
}

export async function revokeSession(db: Kysely<Database>, idHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now }).where('id_hash', '=', idHash).where('revoked_at', 'is', null).execute();
}

/** Logout everywhere: every live session of the subject. Returns how many ended. */
export async function revokeSessionsOf(db: Kysely<Database>, subject: { residentId?: string; staffId?: string }, now: Date): Promise<number> {
  let q = db.updateTable('sessions').set({ revoked_at: now }).where('revoked_at', 'is', null);
  q = subject.residentId ? q.where('resident_id', '=', subject.residentId) : q.where('staff_id', '=', subject.staffId!);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function countLiveSessions(db: Kysely<Database>, subject: { residentId?: string; staffId?: string }, now: Date): Promise<number> {
  let q = db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now);
  q = subject.residentId ? q.where('resident_id', '=', subject.residentId) : q.where('staff_id', '=', subject.staffId!);
  return Number((await q.executeTakeFirstOrThrow()).n);
}
