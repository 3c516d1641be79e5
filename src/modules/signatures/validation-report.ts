// The validation report: ETSI EN 319 102-1 indications and sub-indications, every check run, the
// signer, the revocation evidence used and the basic four items. Stored with the application (§3.6).
import type { BasicFourItems } from './jpki-profile.ts';
import type { Purpose } from './test-pki-store.ts';

export type Indication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';

export type SubIndication =
  | 'FORMAT_FAILURE'
  | 'HASH_FAILURE'
  | 'SIG_CRYPTO_FAILURE'
  | 'REVOKED'
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'NO_SIGNING_CERTIFICATE_FOUND'
  | 'NO_CERTIFICATE_CHAIN_FOUND'
  | 'CHAIN_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE'
  | 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE'
  | 'SIG_CONSTRAINTS_FAILURE'
  | 'REVOKED_NO_POE'
  | 'OUT_OF_BOUNDS_NO_POE'
  | 'TRY_LATER';

/** Which indication each sub-indication belongs to (EN 319 102-1 §5.1.3). */
export const INDICATION_OF: Record<SubIndication, Exclude<Indication, 'TOTAL_PASSED'>> = {
  FORMAT_FAILURE: 'TOTAL_FAILED',
  HASH_FAILURE: 'TOTAL_FAILED',
  SIG_CRYPTO_FAILURE: 'TOTAL_FAILED',
  REVOKED: 'TOTAL_FAILED',
  EXPIRED: 'TOTAL_FAILED',
  NOT_YET_VALID: 'TOTAL_FAILED',
  NO_SIGNING_CERTIFICATE_FOUND: 'INDETERMINATE',
  NO_CERTIFICATE_CHAIN_FOUND: 'INDETERMINATE',
  CHAIN_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  CRYPTO_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  CRYPTO_CONSTRAINTS_FAILURE_NO_POE: 'INDETERMINATE',
  SIG_CONSTRAINTS_FAILURE: 'INDETERMINATE',
  REVOKED_NO_POE: 'INDETERMINATE',
  OUT_OF_BOUNDS_NO_POE: 'INDETERMINATE',
  TRY_LATER: 'INDETERMINATE',
};

/**
 * When several checks fail, the report names the most decisive one: a proven failure before an
 * open question, and among open questions the one the signer cannot fix by waiting first.
 */
export const PRECEDENCE: SubIndication[] = [
  'FORMAT_FAILURE',
  'NO_SIGNING_CERTIFICATE_FOUND',
  'HASH_FAILURE',
  'SIG_CRYPTO_FAILURE',
  'REVOKED',
  'EXPIRED',
  'NOT_YET_VALID',
  'CRYPTO_CONSTRAINTS_FAILURE',
  'NO_CERTIFICATE_CHAIN_FOUND',
  'CHAIN_CONSTRAINTS_FAILURE',
  'SIG_CONSTRAINTS_FAILURE',
  'REVOKED_NO_POE',
  'OUT_OF_BOUNDS_NO_POE',
  'CRYPTO_CONSTRAINTS_FAILURE_NO_POE',
  'TRY_LATER',
];

export type CheckId =
  | 'format'
  | 'signing-certificate'
  | 'crypto-constraints'
  | 'certificate-chain'
  | 'chain-constraints'
  | 'validity-period'
  | 'revocation'
  | 'message-digest'
  | 'signature-value'
  | 'signed-attributes';

export interface Check {
  id: CheckId;
  result: 'passed' | 'failed' | 'skipped';
  subIndication?: SubIndication;
  detail?: string;
}

export interface SignerSummary {
  fingerprintSha256: string;
  serialNumber: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  keyBits: number;
  policies: string[];
}

export interface RevocationEvidence {
  source: 'crl' | 'ocsp';
  /** Which certificate the evidence is about (serial, hex). */
  serialNumber: string;
  issuer: string;
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: string;
  reason?: string;
  thisUpdate: string;
  nextUpdate: string | null;
  /** CRL: its number and SHA-256; OCSP: responder URL and producedAt. */
  crlNumber?: string | null;
  sha256?: string;
  url?: string;
  producedAt?: string;
}

export interface ValidationReport {
  indication: Indication;
  subIndication: SubIndication | null;
  purpose: Purpose;
  policy: string;
  validationTime: string;
  /** A trusted time at which the signature already existed (e.g. its recorded arrival, R1), if given. */
  proofOfExistence: string | null;
  checks: Check[];
  signer: SignerSummary | null;
  signedAttributes: {
    contentType: string | null;
    signingTime: string | null;
    messageDigest: string | null;
    signingCertificateV2: 'matched' | 'absent' | 'mismatch';
    digestAlgorithm: string | null;
  } | null;
  revocation: RevocationEvidence[];
  basicFour: BasicFourItems | null;
}
