// X.509 path validation for one signer certificate against the trust context: chain to an anchor,
// chain constraints (issuers are CAs; purpose, keyUsage and policy of the end entity), crypto
// constraints of the path, validity period and revocation — with revocation dates and freshness
// checked here, because PKI.js alone skips revocation when it has no CRL and ignores the dates.
import type { CertificateInfo } from './certificate-info.ts';
import { checkOcspStatus } from './check-ocsp-status.ts';
import { HASH_OF_RSA_SIGNATURE } from './oids.ts';
import type { TrustContext } from './trust-context.ts';
import type { Check, RevocationEvidence, SubIndication } from './validation-report.ts';
import { PURPOSES } from './test-pki-store.ts';

export interface PathInput {
  context: TrustContext;
  signer: CertificateInfo;
  /** Other certificates that came with the signature (possible intermediates). */
  extraCertificates: CertificateInfo[];
  validationTime: Date;
  /** Trusted time the signature already existed (R1 arrival), if any. */
  proofOfExistence: Date | null;
  /** The signingTime the signer claims (signed, but not proof). */
  claimedSigningTime: Date | null;
  now: Date;
}

export interface PathResult {
  checks: Check[];
  failures: SubIndication[];
  revocation: RevocationEvidence[];
  path: CertificateInfo[];
  cryptoProblems: string[];
  cryptoNeedsPoe: string[];
}

const MAX_PATH = 5;

function fail(checks: Check[], failures: SubIndication[], id: Check['id'], subIndication: SubIndication, detail: string): void {
  checks.push({ id, result: 'failed', subIndication, detail });
  failures.push(subIndication);
}

export function checkCryptoOf(cert: CertificateInfo, context: TrustContext, bestTime: Date, isAnchor: boolean): { problems: string[]; needsPoe: string[] } {
  const policy = context.policy;
  const problems: string[] = [];
  const needsPoe: string[] = [];
  if (cert.keyType !== 'rsa') problems.push(`${cert.subject}: ${cert.keyType} keys are not accepted`);
  else if (cert.keyBits < policy.minRsaBits) problems.push(`${cert.subject}: RSA-${cert.keyBits} is below ${policy.minRsaBits} bits`);
  else if (cert.keyBits < 3072 && policy.rsa2048CutOff && bestTime >= new Date(policy.rsa2048CutOff)) {
    needsPoe.push(`${cert.subject}: RSA-${cert.keyBits} not accepted after ${policy.rsa2048CutOff}`);
  }
  // An anchor's self-signature is not relied upon: the anchor is trusted by configuration.
  if (!isAnchor) {
    const hash = HASH_OF_RSA_SIGNATURE[cert.signatureAlgorithm];
    if (!hash || !policy.allowedDigests.includes(hash)) problems.push(`${cert.subject}: signature algorithm ${cert.signatureAlgorithm} not accepted`);
  }
  return { problems, needsPoe };
}

export async function validateCertificatePath(input: PathInput): Promise<PathResult> {
  const { context, signer, validationTime } = input;
  const policy = context.policy;
  const checks: Check[] = [];
  const failures: SubIndication[] = [];
  const revocation: RevocationEvidence[] = [];
  const bestTime = input.proofOfExistence ?? validationTime;

  // 1. Chain to a trust anchor of this purpose.
  const path: CertificateInfo[] = [signer];
  let chainProblem: string | null = null;
  let current = signer;
  for (let depth = 0; depth < MAX_PATH; depth++) {
    const anchor = context.findAnchorBySubject(current.issuerKey, current.authorityKeyId);
    if (anchor) {
      if (anchor.fingerprint === current.fingerprint) {
        chainProblem = 'the signer certificate is itself a trust anchor';
      } else if (!context.isIssuedBy(current, anchor)) {
        chainProblem = `the signature of ${current.subject} does not verify under the trust anchor ${anchor.subject}`;
      } else {
        path.push(anchor);
      }
      break;
    }
    const next = input.extraCertificates.find((c) => c.subjectKey === current.issuerKey && c.fingerprint !== current.fingerprint);
    if (!next || !context.isIssuedBy(current, next)) {
      chainProblem = `no trust anchor of the ${context.purpose} purpose issued ${current.issuer}`;
      break;
    }
    path.push(next);
    current = next;
  }
  const chainFound = chainProblem === null && path.length >= 2;
  if (!chainFound) {
    fail(checks, failures, 'certificate-chain', 'NO_CERTIFICATE_CHAIN_FOUND', chainProblem ?? 'path too long');
  } else {
    checks.push({ id: 'certificate-chain', result: 'passed', detail: path.map((c) => c.subject).join(' ← ') });
  }

  // 2. Chain constraints: issuers are CAs; the end entity fits the purpose (never swapped).
  const constraintProblems: string[] = [];
  for (const issuer of path.slice(1)) {
    if (policy.requireIssuerCaConstraints && issuer.isCa !== true) constraintProblems.push(`${issuer.subject} is not a CA (basicConstraints)`);
    if (policy.requireIssuerCaConstraints && issuer.keyUsage && !issuer.keyUsage.has('keyCertSign')) constraintProblems.push(`${issuer.subject} may not sign certificates (keyUsage)`);
  }
  if (signer.isCa === true) constraintProblems.push('the signer certificate is a CA certificate');
  const wanted = policy.keyUsage[context.purpose];
  if (!signer.keyUsage) constraintProblems.push('the signer certificate has no keyUsage');
  else for (const bit of wanted) if (!signer.keyUsage.has(bit)) constraintProblems.push(`keyUsage lacks ${bit} required for ${context.purpose}`);
  const ownPolicies = policy.certificatePolicies[context.purpose];
  const otherPolicies = PURPOSES.filter((p) => p !== context.purpose).flatMap((p) => policy.certificatePolicies[p]);
  if (ownPolicies.length > 0 && !signer.policies.some((p) => ownPolicies.includes(p))) {
    constraintProblems.push(`certificate policy is not one of the ${context.purpose} purpose`);
  }
  if (signer.policies.some((p) => otherPolicies.includes(p))) constraintProblems.push(`certificate is for another purpose than ${context.purpose}`);
  for (const cert of path) if (cert.unknownCriticalExtensions.length > 0) constraintProblems.push(`${cert.subject} has unknown critical extensions`);
  if (constraintProblems.length > 0) fail(checks, failures, 'chain-constraints', 'CHAIN_CONSTRAINTS_FAILURE', constraintProblems.join('; '));
  else checks.push({ id: 'chain-constraints', result: 'passed' });

  // 3. Crypto constraints of the path (the caller adds the signature's own algorithms).
  const cryptoProblems: string[] = [];
  const cryptoNeedsPoe: string[] = [];
  path.forEach((cert, i) => {
    const r = checkCryptoOf(cert, context, bestTime, i > 0 && i === path.length - 1 && chainFound);
    cryptoProblems.push(...r.problems);
    cryptoNeedsPoe.push(...r.needsPoe);
  });

  // 4. Validity period. The claimed signingTime is signed but is no proof; only a POE (R1 arrival)
  // can carry an expired certificate (EN 319 102-1: OUT_OF_BOUNDS_NO_POE otherwise).
  const skew = policy.signingTimeSkewSeconds * 1000;
  const validityProblems: Array<[SubIndication, string]> = [];
  for (const cert of path) {
    const label = cert === signer ? 'signer certificate' : cert.subject;
    if (validationTime < cert.notBefore) validityProblems.push(['NOT_YET_VALID', `${label} is valid from ${cert.notBefore.toISOString()}`]);
    else if (input.claimedSigningTime && cert === signer && input.claimedSigningTime.getTime() < cert.notBefore.getTime() - skew) {
      validityProblems.push(['NOT_YET_VALID', `signed at ${input.claimedSigningTime.toISOString()}, before the certificate was valid`]);
    }
    if (cert === signer && input.claimedSigningTime && input.claimedSigningTime.getTime() > cert.notAfter.getTime() + skew) {
      validityProblems.push(['EXPIRED', `signed at ${input.claimedSigningTime.toISOString()}, after the certificate expired`]);
    } else if (validationTime > cert.notAfter) {
      if (input.proofOfExistence && input.proofOfExistence > cert.notAfter) validityProblems.push(['EXPIRED', `${label} expired ${cert.notAfter.toISOString()}, before the signature existed`]);
      else if (!input.proofOfExistence) validityProblems.push(['OUT_OF_BOUNDS_NO_POE', `${label} expired ${cert.notAfter.toISOString()} and nothing proves the signature existed before`]);
    }
  }
  if (validityProblems.length > 0) {
    for (const [sub, detail] of validityProblems) fail(checks, failures, 'validity-period', sub, detail);
  } else {
    checks.push({ id: 'validity-period', result: 'passed', detail: `${signer.notBefore.toISOString()} – ${signer.notAfter.toISOString()}` });
  }

  // 5. Revocation of every certificate below the anchor. Missing or stale data is never "good".
  if (!chainFound) {
    checks.push({ id: 'revocation', result: 'skipped', detail: 'no certificate chain' });
  } else {
    for (let i = 0; i < path.length - 1; i++) {
      const cert = path[i]!;
      const issuer = path[i + 1]!;
      const outcome = await revocationOf(context, cert, issuer, validationTime, input.now);
      if (!outcome.evidence) {
        fail(checks, failures, 'revocation', 'TRY_LATER', outcome.problem);
        continue;
      }
      const evidence = outcome.evidence;
      revocation.push(evidence);
      if (evidence.status === 'unknown') {
        fail(checks, failures, 'revocation', 'TRY_LATER', `the ${evidence.source} source does not know ${cert.serial}`);
      } else if (evidence.status === 'revoked') {
        const revokedAt = new Date(evidence.revokedAt!);
        const decided = decideRevoked(revokedAt, evidence.reason ?? 'unspecified', validationTime, input.proofOfExistence, input.claimedSigningTime);
        if (decided) fail(checks, failures, 'revocation', decided, `${cert === signer ? 'signer certificate' : cert.subject} revoked ${evidence.revokedAt} (${evidence.reason})`);
        else checks.push({ id: 'revocation', result: 'passed', detail: `revoked ${evidence.revokedAt} (${evidence.reason}), after the signature provably existed` });
      } else {
        checks.push({ id: 'revocation', result: 'passed', detail: `${evidence.source}: good` });
      }
    }
  }
  return { checks, failures, revocation, path, cryptoProblems, cryptoNeedsPoe };
}

/**
 * A revoked certificate fails the signature unless a POE shows the signature existed before the
 * revocation. JPKI revokes the signature certificate when the holder moves or changes name
 * (affiliationChanged): an application signed before stays valid when its arrival (R1) precedes the
 * revocation. A compromised key proves nothing about any time, so keyCompromise always fails.
 */
function decideRevoked(revokedAt: Date, reason: string, validationTime: Date, poe: Date | null, claimed: Date | null): SubIndication | null {
  if (revokedAt > validationTime) return null;
  if (reason === 'keyCompromise') return 'REVOKED';
  if (poe) return poe < revokedAt ? null : 'REVOKED';
  if (claimed && claimed >= revokedAt) return 'REVOKED';
  return 'REVOKED_NO_POE';
}

async function revocationOf(
  context: TrustContext,
  cert: CertificateInfo,
  issuer: CertificateInfo,
  validationTime: Date,
  now: Date,
): Promise<{ evidence: RevocationEvidence; problem?: undefined } | { evidence?: undefined; problem: string }> {
  const crl = context.crlOf(cert.issuerKey);
  let problem = 'no CRL or OCSP responder for this issuer';
  if (crl) {
    if (!crl.nextUpdate || crl.nextUpdate < validationTime) {
      problem = `the CRL is stale (nextUpdate ${crl.nextUpdate?.toISOString() ?? 'absent'})`;
    } else if (crl.thisUpdate.getTime() > now.getTime() + 5 * 60_000) {
      problem = 'the CRL is dated in the future';
    } else {
      const entry = crl.revoked.get(cert.serial);
      return {
        evidence: {
          source: 'crl',
          serialNumber: cert.serial,
          issuer: crl.issuer,
          status: entry ? 'revoked' : 'good',
          ...(entry ? { revokedAt: entry.revokedAt.toISOString(), reason: entry.reason } : {}),
          thisUpdate: crl.thisUpdate.toISOString(),
          nextUpdate: crl.nextUpdate.toISOString(),
          crlNumber: crl.crlNumber,
          sha256: crl.sha256,
        },
      };
    }
  }
  if (context.ocsp) {
    const key = `${issuer.fingerprint}:${cert.serial}`;
    const cached = context.ocspCache.get(key);
    if (cached && cached.nextUpdate >= Math.max(now.getTime(), validationTime.getTime())) return { evidence: cached.evidence };
    const outcome = await checkOcspStatus({ source: context.ocsp, certificate: cert, issuer, validationTime, now });
    if (outcome.ok) {
      if (outcome.nextUpdate) {
        if (context.ocspCache.size > 10_000) context.ocspCache.clear();
        context.ocspCache.set(key, { evidence: outcome.evidence, nextUpdate: outcome.nextUpdate.getTime() });
      }
      return { evidence: outcome.evidence };
    }
    problem = `${problem === 'no CRL or OCSP responder for this issuer' ? '' : `${problem}; `}${outcome.problem}`;
  }
  return { problem };
}
