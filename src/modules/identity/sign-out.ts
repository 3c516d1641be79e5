// Signing out: this session, or every session of the same person ("logout everywhere").
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { revokeSession, revokeSessionsOf } from './repository/sessions.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { clearSessionCookie } from './sessions.ts';

export async function signOut(
  deps: { db: Db; secureCookies: boolean },
  request: FastifyRequest,
  reply: FastifyReply,
  options: { everywhere: boolean },
): Promise<{ ended: number }> {
  const p = request.principal;
  if (!p || p.kind === 'system') return { ended: 0 };
  const now = new Date();
  const ended = await deps.db.kysely.transaction().execute(async (trx) => {
    const count = options.everywhere
      ? await revokeSessionsOf(trx, p.kind === 'resident' ? { residentId: p.residentId } : { staffId: p.staffId }, now)
      : (await revokeSession(trx, p.sessionId, now), 1);
    await recordAuditEvent(trx, request, {
      municipalityCode: p.kind === 'staff' ? p.municipalityCode : null,
      action: options.everywhere ? `${p.kind}.logout_everywhere` : `${p.kind}.logout`,
      details: { sessionsEnded: count },
    });
    return count;
  });
  clearSessionCookie(reply, deps.secureCookies);
  return { ended };
}
