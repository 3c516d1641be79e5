// CSRF protection before there is a session (the sign-in forms): a double-submit token, random in a
// SameSite=Strict cookie and repeated in the form; a cross-site page can set neither.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';

/** The cookie's name: under https __Host-, like the session cookie, so a sibling host cannot plant it. */
export function loginCsrfCookieName(secure: boolean): string {
  return secure ? '__Host-onestop_login_csrf' : 'onestop_login_csrf';
}

export function issueLoginCsrf(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const name = loginCsrfCookieName(secure);
  const existing = request.cookies?.[name];
  if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(name, token, { path: '/', httpOnly: true, secure, sameSite: 'strict' });
  return token;
}

export function checkLoginCsrf(request: FastifyRequest, given: unknown, secure: boolean): void {
  const cookie = request.cookies?.[loginCsrfCookieName(secure)];
  const ok =
    typeof given === 'string' &&
    typeof cookie === 'string' &&
    given.length === cookie.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(cookie));
  if (!ok) {
    throw new AppError('identity.csrf', 'forbidden', 'The form has expired or did not come from this site. Reload the page and try again.', {
      ja: 'フォームの有効期限が切れたか、このサイトからの送信ではありません。ページを再読み込みしてもう一度お試しください。',
    });
  }
}
