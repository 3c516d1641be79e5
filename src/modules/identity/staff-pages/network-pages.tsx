// The LGWAN-terminal rule: the addresses a municipality's staff may sign in from, with a warning
// before a change that would lock out the administrator making it.
import type { FastifyInstance } from 'fastify';
import { pageContext, sendPage } from '../../../web/page.ts';
import { findIpAllowlist, setIpAllowlist, wouldLockOut } from '../set-ip-allowlist.ts';
import { NetworkPage } from '../staff-views.tsx';
import { orRerender, staffOf, text, type StaffPagesDeps } from './common.ts';

export function registerNetworkPages(app: FastifyInstance, deps: StaffPagesDeps): void {
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
}
