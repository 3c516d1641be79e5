// Creates the self-signed test CA of a purpose on first use. As in JPKI, each purpose has its own CA
// that issues end-entity certificates directly (no intermediates), and the two are never mixed.
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { buildCertificate } from './build-certificate.ts';
import { testAuthorityName } from './jpki-profile.ts';
import type { Purpose, StoredAuthority, TestPkiStore } from './test-pki-store.ts';

const generateRsa = promisify(generateKeyPair);

/** A fresh RSA-2048 key pair as DER (SPKI, PKCS#8). */
export async function generateRsaKeyPair(bits = 2048): Promise<{ publicKey: Uint8Array; privateKey: Uint8Array }> {
  const { publicKey, privateKey } = await generateRsa('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
  return { publicKey: new Uint8Array(publicKey), privateKey: new Uint8Array(privateKey) };
}

const CA_YEARS = 20;

export async function ensureTestAuthority(options: { store: TestPkiStore; purpose: Purpose; now?: Date }): Promise<StoredAuthority> {
  const { store, purpose } = options;
  const existing = await store.findAuthority(purpose);
  if (existing) return existing;
  const now = options.now ?? new Date();
  const keys = await generateRsaKeyPair();
  const notBefore = new Date(now.getTime() - 24 * 3600_000);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + CA_YEARS);
  const certificate = await buildCertificate({
    subject: testAuthorityName(purpose),
    publicKey: keys.publicKey,
    signingKey: keys.privateKey,
    notBefore,
    notAfter,
    isCa: true,
    keyUsage: ['keyCertSign', 'cRLSign'],
  });
  // Another node may have created it meanwhile; the store keeps the first and returns it.
  return store.insertAuthority({ purpose, certificate, privateKey: keys.privateKey, crl: null, crlNumber: 0, crlNextUpdate: null });
}
