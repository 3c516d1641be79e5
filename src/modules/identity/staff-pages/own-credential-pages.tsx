// A staff member's own password (changed when forced at first sign-in, or at will) and authenticator.
import type { FastifyInstance } from 'fastify';
import type { SessionStage } from '../../../platform/db/tables.ts';
import { isAppError } from '../../../platform/errors.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { changeStaffPassword } from '../change-staff-password.ts';
import { confirmTotpEnrolment, prepareTotpEnrolment } from '../enroll-totp.ts';
import { PasswordPage, TotpEnrolPage } from '../staff-views.tsx';
import { afterStage, nextOf, orRerender, staffOf, text, type StaffPagesDeps } from './common.ts';

export function registerOwnCredentialPages(app: FastifyInstance, deps: StaffPagesDeps): void {
  const passwordAuth = { auth: { staff: { stages: ['password_change', 'active'] as SessionStage[] }, loginPage: '/staff/login' } };
  app.get<{ Querystring: { next?: string; done?: string } }>('/staff/password', { schema: { hide: true }, config: passwordAuth }, async (request, reply) => {
    const ctx = pageContext(request, 'staff');
    return sendPage(reply, <PasswordPage ctx={ctx} next={nextOf(request.query.next)} forced={staffOf(request).stage === 'password_change'} done={request.query.done === '1'} />);
  });
  app.post('/staff/password', { schema: { hide: true }, config: passwordAuth }, async (request, reply) => {
    const next = nextOf(text(request.body, 'next'));
    const forced = staffOf(request).stage === 'password_change';
    return orRerender(
      reply,
      async () => {
        const { stage } = await changeStaffPassword(deps, request, {
          currentPassword: text(request.body, 'currentPassword', 200),
          newPassword: text(request.body, 'newPassword', 200),
          confirmPassword: text(request.body, 'confirmPassword', 200),
        });
        return reply.redirect(forced ? afterStage(stage, next) : '/staff/password?done=1', 303);
      },
      (error) => <PasswordPage ctx={pageContext(request, 'staff')} next={next} forced={forced} error={error} />,
    );
  });

  const enrolAuth = { auth: { staff: { stages: ['totp_enroll', 'active'] as SessionStage[] }, loginPage: '/staff/login' } };
  app.get<{ Querystring: { next?: string } }>('/staff/totp', { schema: { hide: true }, config: enrolAuth }, async (request, reply) => {
    const p = staffOf(request);
    const enrolment = await prepareTotpEnrolment(deps, p);
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <TotpEnrolPage ctx={pageContext(request, 'staff')} next={nextOf(request.query.next)} required={p.stage === 'totp_enroll'} enrolment={enrolment} />);
  });
  app.post('/staff/totp', { schema: { hide: true }, config: enrolAuth }, async (request, reply) => {
    const p = staffOf(request);
    const next = nextOf(text(request.body, 'next'));
    try {
      await confirmTotpEnrolment(deps, request, { code: text(request.body, 'code', 20) });
      return await reply.redirect(p.stage === 'totp_enroll' ? next : '/staff/totp', 303);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'bad_request') throw error;
      const enrolment = await prepareTotpEnrolment(deps, p);
      reply.header('cache-control', 'no-store');
      return sendPage(reply, <TotpEnrolPage ctx={pageContext(request, 'staff')} next={next} required={p.stage === 'totp_enroll'} enrolment={enrolment} error={error} />, error.status);
    }
  });
}
