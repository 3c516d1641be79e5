// Sessions of residents and staff, shared by every node. Only a hash of the token is stored.
import type { Kysely } from 'kysely';
import type { Database, SessionStage, StaffRole } from '../../../platform/db/tables.ts';

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
  staffId: string | null;
  loginId: string | null;
  displayName: string | null;
  roles: StaffRole[] | null;
  municipalityCode: string | null;
  prefectureCode: string | null;
  staffDisabledAt: Date | null;
  ipAllowlist: string[] | null;
}

/** The live session behind a token hash, with its subject, in one query. */
export async function findLiveSession(db: Kysely<Database>, idHash: string, now: Date): Promise<SessionWithSubject | undefined> {
  return db
    .selectFrom('sessions as s')
    .leftJoin('residents as r', 'r.id', 's.resident_id')
    .leftJoin('staff_users as u', 'u.id', 's.staff_id')
    .leftJoin('municipality_profiles as mp', 'mp.municipality_code', 'u.municipality_code')
    .select([
      's.id_hash as idHash',
      's.stage',
      's.csrf_secret as csrfSecret',
      's.created_at as createdAt',
      's.last_seen_at as lastSeenAt',
      's.expires_at as expiresAt',
      's.resident_id as residentId',
      'r.home_municipality_code as residentHome',
      's.staff_id as staffId',
      'u.login_id as loginId',
      'u.display_name as displayName',
      'u.roles',
      'u.municipality_code as municipalityCode',
      'u.prefecture_code as prefectureCode',
      'u.disabled_at as staffDisabledAt',
      'mp.staff_ip_allowlist as ipAllowlist',
    ])
    .where('s.id_hash', '=', idHash)
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
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
