// Liveness and readiness for load balancers and orchestrators.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/index.ts';
import { AppError } from '../errors.ts';
import { sendError } from './problems.ts';

export function registerHealth(app: FastifyInstance, db: Db): void {
  const hide = { hide: true };
  app.get('/healthz', { schema: hide }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: hide }, async (request, reply) => {
    try {
      await db.ping();
      return { status: 'ready', database: db.kind };
    } catch (error) {
      request.log.warn({ err: error }, 'database not ready');
      return sendError(
        request,
        reply,
        new AppError('platform.database_unavailable', 'unavailable', 'The database is not reachable.', {
          ja: 'データベースに接続できません。',
        }),
      );
    }
  });
}
