// Staff pages: sign-in (password, then the one-time code), password change, authenticator
// enrolment, staff account management and the network allow-list. Thin handlers: read the form,
// call one use case, re-render the form with its errors or move on.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import type { SessionStage } from '../../platform/db/tables.ts';
import { isAppError, type AppError } from '../../platform/errors.ts';
import { safeLocalPath } from '../../platform/i18n.ts';
import { pageContext, sendPage } from '../../web/page.ts';
import { changeStaffPassword } from './change-staff-password.ts';
import { changeStaffRoles } from './change-staff-roles.ts';
import { confirmTotpEnrolment, prepareTotpEnrolment } from './enroll-totp.ts';
import { STAGE_PAGE } from './guard.ts';
import { issueStaffAccount, rolesFromForm, type AccountKind } from './issue-staff-account.ts';
import { checkLoginCsrf, issueLoginCsrf } from './login-csrf.ts';
import { MUNICIPAL_ROLES, type StaffPrincipal } from './principal.ts';
import { findStaffAccount, listStaffAccounts } from './read-staff-accounts.ts';
import { resetStaffPassword } from './reset-staff-password.ts';
import { setStaffDisabled } from './set-staff-disabled.ts';
import { findIpAllowlist, setIpAllowlist, wouldLockOut } from './set-ip-allowlist.ts';
import { setSessionCookie } from './sessions.ts';
import { signInStaff } from './sign-in-staff.ts';
import { assignableRoles, isMunicipalAdmin, STAFF_ADMIN_ROLES } from './staff-access.ts';
import {
  InitialPasswordPage,
  IssuePage,
  LoginPage,
  NetworkPage,
  PasswordPage,
  StaffEditPage,
  StaffListPage,
  TotpEnrolPage,
  TotpPage,
  type IssueFormValues,
} from './staff-views.tsx';
import { verifyStaffTotp } from './verify-totp.ts';

type Form = Record<string, unknown>;

function text(body: unknown, name: string, max = 1000): string {
  const value = (body as Form | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function nextOf(value: unknown): string {
  return safeLocalPath(value, '/staff');
}

/** Where a session at `stage` goes next, keeping where the person was heading. */
function afterStage(stage: SessionStage, next: string): string {
  return stage === 'active' ? next : `${STAGE_PAGE[stage]}?next=${encodeURIComponent(next)}`;
}

function staffOf(request: FastifyRequest): StaffPrincipal {
  return request.principal as StaffPrincipal;
}

/** Runs a form's use case; an AppError re-renders the form with it. */
async function orRerender(reply: FastifyReply, act: () => Promise<FastifyReply>, render: (error: AppError) => JSX.Element): Promise<FastifyReply> {
  try {
    return await act();
  } catch (error) {
    if (!isAppError(error) || error.kind === 'not_found' || error.kind === 'forbidden') throw error;
    return sendPage(reply, render(error), error.status);
  }
}

const MANAGERS = { staff: { roles: [...STAFF_ADMIN_ROLES] }, loginPage: '/staff/login' };

export const staffPages: FastifyPluginAsync<{ db: Db; secureCookies: boolean }> = async (app, deps) => {
  // --- sign-in -----------------------------------------------------------------------------------
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
      checkLoginCsrf(request, text(request.body, '_csrf'));
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

  // --- own password and authenticator ---------------------------------------------------------------
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

  // --- staff management ----------------------------------------------------------------------------
  app.get('/staff/users', { schema: { hide: true }, config: { auth: MANAGERS } }, async (request, reply) => {
    const p = staffOf(request);
    const staff = await listStaffAccounts(deps, p);
    return sendPage(reply, <StaffListPage ctx={pageContext(request, 'staff')} staff={staff} national={!isMunicipalAdmin(p)} />);
  });

  const emptyIssue: IssueFormValues = { loginId: '', displayName: '', roles: [], kind: 'municipality', municipalityCode: '', prefectureCode: '' };
  app.get('/staff/users/new', { schema: { hide: true }, config: { auth: MANAGERS } }, async (request, reply) => {
    const p = staffOf(request);
    return sendPage(reply, <IssuePage ctx={pageContext(request, 'staff')} national={!isMunicipalAdmin(p)} roles={MUNICIPAL_ROLES} values={emptyIssue} />);
  });
  app.post('/staff/users', { schema: { hide: true }, config: { auth: MANAGERS } }, async (request, reply) => {
    const p = staffOf(request);
    const kindValue = text(request.body, 'kind');
    const values: IssueFormValues = {
      loginId: text(request.body, 'loginId', 100),
      displayName: text(request.body, 'displayName', 200),
      roles: rolesFromForm((request.body as Form | undefined)?.roles),
      kind: (['municipality', 'prefecture', 'national'].includes(kindValue) ? kindValue : 'municipality') as AccountKind,
      municipalityCode: text(request.body, 'municipalityCode', 10),
      prefectureCode: text(request.body, 'prefectureCode', 10),
    };
    return orRerender(
      reply,
      async () => {
        const issued = await issueStaffAccount(deps, request, values);
        reply.header('cache-control', 'no-store');
        const page = <InitialPasswordPage ctx={pageContext(request, 'staff')} staffId={issued.id} loginId={issued.loginId} password={issued.initialPassword} reset={false} />;
        return sendPage(reply, page, 201);
      },
      (error) => <IssuePage ctx={pageContext(request, 'staff')} national={!isMunicipalAdmin(p)} roles={MUNICIPAL_ROLES} values={values} error={error} />,
    );
  });

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, staffId: string, options: { done?: string; error?: AppError } = {}) {
    const p = staffOf(request);
    const staff = await findStaffAccount(deps, p, staffId);
    const page = <StaffEditPage ctx={pageContext(request, 'staff')} staff={staff} roles={assignableRoles(staff)} self={staff.id === p.staffId} {...options} />;
    return sendPage(reply, page, options.error?.status ?? 200);
  }

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>('/staff/users/:id', { schema: { hide: true }, config: { auth: MANAGERS } }, async (request, reply) =>
    renderEdit(request, reply, request.params.id, request.query.done ? { done: request.query.done } : {}),
  );
  app.post<{ Params: { id: string } }>('/staff/users/:id/roles', { schema: { hide: true }, config: { auth: MANAGERS } }, async (request, reply) => {
    const id = request.params.id;
    try {
      await changeStaffRoles(deps, request, { staffId: id, roles: rolesFromForm((request.body as Form | undefined)?.roles) });
      return await reply.redirect(`/staff/users/${id}?done=roles`, 303);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'bad_request') throw error;
      return renderEdit(request, reply, id, { error });
    }
  });
  app.post<{ Params: { id: string } }>('/staff/users/:id/password-reset', { schema: { hide: true }, config: { auth: MANAGERS } }, async (request, reply) => {
    const reset = await resetStaffPassword(deps, request, { staffId: request.params.id });
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <InitialPasswordPage ctx={pageContext(request, 'staff')} staffId={request.params.id} loginId={reset.loginId} password={reset.initialPassword} reset />);
  });
  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post<{ Params: { id: string } }>(`/staff/users/:id/${action}`, { schema: { hide: true }, config: { auth: MANAGERS } }, async (request, reply) => {
      await setStaffDisabled(deps, request, { staffId: request.params.id, disabled });
      return reply.redirect(`/staff/users/${request.params.id}?done=${disabled ? 'disabled' : 'enabled'}`, 303);
    });
  }

  // --- the LGWAN-terminal rule ------------------------------------------------------------------------
  const networkAuth = { auth: { staff: { roles: ['municipality_admin' as const] }, loginPage: '/staff/login' } };
  app.get<{ Querystring: { saved?: string } }>('/staff/settings/network', { schema: { hide: true }, config: networkAuth }, async (request, reply) => {
    const entries = await findIpAllowlist(deps, staffOf(request));
    const page = (
      <NetworkPage ctx={pageContext(request, 'staff')} ip={request.ip} text={entries.join('\n')} saved={request.query.saved === '1'} warnLockout={wouldLockOut(request.ip, entries)} />
    );
    return sendPage(reply, page);
  });
  app.post('/staff/settings/network', { schema: { hide: true }, config: networkAuth }, async (request, reply) => {
    const allowlist = text(request.body, 'allowlist', 20_000);
    return orRerender(
      reply,
      async () => {
        await setIpAllowlist(deps, request, { allowlist, confirmLockout: text(request.body, 'confirmLockout') === 'yes' });
        return reply.redirect('/staff/settings/network?saved=1', 303);
      },
      (error) => (
        <NetworkPage ctx={pageContext(request, 'staff')} ip={request.ip} text={allowlist} warnLockout={error.code === 'identity.allowlist_self_lockout'} error={error} />
      ),
    );
  });

};
