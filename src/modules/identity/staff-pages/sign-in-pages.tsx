// Staff sign-in: the password, then the one-time code; a locked account shows the sign-in page again.
import type { FastifyInstance } from 'fastify';
import type { SessionStage } from '../../../platform/db/tables.ts';
import { isAppError } from '../../../platform/errors.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { checkLoginCsrf, issueLoginCsrf } from '../login-csrf.ts';
import { setSessionCookie } from '../sessions.ts';
import { signInStaff } from '../sign-in-staff.ts';
import { LoginPage, TotpPage } from '../staff-views.tsx';
import { verifyStaffTotp } from '../verify-totp.ts';
import { afterStage, nextOf, orRerender, staffOf, text, type StaffPagesDeps } from './common.ts';

export function registerSignInPages(app: FastifyInstance, deps: StaffPagesDeps): void {
  app.get<{ Querystring: { next?: string; signedOut?: string } }>('/staff/login', { schema: { hide: true } }, async (request, reply) => {
    const loginCsrf = issueLoginCsrf(request, reply, deps.secureCookies);
    const page = <LoginPage ctx={pageContext(request, 'staff')} loginCsrf={loginCsrf} next={nextOf(request.query.next)} signedOut={request.query.signedOut === '1'} />;
    return sendPage(reply.header('cache-control', 'no-store'), page);
  });

  app.post(
    '/staff/login',
    // Per client address, on top of the per-account lockout: slows guessing across many IDs.
    { schema: { hide: true }, config: { rateLimit: { max: 10, timeWindow: '1 minute' } } },
    async (request, reply) => {
      checkLoginCsrf(request, text(request.body, '_csrf'), deps.secureCookies);
      const loginId = text(request.body, 'loginId', 200);
      const next = nextOf(text(request.body, 'next'));
      try {
        const signIn = await signInStaff(deps, request, { loginId, password: text(request.body, 'password', 200) });
        setSessionCookie(reply, signIn.token, signIn.expiresAt, deps.secureCookies);
        return await reply.redirect(afterStage(signIn.stage, next), 303);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const loginCsrf = issueLoginCsrf(request, reply, deps.secureCookies);
        return sendPage(reply, <LoginPage ctx={pageContext(request, 'staff')} loginCsrf={loginCsrf} next={next} loginId={loginId} error={error} />, error.status);
      }
    },
  );

  const totpStep = { auth: { staff: { stages: ['totp', 'active'] as SessionStage[] }, loginPage: '/staff/login' } };
  app.get<{ Querystring: { next?: string } }>('/staff/login/totp', { schema: { hide: true }, config: totpStep }, async (request, reply) => {
    const next = nextOf(request.query.next);
    if (staffOf(request).stage === 'active') return reply.redirect(next, 303);
    return sendPage(reply, <TotpPage ctx={pageContext(request, 'staff')} next={next} />);
  });
  app.post('/staff/login/totp', { schema: { hide: true }, config: totpStep }, async (request, reply) => {
    const next = nextOf(text(request.body, 'next'));
    if (staffOf(request).stage === 'active') return reply.redirect(next, 303);
    return orRerender(
      reply,
      async () => {
        await verifyStaffTotp(deps, request, { code: text(request.body, 'code', 20) });
        return reply.redirect(next, 303);
      },
      (error) =>
        error.code === 'identity.account_locked' ? (
          <LoginPage ctx={{ ...pageContext(request, 'staff'), user: null }} loginCsrf={issueLoginCsrf(request, reply, deps.secureCookies)} next={next} error={error} />
        ) : (
          <TotpPage ctx={pageContext(request, 'staff')} next={next} error={error} />
        ),
    );
  });
}
