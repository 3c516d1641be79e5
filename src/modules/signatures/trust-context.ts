// The trust material of one purpose, parsed once and kept ready for the hot path: anchors by subject,
// verified CRLs by issuer, issuer signatures already checked (by certificate fingerprint), OCSP
// answers until their nextUpdate. CRLs are replaced when their bytes change (setCrls).
import { verify } from 'node:crypto';
import { readCertificateInfo, type CertificateInfo } from './certificate-info.ts';
import { readRevocationList, type RevocationListInfo } from './revocation-list.ts';
import { HASH_OF_RSA_SIGNATURE } from './oids.ts';
import { resolvePolicy, type ValidationPolicy } from './validation-policy.ts';
import type { Purpose } from './test-pki-store.ts';
import type { RevocationEvidence } from './validation-report.ts';

export interface OcspSource {
  /** Responder URL (HTTP POST, application/ocsp-request). */
  url?: string;
  /** Or a direct transport (in-process responder in tests and the demo). */
  transport?: (request: Uint8Array) => Promise<Uint8Array>;
  timeoutMs?: number;
}

export interface TrustContextOptions {
  purpose: Purpose;
  /** DER certificates of the self-signed CAs of this purpose. */
  trustAnchors: Uint8Array[];
  crls?: Uint8Array[];
  ocsp?: OcspSource;
  policy?: Partial<ValidationPolicy>;
}

export interface OcspCacheEntry {
  evidence: RevocationEvidence;
  nextUpdate: number;
}

/** True when `signed` verifies under `issuer`'s key with an RSA PKCS#1 v1.5 algorithm. */
export function isSignatureFrom(tbs: Uint8Array, signatureAlgorithm: string, signatureValue: Uint8Array, issuer: CertificateInfo): boolean {
  const hash = HASH_OF_RSA_SIGNATURE[signatureAlgorithm];
  if (!hash || issuer.keyType !== 'rsa') return false;
  try {
    return verify(hash, tbs, issuer.publicKey, signatureValue);
  } catch {
    return false;
  }
}

export class TrustContext {
  readonly purpose: Purpose;
  readonly policy: ValidationPolicy;
  readonly ocsp: OcspSource | undefined;
  readonly anchors: CertificateInfo[];
  readonly ocspCache = new Map<string, OcspCacheEntry>();
  private readonly anchorsBySubject = new Map<string, CertificateInfo[]>();
  private crlsByIssuer = new Map<string, RevocationListInfo>();
  private crlHashes = '';
  /** CRLs that were offered but not used, with why (wrong issuer, bad signature, unparsable). */
  rejectedCrls: string[] = [];
  private readonly signatureChecks = new Map<string, boolean>();

  constructor(options: TrustContextOptions) {
    this.purpose = options.purpose;
    this.policy = resolvePolicy(options.policy);
    this.ocsp = options.ocsp;
    this.anchors = options.trustAnchors.map((der) => readCertificateInfo(der));
    for (const anchor of this.anchors) {
      const list = this.anchorsBySubject.get(anchor.subjectKey) ?? [];
      list.push(anchor);
      this.anchorsBySubject.set(anchor.subjectKey, list);
    }
    this.setCrls(options.crls ?? []);
  }

  /** Replaces the CRLs; cheap when the same bytes come again (parsing is cached by hash). */
  setCrls(crls: Uint8Array[]): void {
    const parsed: RevocationListInfo[] = [];
    const rejected: string[] = [];
    for (const der of crls) {
      try {
        parsed.push(readRevocationList(der));
      } catch (error) {
        rejected.push(`unparsable CRL: ${(error as Error).message}`);
      }
    }
    const hashes = parsed.map((c) => c.sha256).sort().join(',');
    if (hashes === this.crlHashes && rejected.length === 0) return;
    const byIssuer = new Map<string, RevocationListInfo>();
    for (const crl of parsed) {
      const issuer = this.findAnchorBySubject(crl.issuerKey);
      if (!issuer) {
        rejected.push(`CRL of ${crl.issuer} has no trusted issuer`);
        continue;
      }
      if (!this.isSigned(`crl:${crl.sha256}`, crl.tbs, crl.signatureAlgorithm, crl.signatureValue, issuer)) {
        rejected.push(`CRL of ${crl.issuer} has a bad signature`);
        continue;
      }
      // Keep the newest CRL of each issuer.
      const current = byIssuer.get(crl.issuerKey);
      if (!current || current.thisUpdate < crl.thisUpdate) byIssuer.set(crl.issuerKey, crl);
    }
    this.crlsByIssuer = byIssuer;
    this.crlHashes = hashes;
    this.rejectedCrls = rejected;
  }

  crlOf(issuerKey: string): RevocationListInfo | undefined {
    return this.crlsByIssuer.get(issuerKey);
  }

  findAnchorBySubject(subjectKey: string, authorityKeyId?: string | null): CertificateInfo | undefined {
    const candidates = this.anchorsBySubject.get(subjectKey);
    if (!candidates) return undefined;
    return candidates.find((a) => !authorityKeyId || !a.subjectKeyId || a.subjectKeyId === authorityKeyId) ?? candidates[0];
  }

  /** Whether `certificate` was signed by `issuer`; computed once per pair of fingerprints. */
  isIssuedBy(certificate: CertificateInfo, issuer: CertificateInfo): boolean {
    return this.isSigned(`${certificate.fingerprint}:${issuer.fingerprint}`, certificate.tbs, certificate.signatureAlgorithm, certificate.signatureValue, issuer);
  }

  private isSigned(key: string, tbs: Uint8Array, algorithm: string, value: Uint8Array, issuer: CertificateInfo): boolean {
    const cached = this.signatureChecks.get(key);
    if (cached !== undefined) return cached;
    const ok = isSignatureFrom(tbs, algorithm, value, issuer);
    if (this.signatureChecks.size > 50_000) this.signatureChecks.clear();
    this.signatureChecks.set(key, ok);
    return ok;
  }
}

export function createTrustContext(options: TrustContextOptions): TrustContext {
  return new TrustContext(options);
}
