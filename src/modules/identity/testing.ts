// Builders for tests: signed-in staff, residents and API clients with sensible defaults.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import type { SessionStage, StaffRole } from '../../platform/db/tables.ts';
import { hashPassword } from './passwords.ts';
import { insertApiClient } from './repository/api-clients.ts';
import { insertStaff } from './repository/staff.ts';
import { cookieName, csrfTokenFor, startSession } from './sessions.ts';

export interface TestCaller {
  /** Cookies for app.inject (browser sessions). */
  cookies: Record<string, string>;
  /** Headers: the CSRF token for sessions, Authorization for API clients. */
  headers: Record<string, string>;
  id: string;
}

let counter = 0;
const passwordHashes = new Map<string, Promise<string>>();

/** A staff member of a municipality (or national/prefecture), signed in with a live session. */
export async function signedInStaff(
  db: Db,
  options: { municipalityCode?: string | null; prefectureCode?: string | null; roles?: StaffRole[]; stage?: SessionStage; password?: string } = {},
): Promise<TestCaller & { loginId: string; password: string }> {
  const password = options.password ?? 'correct-horse-42';
  if (!passwordHashes.has(password)) passwordHashes.set(password, hashPassword(password));
  const loginId = `staff${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`;
  const roles = options.roles ?? ['municipality_admin'];
  const national = roles.includes('national_admin');
  const prefecture = roles.includes('prefecture_viewer');
  const id = await insertStaff(db.kysely, {
    loginId,
    displayName: `テスト職員 ${counter}`,
    municipalityCode: national || prefecture ? null : (options.municipalityCode ?? '131130'),
    prefectureCode: prefecture ? (options.prefectureCode ?? '13') : null,
    roles,
    passwordHash: await passwordHashes.get(password)!,
    mustChangePassword: false,
  });
  const session = await startSession(db.kysely, { staffId: id }, options.stage ?? 'active');
  const csrfSecret = (await db.kysely.selectFrom('sessions').select('csrf_secret').where('id_hash', '=', session.idHash).executeTakeFirstOrThrow()).csrf_secret;
  return { id, loginId, password, cookies: { [cookieName(false)]: session.token }, headers: { 'x-csrf-token': csrfTokenFor(csrfSecret) } };
}

/** An API client of a municipality's existing system, with the given scopes. */
export async function apiClient(db: Db, options: { municipalityCode?: string; scopes?: string[] } = {}): Promise<TestCaller & { clientId: string; secret: string }> {
  const clientId = `oc_test${++counter}${randomBytes(4).toString('hex')}`;
  const secret = `ocs_${randomBytes(32).toString('base64url')}`;
  const id = await insertApiClient(db.kysely, {
    municipalityCode: options.municipalityCode ?? '131130',
    name: `テスト連携 ${counter}`,
    clientId,
    scopes: options.scopes ?? [],
    secretHash: createHash('sha256').update(secret).digest('hex'),
    hint: secret.slice(-4),
  });
  return { id, clientId, secret, cookies: {}, headers: { authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` } };
}

/** A resident account with a live session. */
export async function signedInResident(
  db: Db,
  options: { homeMunicipalityCode?: string | null; loginCertificate?: { issuer: string; serialNumber: string } } = {},
): Promise<TestCaller> {
  const login = options.loginCertificate;
  const { id } = await db.kysely
    .insertInto('residents')
    .values({
      certificate_id: `test-${randomBytes(8).toString('hex')}`,
      home_municipality_code: options.homeMunicipalityCode ?? null,
      // Signed in with this authentication certificate: signatures linked to it are the resident's own (R17).
      certificate_issuer: login?.issuer ?? null,
      certificate_serial: login?.serialNumber ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await startSession(db.kysely, { residentId: id }, 'active');
  const csrfSecret = (await db.kysely.selectFrom('sessions').select('csrf_secret').where('id_hash', '=', session.idHash).executeTakeFirstOrThrow()).csrf_secret;
  return { id, cookies: { [cookieName(false)]: session.token }, headers: { 'x-csrf-token': csrfTokenFor(csrfSecret) } };
}
export { TestBrowser, staffAccount } from './staff-test-browser.ts';
