// The validation engine: one detached CMS/CAdES-BES signature over the given content, judged under a
// trust context (anchors, revocation sources and policy of one purpose) at a validation time, with a
// report in the terms of ETSI EN 319 102-1. The hot path is: parse (asn1js), certificate from cache,
// digest of the content, one RSA verify of the signed attributes, cached chain and CRL lookups.
import { createHash, timingSafeEqual, verify } from 'node:crypto';
import { readCertificateInfo, type CertificateInfo } from './certificate-info.ts';
import { basicFourFrom } from './jpki-profile.ts';
import {
  ATTR_CONTENT_TYPE,
  ATTR_MESSAGE_DIGEST,
  ATTR_SIGNING_CERTIFICATE_V2,
  ATTR_SIGNING_TIME,
  HASH_NAME_BY_OID,
  HASH_OF_RSA_SIGNATURE,
  RSA_ENCRYPTION,

} from './oids.ts';
import { FormatError, parseSignedData, type ParsedSignedData } from './parse-signed-data.ts';
import type { TrustContext } from './trust-context.ts';
import { checkCryptoOf, validateCertificatePath } from './validate-certificate-path.ts';
import { toHex } from './encoding.ts';
import { children, decodeOid, decodeTime, DerError, readTlv, TAG, valueOf } from './der.ts';
import { INDICATION_OF, PRECEDENCE, type Check, type SubIndication, type ValidationReport } from './validation-report.ts';

export interface ValidateSignatureInput {
  content: Uint8Array;
  /** DER ContentInfo of the detached SignedData (a .p7s file). */
  signature: Uint8Array;
  context: TrustContext;
  /** Default: now. */
  validationTime?: Date;
  /** A trusted time at which the signature existed, e.g. the application's recorded arrival (R1). */
  proofOfExistence?: Date | null;
}

function conclude(report: Omit<ValidationReport, 'indication' | 'subIndication'>, failures: SubIndication[]): ValidationReport {
  const subIndication = PRECEDENCE.find((s) => failures.includes(s)) ?? null;
  return { indication: subIndication ? INDICATION_OF[subIndication] : 'TOTAL_PASSED', subIndication, ...report };
}

/** The single value of an attribute as a tag and content, or null when absent or malformed. */
function attributeValue(cms: ParsedSignedData, oid: string, tag: number): Uint8Array | null {
  const values = cms.attributes.get(oid);
  if (!values || values.length !== 1) return null;
  try {
    const tlv = readTlv(values[0]!, 0);
    return tlv.tag === tag && tlv.end === values[0]!.length ? valueOf(values[0]!, tlv) : null;
  } catch {
    return null;
  }
}

function readSigningTime(cms: ParsedSignedData): Date | null {
  const value = cms.attributes.get(ATTR_SIGNING_TIME)?.[0];
  if (!value) return null;
  try {
    return decodeTime(value, readTlv(value, 0));
  } catch {
    return null;
  }
}

/** Whether the signer's certificate is the one signingCertificateV2 names (RFC 5035). */
function signingCertificateMatches(value: Uint8Array, signer: CertificateInfo): boolean {
  try {
    const outer = readTlv(value, 0);
    const certs = children(value, outer)[0];
    const first = certs && certs.tag === TAG.SEQUENCE ? children(value, certs)[0] : undefined;
    if (!first || first.tag !== TAG.SEQUENCE) return false;
    const parts = children(value, first);
    let hash = 'sha256';
    let k = 0;
    if (parts[0]?.tag === TAG.SEQUENCE) {
      const oid = children(value, parts[0])[0];
      hash = oid?.tag === TAG.OID ? (HASH_NAME_BY_OID[decodeOid(valueOf(value, oid))] ?? '') : '';
      k = 1;
    }
    const certHash = parts[k];
    if (!hash || certHash?.tag !== TAG.OCTET_STRING) return false;
    const expected = createHash(hash).update(signer.der).digest();
    const actual = Buffer.from(valueOf(value, certHash));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch (error) {
    if (error instanceof DerError) return false;
    throw error;
  }
}

export async function validateSignature(input: ValidateSignatureInput): Promise<ValidationReport> {
  const { context } = input;
  const policy = context.policy;
  const now = new Date();
  const validationTime = input.validationTime ?? now;
  const poe = input.proofOfExistence ?? null;
  const checks: Check[] = [];
  const failures: SubIndication[] = [];
  const base = {
    purpose: context.purpose,
    policy: policy.name,
    validationTime: validationTime.toISOString(),
    proofOfExistence: poe?.toISOString() ?? null,
    checks,
    signer: null,
    signedAttributes: null,
    revocation: [],
    basicFour: null,
  };
  const stop = (id: Check['id'], sub: SubIndication, detail: string) => {
    checks.push({ id, result: 'failed', subIndication: sub, detail });
    return conclude(base, [sub]);
  };

  // Format (EN 319 102-1 §5.2.2).
  let cms: ParsedSignedData;
  try {
    cms = parseSignedData(input.signature);
  } catch (error) {
    return stop('format', 'FORMAT_FAILURE', error instanceof FormatError ? error.message : `unreadable signature: ${(error as Error).message}`);
  }
  if (cms.signerCount !== 1) return stop('format', 'FORMAT_FAILURE', `expected one signer, found ${cms.signerCount}`);
  if (!cms.signedAttributes) return stop('format', 'FORMAT_FAILURE', 'no signed attributes (CAdES requires them)');
  const contentTypeAttr = attributeValue(cms, ATTR_CONTENT_TYPE, TAG.OID);
  const digestAttr = attributeValue(cms, ATTR_MESSAGE_DIGEST, TAG.OCTET_STRING);
  if (!contentTypeAttr || !digestAttr) {
    return stop('format', 'FORMAT_FAILURE', 'contentType or messageDigest attribute missing');
  }
  if (decodeOid(contentTypeAttr) !== cms.eContentType) return stop('format', 'FORMAT_FAILURE', 'contentType attribute differs from eContentType');
  const extra: CertificateInfo[] = [];
  try {
    for (const der of cms.certificates) extra.push(readCertificateInfo(der));
  } catch (error) {
    return stop('format', 'FORMAT_FAILURE', `unreadable certificate: ${(error as Error).message}`);
  }
  checks.push({ id: 'format', result: 'passed', detail: cms.eContent ? 'attached CMS SignedData' : 'detached CMS SignedData' });
  const content = input.content.byteLength === 0 && cms.eContent ? cms.eContent : input.content;
  const signingTime = readSigningTime(cms);
  const digestName = HASH_NAME_BY_OID[cms.digestAlgorithm] ?? null;
  const signedAttributes: NonNullable<ValidationReport['signedAttributes']> = {
    contentType: cms.eContentType,
    signingTime: signingTime?.toISOString() ?? null,
    messageDigest: toHex(digestAttr),
    signingCertificateV2: 'absent',
    digestAlgorithm: digestName ?? cms.digestAlgorithm,
  };
  const withAttributes = { ...base, signedAttributes };

  // Identification of the signing certificate (§5.2.3).
  const sid = cms.sid;
  const sidIssuer = sid.issuerDer ? toHex(sid.issuerDer) : null;
  const signer = extra.find((c) => (sidIssuer ? c.issuerKey === sidIssuer && c.serial === sid.serial : c.subjectKeyId === sid.subjectKeyId));
  if (!signer) {
    checks.push({ id: 'signing-certificate', result: 'failed', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND', detail: 'no embedded certificate matches the signer identifier' });
    return conclude(withAttributes, ['NO_SIGNING_CERTIFICATE_FOUND']);
  }
  const signingCertAttr = cms.attributes.get(ATTR_SIGNING_CERTIFICATE_V2)?.[0];
  if (signingCertAttr) {
    const matched = signingCertificateMatches(signingCertAttr, signer);
    signedAttributes.signingCertificateV2 = matched ? 'matched' : 'mismatch';
    if (!matched) {
      checks.push({ id: 'signing-certificate', result: 'failed', subIndication: 'NO_SIGNING_CERTIFICATE_FOUND', detail: 'signingCertificateV2 names another certificate' });
      return conclude({ ...withAttributes, signer: summarize(signer) }, ['NO_SIGNING_CERTIFICATE_FOUND']);
    }
  }
  checks.push({ id: 'signing-certificate', result: 'passed', detail: signingCertAttr ? 'matches signingCertificateV2' : 'matches the signer identifier' });
  const report = {
    ...withAttributes,
    signer: summarize(signer),
    basicFour: context.purpose === 'signature' ? basicFourFrom(signer.otherNames) : null,
  };

  // Cryptographic verification (§5.2.7): the content's digest, then the signature over the attributes.
  if (digestName) {
    const digest = createHash(digestName).update(content).digest();
    const claimed = Buffer.from(digestAttr);
    if (claimed.length !== digest.length || !timingSafeEqual(claimed, digest)) {
      checks.push({ id: 'message-digest', result: 'failed', subIndication: 'HASH_FAILURE', detail: 'the content does not match messageDigest' });
      failures.push('HASH_FAILURE');
    } else {
      checks.push({ id: 'message-digest', result: 'passed' });
    }
  } else {
    checks.push({ id: 'message-digest', result: 'skipped', detail: `unknown digest algorithm ${cms.digestAlgorithm}` });
  }
  const sigHash = cms.signatureAlgorithm === RSA_ENCRYPTION ? digestName : (HASH_OF_RSA_SIGNATURE[cms.signatureAlgorithm] ?? null);
  if (sigHash && signer.keyType === 'rsa') {
    let signatureOk: boolean;
    try {
      signatureOk = verify(sigHash, cms.signedAttributes, signer.publicKey, cms.signature);
    } catch {
      signatureOk = false;
    }
    if (signatureOk) checks.push({ id: 'signature-value', result: 'passed', detail: `RSA PKCS#1 v1.5 with ${sigHash}` });
    else {
      checks.push({ id: 'signature-value', result: 'failed', subIndication: 'SIG_CRYPTO_FAILURE', detail: 'the signature value does not verify' });
      failures.push('SIG_CRYPTO_FAILURE');
    }
  } else {
    checks.push({ id: 'signature-value', result: 'skipped', detail: `unsupported signature algorithm ${cms.signatureAlgorithm}` });
  }

  // X.509 certificate validation (§5.2.6).
  const path = await validateCertificatePath({
    context,
    signer,
    extraCertificates: extra.filter((c) => c !== signer),
    validationTime,
    proofOfExistence: poe,
    claimedSigningTime: signingTime,
    now,
  });
  checks.push(...path.checks);
  failures.push(...path.failures);

  // Crypto constraints of the signature and its path (§5.2.8).
  const problems = [...path.cryptoProblems];
  if (!digestName || !policy.allowedDigests.includes(digestName)) problems.push(`digest algorithm ${digestName ?? cms.digestAlgorithm} not accepted`);
  if (!sigHash) problems.push(`signature algorithm ${cms.signatureAlgorithm} not accepted`);
  else if (!policy.allowedDigests.includes(sigHash)) problems.push(`signature hash ${sigHash} not accepted`);
  if (!path.path.includes(signer)) problems.push(...checkCryptoOf(signer, context, poe ?? validationTime, false).problems);
  if (problems.length > 0) {
    checks.push({ id: 'crypto-constraints', result: 'failed', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE', detail: problems.join('; ') });
    failures.push('CRYPTO_CONSTRAINTS_FAILURE');
  } else if (path.cryptoNeedsPoe.length > 0) {
    checks.push({ id: 'crypto-constraints', result: 'failed', subIndication: 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE', detail: path.cryptoNeedsPoe.join('; ') });
    failures.push('CRYPTO_CONSTRAINTS_FAILURE_NO_POE');
  } else {
    checks.push({ id: 'crypto-constraints', result: 'passed', detail: `${digestName}, RSA-${signer.keyBits}` });
  }

  // Signature acceptance (§5.2.9): signed attributes under the policy.
  const attributeProblems: string[] = [];
  if (!signingTime && policy.requireSigningTime) attributeProblems.push('signingTime missing');
  if (signingTime && signingTime.getTime() > validationTime.getTime() + policy.signingTimeSkewSeconds * 1000) {
    attributeProblems.push(`signingTime ${signingTime.toISOString()} is after the validation time`);
  }
  if (!signingCertAttr && policy.requireSigningCertificateAttribute) attributeProblems.push('signingCertificateV2 missing');
  if (attributeProblems.length > 0) {
    checks.push({ id: 'signed-attributes', result: 'failed', subIndication: 'SIG_CONSTRAINTS_FAILURE', detail: attributeProblems.join('; ') });
    failures.push('SIG_CONSTRAINTS_FAILURE');
  } else {
    checks.push({ id: 'signed-attributes', result: 'passed' });
  }
  return conclude({ ...report, revocation: path.revocation }, failures);
}

export function summarize(cert: CertificateInfo): NonNullable<ValidationReport['signer']> {
  return {
    fingerprintSha256: cert.fingerprint,
    serialNumber: cert.serial,
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    keyBits: cert.keyBits,
    policies: cert.policies,
  };
}

