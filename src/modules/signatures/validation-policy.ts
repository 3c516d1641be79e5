// The validation policy is configuration, not code: which algorithms, key sizes, purposes, key usages
// and clock skew are acceptable. The default is the platform's policy for My Number Card signatures.
import type { KeyUsageName } from './build-certificate.ts';
import { JPKI_POLICY_AUTHENTICATION, JPKI_POLICY_SIGNATURE } from './oids.ts';
import type { Purpose } from './test-pki-store.ts';

export interface ValidationPolicy {
  name: string;
  /** Digest algorithms accepted for the content, the signed attributes and certificates (never MD5 or SHA-1). */
  allowedDigests: string[];
  minRsaBits: number;
  /**
   * After this instant RSA-2048 is no longer accepted unless the signature provably existed before it
   * (CRYPTREC lists RSA-2048 as usable "until 2030"). null: no cut-off.
   */
  rsa2048CutOff: string | null;
  /**
   * Purpose of each trust domain: a signature certificate signs, an authentication certificate logs
   * in; never swapped. The signer must carry one of these policies and none of the other purpose's.
   */
  certificatePolicies: Record<Purpose, string[]>;
  /** keyUsage bits the end-entity certificate must have, per purpose. */
  keyUsage: Record<Purpose, KeyUsageName[]>;
  /** Issuers must be CAs (basicConstraints cA=true) and, when keyUsage is present, have keyCertSign. */
  requireIssuerCaConstraints: boolean;
  /** How far a claimed signingTime may lie after the validation time. */
  signingTimeSkewSeconds: number;
  requireSigningTime: boolean;
  /**
   * CAdES-BES binds the signer certificate with signingCertificateV2. Our signatures always carry it
   * and it is always checked when present; requiring it would refuse plain CMS (e.g. `openssl cms -sign`
   * without -cades).
   */
  requireSigningCertificateAttribute: boolean;
}

export const DEFAULT_POLICY: ValidationPolicy = {
  name: 'onestop-jpki-2026',
  allowedDigests: ['sha256', 'sha384', 'sha512'],
  minRsaBits: 2048,
  rsa2048CutOff: '2031-01-01T00:00:00Z',
  certificatePolicies: { signature: [JPKI_POLICY_SIGNATURE], authentication: [JPKI_POLICY_AUTHENTICATION] },
  keyUsage: { signature: ['nonRepudiation'], authentication: ['digitalSignature'] },
  requireIssuerCaConstraints: true,
  signingTimeSkewSeconds: 300,
  requireSigningTime: true,
  requireSigningCertificateAttribute: false,
};

export function resolvePolicy(overrides: Partial<ValidationPolicy> = {}): ValidationPolicy {
  return { ...DEFAULT_POLICY, ...overrides };
}

/** A certificate policy OID in dotted form (X.660: first arc 0–2, no leading zeros). */
export const POLICY_OID = /^[0-2](\.(0|[1-9]\d*))+$/;

/**
 * The default policy with other certificate policies for `purpose` (issue #11 §14): a verifier with
 * their own trust anchors names their CA's policy OIDs, or `any` to check none. The other purpose's
 * JPKI policy is no longer refused either, since its OIDs mean nothing under a foreign CA; keyUsage
 * still keeps signature and authentication certificates apart. The platform's own verifications
 * never call this: they keep the JPKI policies of DEFAULT_POLICY.
 */
export function withCertificatePolicies(purpose: Purpose, accepted: readonly string[] | 'any'): Partial<ValidationPolicy> {
  const oids = accepted === 'any' ? [] : [...accepted];
  const certificatePolicies: Record<Purpose, string[]> = { signature: [], authentication: [] };
  certificatePolicies[purpose] = oids;
  return { name: `${DEFAULT_POLICY.name} (certificate policy ${accepted === 'any' ? 'any' : oids.join(', ')})`, certificatePolicies };
}
