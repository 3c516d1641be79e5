// The help module's pages: residents' FAQ and inquiries, the desks in the console and the national
// administration, the FAQ editors, and the response times.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import { MUNICIPAL_ROLES } from '../../identity/index.ts';
import { registerDeskPages } from './desk-pages.tsx';
import { registerFaqEditorPages } from './faq-editor-pages.tsx';
import { registerResidentHelpPages } from './resident-pages.tsx';
import { registerResponseTimesPage } from './response-times-page.tsx';

export function registerHelpPages(app: FastifyInstance, deps: { db: Db }): void {
  registerResidentHelpPages(app, deps);
  registerDeskPages(app, deps, { base: '/staff/help/inquiries', area: 'staff', roles: [...MUNICIPAL_ROLES] });
  registerDeskPages(app, deps, { base: '/admin/help/inquiries', area: 'admin', roles: ['national_admin'] });
  registerFaqEditorPages(app, deps, { base: '/staff/help/faq', area: 'staff', roles: ['municipality_admin'] });
  registerFaqEditorPages(app, deps, { base: '/admin/help/faq', area: 'admin', roles: ['national_admin'] });
  registerResponseTimesPage(app, deps);
}
