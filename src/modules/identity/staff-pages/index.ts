// Staff pages, one file per flow with their views in ../staff-views.tsx: sign-in (password, then
// the one-time code), password change, authenticator enrolment, staff account management and the
// network allow-list. Thin handlers: read the form, call one use case, re-render the form with its
// errors or move on.
import type { FastifyPluginAsync } from 'fastify';
import type { StaffPagesDeps } from './common.ts';
import { registerNetworkPages } from './network-pages.tsx';
import { registerOwnCredentialPages } from './own-credential-pages.tsx';
import { registerSignInPages } from './sign-in-pages.tsx';
import { registerStaffAccountPages } from './staff-account-pages.tsx';

export const staffPages: FastifyPluginAsync<StaffPagesDeps> = async (app, deps) => {
  registerSignInPages(app, deps);
  registerOwnCredentialPages(app, deps);
  registerStaffAccountPages(app, deps);
  registerNetworkPages(app, deps);
};
