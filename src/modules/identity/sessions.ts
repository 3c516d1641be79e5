// Session tokens: 256 random bits in a cookie (Secure when the site is https, HttpOnly,
// SameSite=Lax), stored as a SHA-256 hash. A new session (new id) at every login; idle and absolute
// timeouts; logout ends one session, "logout everywhere" all of them.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, SessionStage } from '../../platform/db/tables.ts';
import { insertSession } from './repository/sessions.ts';

export const SESSION_IDLE_SECONDS = 30 * 60;
export const SESSION_ABSOLUTE_SECONDS = { resident: 3 * 3600, staff: 10 * 3600 } as const;
/** last_seen_at is written at most this often, so busy sessions do not write on every request. */
export const SESSION_TOUCH_SECONDS = 60;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export function cookieName(secure: boolean): string {
  // __Host- binds the cookie to this host and path / (it requires Secure).
  return secure ? '__Host-onestop_session' : 'onestop_session';
}

export async function startSession(
  db: Kysely<Database>,
  subject: { residentId: string } | { staffId: string },
  stage: SessionStage,
  now = new Date(),
): Promise<{ token: string; idHash: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const idHash = hashToken(token);
  const kind = 'residentId' in subject ? 'resident' : 'staff';
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_SECONDS[kind] * 1000);
  await insertSession(db, { idHash, ...subject, stage, csrfSecret: randomBytes(32).toString('base64url'), expiresAt });
  return { token, idHash, expiresAt };
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean): void {
  reply.setCookie(cookieName(secure), token, { path: '/', httpOnly: true, secure, sameSite: 'lax', expires: expiresAt });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(cookieName(secure), { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}

export function sessionTokenOf(request: FastifyRequest, secure: boolean): string | undefined {
  const value = request.cookies?.[cookieName(secure)];
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

/** The CSRF token of a session: derived, so nothing more is stored. */
export function csrfTokenFor(csrfSecret: string): string {
  return createHmac('sha256', csrfSecret).update('csrf').digest('base64url');
}

export function isCsrfTokenValid(csrfSecret: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(csrfSecret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
