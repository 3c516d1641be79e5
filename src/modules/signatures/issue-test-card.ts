// Issues a test My Number Card: a key pair and certificate for each JPKI purpose, from the test CAs,
// with the same profile as a real card, and the two PINs with their retry counters.
import { randomBytes, randomUUID } from 'node:crypto';
import { buildCertificate, randomSerial } from './build-certificate.ts';
import { ensureTestAuthority, generateRsaKeyPair } from './ensure-test-authority.ts';
import { basicFourOtherNames, testSubjectName, validityEnd, type BasicFourInput } from './jpki-profile.ts';
import { JPKI_POLICY_AUTHENTICATION, JPKI_POLICY_SIGNATURE } from './oids.ts';
import { checkPinFormat, hashPin, PIN_TRIES } from './pin.ts';
import { serialHex } from './encoding.ts';
import type { Purpose, TestPkiStore } from './test-pki-store.ts';

export interface TestPkiUrls {
  /** Base URL of the HTTP plugin (e.g. http://127.0.0.1:3000); certificates then point at its CRL and OCSP. */
  publicUrl?: string;
}

export interface IssueTestCardOptions extends TestPkiUrls {
  store: TestPkiStore;
  resident: BasicFourInput;
  signaturePin: string;
  authenticationPin: string;
  /** Fixed id for demo residents, so seeding twice gives the same card. */
  id?: string;
  now?: Date;
}

export interface IssuedTestCard {
  id: string;
  signatureCertificate: Uint8Array;
  authenticationCertificate: Uint8Array;
  /** True when a card with this id existed already and was returned as it is. */
  existed: boolean;
}

export async function issueTestCard(options: IssueTestCardOptions): Promise<IssuedTestCard> {
  const { store } = options;
  checkPinFormat('signature', options.signaturePin);
  checkPinFormat('authentication', options.authenticationPin);
  if (options.id) {
    const existing = await store.findCard(options.id);
    if (existing) {
      const sig = await store.findCertificate('signature', existing.signatureSerial);
      const auth = await store.findCertificate('authentication', existing.authenticationSerial);
      return { id: existing.id, signatureCertificate: sig!.certificate, authenticationCertificate: auth!.certificate, existed: true };
    }
  }
  const now = options.now ?? new Date();
  const id = options.id ?? randomUUID();
  const [signature, authentication, signaturePinHash, authenticationPinHash] = await Promise.all([
    issueTestCertificate({ ...options, purpose: 'signature', cardId: id, now }),
    issueTestCertificate({ ...options, purpose: 'authentication', cardId: id, now }),
    hashPin(options.signaturePin),
    hashPin(options.authenticationPin),
  ]);
  await store.insertCard({
    id,
    signatureKey: signature.privateKey,
    authenticationKey: authentication.privateKey,
    signatureSerial: signature.serial,
    authenticationSerial: authentication.serial,
    signaturePinHash,
    authenticationPinHash,
    signatureRetriesLeft: PIN_TRIES.signature,
    authenticationRetriesLeft: PIN_TRIES.authentication,
    createdAt: now,
  });
  return { id, signatureCertificate: signature.certificate, authenticationCertificate: authentication.certificate, existed: false };
}

/**
 * One end-entity certificate with a new key: the signature certificate carries the basic four items
 * and keyUsage digitalSignature + nonRepudiation; the authentication certificate carries no personal
 * data and keyUsage digitalSignature only (JPKI profile).
 */
export async function issueTestCertificate(options: {
  store: TestPkiStore;
  purpose: Purpose;
  resident: BasicFourInput;
  cardId: string | null;
  now: Date;
  publicUrl?: string;
  /** A key made elsewhere (tests that sign with OpenSSL); a fresh RSA-2048 key otherwise. */
  keys?: { publicKey: Uint8Array; privateKey: Uint8Array };
}): Promise<{ serial: string; certificate: Uint8Array; privateKey: Uint8Array }> {
  const { store, purpose, resident, now } = options;
  const authority = await ensureTestAuthority({ store, purpose, now });
  const keys = options.keys ?? (await generateRsaKeyPair());
  const serialBytes = randomSerial();
  const base = options.publicUrl?.replace(/\/$/, '');
  const certificate = await buildCertificate({
    subject: testSubjectName(randomBytes(12).toString('hex').toUpperCase()),
    publicKey: keys.publicKey,
    issuer: { certificate: authority.certificate },
    signingKey: authority.privateKey,
    serialNumber: serialBytes,
    notBefore: now,
    notAfter: validityEnd(now, resident.dateOfBirth),
    isCa: false,
    keyUsage: purpose === 'signature' ? ['digitalSignature', 'nonRepudiation'] : ['digitalSignature'],
    policies: [purpose === 'signature' ? JPKI_POLICY_SIGNATURE : JPKI_POLICY_AUTHENTICATION],
    ...(purpose === 'signature' ? { otherNames: basicFourOtherNames(resident) } : {}),
    ...(base ? { crlUrl: `${base}/pki/test/${purpose}.crl`, ocspUrl: `${base}/pki/test/${purpose}/ocsp` } : {}),
  });
  const serial = serialHex(serialBytes);
  await store.insertCertificate({
    serial,
    purpose,
    cardId: options.cardId,
    certificate,
    notAfter: validityEnd(now, resident.dateOfBirth),
    revokedAt: null,
    revocationReason: null,
  });
  return { serial, certificate, privateKey: keys.privateKey };
}
