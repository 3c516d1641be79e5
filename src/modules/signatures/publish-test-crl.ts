// The current CRL of a test CA. It is rebuilt only when a revocation changes it or it nears its
// nextUpdate, so its bytes (and the verifiers' caches keyed by them) stay stable in between.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { ensureTestAuthority } from './ensure-test-authority.ts';
import { EXT_AUTHORITY_KEY_IDENTIFIER, EXT_CRL_NUMBER, EXT_CRL_REASON, EXT_SUBJECT_KEY_IDENTIFIER } from './oids.ts';
import { cryptoEngine, importSigningKey } from './pki-engine.ts';
import { toArrayBuffer } from './encoding.ts';
import { REASON_CODES, type Purpose, type StoredAuthority, type TestPkiStore } from './test-pki-store.ts';

/** A day, as JPKI-style daily CRLs; rebuilt an hour before it ends. */
export const CRL_LIFETIME_MS = 24 * 3600_000;
const REFRESH_BEFORE_MS = 3600_000;

export async function publishTestCrl(options: { store: TestPkiStore; purpose: Purpose; now?: Date; force?: boolean }): Promise<Uint8Array> {
  const { store, purpose } = options;
  const now = options.now ?? new Date();
  for (let attempt = 0; attempt < 5; attempt++) {
    const authority = await ensureTestAuthority({ store, purpose, now });
    const fresh = authority.crl && authority.crlNextUpdate && authority.crlNextUpdate.getTime() - REFRESH_BEFORE_MS > now.getTime();
    if (fresh && !options.force) return authority.crl!;
    const der = await buildCrl(authority, store, now);
    if (await store.replaceCrl(purpose, { der, number: authority.crlNumber + 1, nextUpdate: new Date(now.getTime() + CRL_LIFETIME_MS) }, authority.crlNumber)) {
      return der;
    }
    // Another node published meanwhile: read theirs (and rebuild only if it is already stale).
    options = { ...options, force: false };
  }
  throw new Error('could not publish the test CRL: too much contention');
}

async function buildCrl(authority: StoredAuthority, store: TestPkiStore, now: Date): Promise<Uint8Array> {
  const ca = pkijs.Certificate.fromBER(toArrayBuffer(authority.certificate));
  const revoked = await store.listRevoked(authority.purpose);
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = ca.subject;
  crl.thisUpdate = new pkijs.Time({ type: 0, value: now });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(now.getTime() + CRL_LIFETIME_MS) });
  if (revoked.length > 0) {
    crl.revokedCertificates = revoked.map(
      (r) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({ valueHex: Buffer.from(r.serial.length % 2 ? `0${r.serial}` : r.serial, 'hex') }),
          revocationDate: new pkijs.Time({ type: 0, value: r.revokedAt! }),
          crlEntryExtensions: new pkijs.Extensions({
            extensions: [
              new pkijs.Extension({
                extnID: EXT_CRL_REASON,
                extnValue: new asn1js.Enumerated({ value: REASON_CODES[r.revocationReason ?? 'keyCompromise'] }).toBER(false),
              }),
            ],
          }),
        }),
    );
  }
  const ski = ca.extensions?.find((e) => e.extnID === EXT_SUBJECT_KEY_IDENTIFIER);
  crl.crlExtensions = new pkijs.Extensions({
    extensions: [
      new pkijs.Extension({ extnID: EXT_CRL_NUMBER, extnValue: new asn1js.Integer({ value: authority.crlNumber + 1 }).toBER(false) }),
      ...(ski
        ? [
            new pkijs.Extension({
              extnID: EXT_AUTHORITY_KEY_IDENTIFIER,
              extnValue: new pkijs.AuthorityKeyIdentifier({
                keyIdentifier: new asn1js.OctetString({ valueHex: (ski.parsedValue as asn1js.OctetString).valueBlock.valueHexView }),
              })
                .toSchema()
                .toBER(false),
            }),
          ]
        : []),
    ],
  });
  await crl.sign(await importSigningKey(authority.privateKey), 'SHA-256', cryptoEngine);
  return new Uint8Array(crl.toSchema(true).toBER(false));
}
