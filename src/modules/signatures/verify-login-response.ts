// Login step two: the nonce is consumed (single use, even when the rest fails), then the signature is
// checked with the certificate, and the certificate against the authentication trust anchors,
// revocation and policy. Returns the certificate's stable identity for the identity module; the
// authentication certificate carries no personal data, so neither does the identity.
import { createHash, verify } from 'node:crypto';
import { readCertificateInfo, type CertificateInfo } from './certificate-info.ts';
import { loginFailed } from './errors.ts';
import { hashNonce, loginMessage } from './issue-login-challenge.ts';
import type { LoginChallengeStore } from './login-challenge-store.ts';
import type { TrustContext } from './trust-context.ts';
import { checkCryptoOf, validateCertificatePath } from './validate-certificate-path.ts';
import { INDICATION_OF, PRECEDENCE, type Check, type RevocationEvidence } from './validation-report.ts';
import { summarize } from './validate-signature.ts';

export interface CertificateIdentity {
  /** One certificate, one id: SHA-256 of issuer DER and serial (a renewed card gets a new one). */
  certificateId: string;
  fingerprintSha256: string;
  serialNumber: string;
  issuer: string;
  subject: string;
  notAfter: string;
}

export interface LoginResult {
  identity: CertificateIdentity;
  checks: Check[];
  revocation: RevocationEvidence[];
}

export function identityOf(cert: CertificateInfo): CertificateIdentity {
  const summary = summarize(cert);
  return {
    certificateId: createHash('sha256').update(cert.issuerNameDer).update(cert.serialBytes).digest('hex'),
    fingerprintSha256: summary.fingerprintSha256,
    serialNumber: summary.serialNumber,
    issuer: summary.issuer,
    subject: summary.subject,
    notAfter: summary.notAfter,
  };
}

export async function verifyLoginResponse(options: {
  store: LoginChallengeStore;
  /** Trust context of the authentication purpose. */
  context: TrustContext;
  audience: string;
  nonce: string;
  certificate: Uint8Array;
  signature: Uint8Array;
  now?: Date;
}): Promise<LoginResult> {
  const now = options.now ?? new Date();
  if (options.context.purpose !== 'authentication') throw new Error('login needs the authentication trust context');
  if (!(await options.store.consume(hashNonce(options.nonce), now))) throw loginFailed('unknown, used or expired challenge');
  let cert: CertificateInfo;
  try {
    cert = readCertificateInfo(options.certificate);
  } catch {
    throw loginFailed('unreadable certificate', 'FORMAT_FAILURE');
  }
  let ok: boolean;
  try {
    ok = verify('sha256', loginMessage(options.audience, options.nonce), cert.publicKey, options.signature);
  } catch {
    ok = false;
  }
  if (!ok) throw loginFailed('the signature does not verify', 'SIG_CRYPTO_FAILURE');
  const path = await validateCertificatePath({
    context: options.context,
    signer: cert,
    extraCertificates: [],
    validationTime: now,
    proofOfExistence: now,
    claimedSigningTime: now,
    now,
  });
  const crypto = checkCryptoOf(cert, options.context, now, false);
  const failures = [...path.failures, ...(crypto.problems.length ? (['CRYPTO_CONSTRAINTS_FAILURE'] as const) : []), ...(crypto.needsPoe.length ? (['CRYPTO_CONSTRAINTS_FAILURE_NO_POE'] as const) : [])];
  const worst = PRECEDENCE.find((s) => failures.includes(s));
  if (worst) {
    const detail = path.checks.find((c) => c.subIndication === worst)?.detail ?? crypto.problems.join('; ');
    throw loginFailed(`${INDICATION_OF[worst]}/${worst}: ${detail}`, worst);
  }
  return { identity: identityOf(cert), checks: path.checks, revocation: path.revocation };
}
