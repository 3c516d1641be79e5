// Registering a proxy for a resident's account (R17): by the proxy's account or by a signature
// certificate's subject, never both and never oneself; unknown accounts are named; registering the
// same proxy twice is a no-op; each registration is in the audit log.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { registerResidentProxy } from './register-resident-proxy.ts';
import { signedInResident } from './testing.ts';

describeOnDatabases('registered proxies (R17)', (ctx) => {
  test('given two accounts, when one is registered as the other’s proxy, then it is recorded once and audited; bad registrations name the field', async () => {
    const account = (await signedInResident(ctx.db)).id;
    const proxy = (await signedInResident(ctx.db)).id;
    const first = await registerResidentProxy({ db: ctx.db }, { residentId: account, proxyResidentId: proxy, registeredBy: 'counter-clerk' });
    assert.equal(first.created, true);
    assert.deepEqual(await registerResidentProxy({ db: ctx.db }, { residentId: account, proxyResidentId: proxy, registeredBy: 'counter-clerk' }), { id: null, created: false });
    const audit = await ctx.db.kysely.selectFrom('audit_events').select(['action', 'actor_label', 'details']).where('target', '=', account).execute();
    assert.deepEqual(audit.map((e) => [e.action, e.actor_label, e.details.proxyId]), [['resident.proxy_registered', 'counter-clerk', first.id]]);

    const refused = async (input: Parameters<typeof registerResidentProxy>[1], code: string, field: string) =>
      assert.rejects(registerResidentProxy({ db: ctx.db }, input), (error: Error & { code?: string; status?: number; fields?: Array<{ field: string }> }) => {
        assert.deepEqual([error.code, error.fields?.[0]?.field], [code, field]);
        assert.ok(error.status! >= 400 && error.status! < 500);
        return true;
      });
    await refused({ residentId: account, proxyResidentId: proxy, proxySubject: 'CN=x', registeredBy: 't' }, 'identity.proxy_invalid', 'proxy');
    await refused({ residentId: account, registeredBy: 't' }, 'identity.proxy_invalid', 'proxy');
    await refused({ residentId: account, proxyResidentId: account, registeredBy: 't' }, 'identity.proxy_invalid', 'proxyResidentId');
    await refused({ residentId: account, proxySubject: 'CN=a\u0000b', registeredBy: 't' }, 'identity.proxy_invalid', 'proxySubject');
    await refused({ residentId: randomUUID(), proxyResidentId: proxy, registeredBy: 't' }, 'identity.resident_not_found', 'residentId');
    await refused({ residentId: account, proxyResidentId: 'not-a-uuid', registeredBy: 't' }, 'identity.resident_not_found', 'proxyResidentId');
  });
});
