// The link between a card's two certificates (R17, issue 11 point 7). A My Number Card holds an
// authentication certificate (利用者証明用電子証明書: the login) and a signature certificate
// (署名用電子証明書): different CAs, serials and contents, nothing in either names the other. Only the
// issuer (J-LIS) knows which two were issued to the same card, and it tells registered signature
// verifiers through its link service (紐付け). This is that service's shape, as a port: the test PKI
// answers from its issuing records (create-test-pki-links.ts); the real service replaces it in the
// app's wiring (config CERTIFICATE_LINKS) without touching the callers.
import { readCertificateInfo } from './certificate-info.ts';

/** A certificate as the link service is asked about it: its issuer and serial number. */
export interface CertificateRef {
  /** The issuer's distinguished name as the validation report writes it (e.g. `C=JP, O=…, CN=…`). */
  issuer: string;
  /** Lower-case hex without leading zero bytes (the reports' form). */
  serialNumber: string;
}

export interface CertificateLinkQuery {
  signatureCertificate: CertificateRef;
  authenticationCertificate: CertificateRef;
}

/**
 * - `linked`: both were issued to the same card (the same person);
 * - `not_linked`: the issuer knows both, and they belong to different cards;
 * - `unknown`: the issuer does not know one of them (another issuer, a serial it never issued).
 * `latest` (for `linked` only, else null): whether the signature certificate is the card's current
 * one; a certificate replaced after a change of name or address is still linked, but not latest.
 */
export interface CertificateLink {
  status: 'linked' | 'not_linked' | 'unknown';
  latest: boolean | null;
}

/** The port. An implementation that cannot reach its service throws; it never guesses. */
export interface CertificateLinkService {
  lookUp(query: CertificateLinkQuery): Promise<CertificateLink>;
}

/** The issuer and serial of a DER certificate, in the form the link service takes. */
export function certificateRefOf(der: Uint8Array): CertificateRef {
  const info = readCertificateInfo(der);
  return { issuer: info.issuer, serialNumber: info.serial };
}

/** The subject as validation reports write it: how a proxy without an account here is registered. */
export function certificateSubjectOf(der: Uint8Array): string {
  return readCertificateInfo(der).subject;
}
