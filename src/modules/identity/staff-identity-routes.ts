// The staff pages of identity built here: API clients and the audit log.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { registerApiClientPages } from './api-client-pages.tsx';
import { registerAuditPages } from './audit-pages.tsx';

export const apiClientAndAuditPages: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  registerApiClientPages(app, { db });
  registerAuditPages(app, { db });
};
