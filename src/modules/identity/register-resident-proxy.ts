// Registers a proxy for a resident's account (R17): someone whose signature the account accepts as a
// proxy signature — a guardian, an adult child, a representative with a power of attorney. The proxy
// is named by their own account (then any signature certificate linked to its login certificate) or
// by one signature certificate's subject (a proxy with no account here). The registration is a
// security event in the audit log. Who may register one (the municipality, after seeing the papers)
// is an operation outside the platform for now: the command line (`onestop identity register-proxy`).
import type { Db } from '../../platform/db/index.ts';
import { proxyInvalid, residentNotFound } from './errors.ts';
import { recordAuditEvent } from './record-audit-event.ts';
import { insertResidentProxy, residentExists } from './repository/proxies.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RegisterResidentProxyInput {
  residentId: string;
  proxyResidentId?: string | null;
  /** The proxy's signature certificate subject, as the validation report writes it. */
  proxySubject?: string | null;
  /** Who registered it (an operator's name, a staff login id): kept with the row and in the audit log. */
  registeredBy: string;
}

export async function registerResidentProxy(deps: { db: Db }, input: RegisterResidentProxyInput): Promise<{ id: string | null; created: boolean }> {
  const proxyResidentId = input.proxyResidentId?.trim() || null;
  const proxySubject = input.proxySubject?.trim() || null;
  if (!UUID.test(input.residentId)) throw residentNotFound('residentId');
  if ((proxyResidentId === null) === (proxySubject === null)) {
    throw proxyInvalid('proxy', 'Name the proxy by their account or by their signature certificate subject, not both.', '代理人は、利用者アカウントまたは署名用電子証明書のサブジェクトのどちらか一方で指定してください。');
  }
  if (proxyResidentId !== null) {
    if (!UUID.test(proxyResidentId)) throw residentNotFound('proxyResidentId');
    if (proxyResidentId === input.residentId) throw proxyInvalid('proxyResidentId', 'An account cannot be its own proxy.', '本人を自分の代理人として登録することはできません。');
  }
  if (proxySubject !== null && (proxySubject.length > 1000 || [...proxySubject].some((c) => c.charCodeAt(0) < 0x20))) {
    throw proxyInvalid('proxySubject', 'The subject is too long or holds control characters.', 'サブジェクトが長すぎるか、制御文字を含んでいます。');
  }
  return deps.db.kysely.transaction().execute(async (trx) => {
    if (!(await residentExists(trx, input.residentId))) throw residentNotFound('residentId');
    if (proxyResidentId !== null && !(await residentExists(trx, proxyResidentId))) throw residentNotFound('proxyResidentId');
    const id = await insertResidentProxy(trx, { residentId: input.residentId, proxyResidentId, proxySubject, registeredBy: input.registeredBy });
    if (id) {
      await recordAuditEvent(trx, null, {
        municipalityCode: null,
        actor: null,
        actorLabel: input.registeredBy,
        action: 'resident.proxy_registered',
        target: input.residentId,
        details: { proxyId: id, byAccount: proxyResidentId !== null },
      });
    }
    return { id, created: id !== null };
  });
}
