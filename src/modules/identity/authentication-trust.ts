// The trust material for card login: the authentication CA (the project's test CA, as JPKI's
// 利用者証明用 CA) and its current CRL. The context is kept per database and its CRL refreshed on
// every login, so a revocation takes effect at the next attempt.
import type { Db } from '../../platform/db/index.ts';
import { createDbTestPkiStore, createTrustContext, ensureTestAuthority, publishTestCrl, type TrustContext } from '../signatures/index.ts';

const contexts = new WeakMap<Db, { anchor: Buffer; context: TrustContext }>();

export async function authenticationContext(db: Db): Promise<TrustContext> {
  const store = createDbTestPkiStore(db);
  const authority = await ensureTestAuthority({ store, purpose: 'authentication' });
  const crl = await publishTestCrl({ store, purpose: 'authentication' });
  const anchor = Buffer.from(authority.certificate);
  const cached = contexts.get(db);
  if (cached && cached.anchor.equals(anchor)) {
    cached.context.setCrls([crl]);
    return cached.context;
  }
  const context = createTrustContext({ purpose: 'authentication', trustAnchors: [authority.certificate], crls: [crl] });
  contexts.set(db, { anchor, context });
  return context;
}
