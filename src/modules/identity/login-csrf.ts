// CSRF protection before there is a session (the sign-in forms): a double-submit token, random in a
// SameSite=Strict cookie and repeated in the form; a cross-site page can set neither.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';

const COOKIE = 'onestop_login_csrf';

export function issueLoginCsrf(request: FastifyRequest, reply: FastifyReply, secure: boolean): string {
  const existing = request.cookies?.[COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(COOKIE, token, { path: '/', httpOnly: true, secure, sameSite: 'strict' });
  return token;
}

export function checkLoginCsrf(request: FastifyRequest, given: unknown): void {
  const cookie = request.cookies?.[COOKIE];
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
