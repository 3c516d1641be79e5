// Staff account management: the list, issuing an account with its initial password, roles, a
// password reset, and disabling or enabling an account.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type AppError } from '../../../platform/errors.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { changeStaffRoles } from '../change-staff-roles.ts';
import { issueStaffAccount, rolesFromForm, type AccountKind } from '../issue-staff-account.ts';
import { MUNICIPAL_ROLES } from '../principal.ts';
import { findStaffAccount, listStaffAccounts } from '../read-staff-accounts.ts';
import { resetStaffPassword } from '../reset-staff-password.ts';
import { setStaffDisabled } from '../set-staff-disabled.ts';
import { assignableRoles, isMunicipalAdmin } from '../staff-access.ts';
import { InitialPasswordPage, IssuePage, StaffEditPage, StaffListPage, type IssueFormValues } from '../staff-views.tsx';
import { MANAGERS, orRerender, staffOf, text, type Form, type StaffPagesDeps } from './common.ts';

export function registerStaffAccountPages(app: FastifyInstance, deps: StaffPagesDeps): void {
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
}
