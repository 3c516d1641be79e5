// The test PKI's link service (see certificate-links.ts): it issued every test card's two
// certificates, and each certificate row names its card, so two certificates are linked exactly when
// they name the same card. Which card a certificate belongs to never changes, so that answer is kept
// in memory once found: on the submit path (ADR 0014) a signer seen before costs no statement. Which
// signature certificate is the card's current one does change (a change of name or address), so that
// is read again after `refreshMs`.
import { readCertificateInfo } from './certificate-info.ts';
import type { CertificateLink, CertificateLinkService } from './certificate-links.ts';
import type { Purpose, TestPkiStore } from './test-pki-store.ts';

export function createTestPkiLinks(store: TestPkiStore, options: { refreshMs?: number } = {}): CertificateLinkService {
  const refreshMs = options.refreshMs ?? 1000;
  const issuers = new Map<Purpose, string>();
  const cardOf = new Map<string, string>();
  const currentSignature = new Map<string, { serial: string; at: number }>();

  async function issuerOf(purpose: Purpose): Promise<string | undefined> {
    const known = issuers.get(purpose);
    if (known) return known;
    const authority = await store.findAuthority(purpose);
    if (!authority) return undefined;
    const subject = readCertificateInfo(authority.certificate).subject;
    issuers.set(purpose, subject);
    return subject;
  }

  async function cardOfCertificate(purpose: Purpose, issuer: string, serial: string): Promise<string | undefined> {
    if (issuer !== (await issuerOf(purpose))) return undefined;
    const key = `${purpose}:${serial}`;
    const cached = cardOf.get(key);
    if (cached) return cached;
    const found = await store.findCertificate(purpose, serial);
    if (!found?.cardId) return undefined;
    cardOf.set(key, found.cardId);
    return found.cardId;
  }

  async function currentSignatureSerial(cardId: string): Promise<string | undefined> {
    const cached = currentSignature.get(cardId);
    if (cached && Date.now() - cached.at < refreshMs) return cached.serial;
    const card = await store.findCard(cardId);
    if (!card) return undefined;
    currentSignature.set(cardId, { serial: card.signatureSerial, at: Date.now() });
    return card.signatureSerial;
  }

  return {
    async lookUp({ signatureCertificate, authenticationCertificate }): Promise<CertificateLink> {
      const [signatureCard, authenticationCard] = await Promise.all([
        cardOfCertificate('signature', signatureCertificate.issuer, signatureCertificate.serialNumber),
        cardOfCertificate('authentication', authenticationCertificate.issuer, authenticationCertificate.serialNumber),
      ]);
      if (!signatureCard || !authenticationCard) return { status: 'unknown', latest: null };
      if (signatureCard !== authenticationCard) return { status: 'not_linked', latest: null };
      return { status: 'linked', latest: (await currentSignatureSerial(signatureCard)) === signatureCertificate.serialNumber };
    },
  };
}
