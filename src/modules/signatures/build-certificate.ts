// Builds X.509 certificates for the test PKI. The profile mirrors JPKI: every end-entity certificate
// is issued directly by a self-signed CA of its purpose (there are no intermediates in JPKI), RSA-2048
// with SHA-256, and the signature certificate carries the basic four items (基本4情報) in its
// subjectAltName. Tests also use it to make deliberately wrong certificates.
import { createHash, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import {
  AD_OCSP,
  EXT_AUTHORITY_INFO_ACCESS,
  EXT_AUTHORITY_KEY_IDENTIFIER,
  EXT_BASIC_CONSTRAINTS,
  EXT_CERTIFICATE_POLICIES,
  EXT_CRL_DISTRIBUTION_POINTS,
  EXT_KEY_USAGE,
  EXT_SUBJECT_ALT_NAME,
  EXT_SUBJECT_KEY_IDENTIFIER,
} from './oids.ts';
import { cryptoEngine, importSigningKey } from './pki-engine.ts';
import { toArrayBuffer } from './encoding.ts';

/** keyUsage bits in X.509 order (RFC 5280 §4.2.1.3). */
export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_BITS)[number];

export interface NameAttribute {
  /** 'C' | 'O' | 'OU' | 'CN' | 'L' | 'ST' */
  type: string;
  value: string;
}

export interface CertificateSpec {
  subject: NameAttribute[];
  /** SubjectPublicKeyInfo DER of the subject's key. */
  publicKey: Uint8Array;
  /** Absent: self-signed with `signingKey`. */
  issuer?: { certificate: Uint8Array };
  /** PKCS#8 DER of the key that signs (the issuer's, or the subject's own when self-signed). */
  signingKey: Uint8Array;
  serialNumber?: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  /** undefined: no basicConstraints extension; false: cA=false; true: cA=true. */
  isCa?: boolean;
  keyUsage?: KeyUsageName[];
  policies?: string[];
  /** otherName entries of subjectAltName, each a UTF8String (JPKI basic four items). */
  otherNames?: Array<{ oid: string; value: string }>;
  crlUrl?: string;
  ocspUrl?: string;
  /** Signature hash; SHA-256 unless a test needs another. */
  hash?: 'SHA-256' | 'SHA-1';
}

const NAME_OIDS: Record<string, string> = { C: '2.5.4.6', O: '2.5.4.10', OU: '2.5.4.11', CN: '2.5.4.3', L: '2.5.4.7', ST: '2.5.4.8' };

export function buildName(attributes: NameAttribute[]): pkijs.RelativeDistinguishedNames {
  return new pkijs.RelativeDistinguishedNames({
    typesAndValues: attributes.map(
      (a) =>
        new pkijs.AttributeTypeAndValue({
          type: NAME_OIDS[a.type] ?? a.type,
          // countryName must be a PrintableString (RFC 5280); the others UTF8String.
          value: a.type === 'C' ? new asn1js.PrintableString({ value: a.value }) : new asn1js.Utf8String({ value: a.value }),
        }),
    ),
  });
}

/** A random positive 16-byte serial (RFC 5280 allows up to 20 octets). */
export function randomSerial(): Uint8Array {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x10;
  return new Uint8Array(serial);
}

function keyIdentifier(spki: Uint8Array): Uint8Array {
  const info = pkijs.PublicKeyInfo.fromBER(toArrayBuffer(spki));
  return new Uint8Array(createHash('sha1').update(new Uint8Array(info.subjectPublicKey.valueBlock.valueHexView)).digest());
}

function keyUsageExtension(usages: KeyUsageName[]): pkijs.Extension {
  let bits = 0;
  for (const usage of usages) bits |= 1 << (15 - KEY_USAGE_BITS.indexOf(usage));
  const bytes = [(bits >> 8) & 0xff, bits & 0xff];
  // DER: drop a trailing zero byte and count the unused bits of the last one.
  const used = bytes[1] === 0 ? [bytes[0]!] : bytes;
  const last = used[used.length - 1]!;
  let unused = 0;
  while (unused < 8 && (last & (1 << unused)) === 0) unused++;
  const value = new asn1js.BitString({ valueHex: new Uint8Array(used), unusedBits: last === 0 ? 0 : unused });
  return new pkijs.Extension({ extnID: EXT_KEY_USAGE, critical: true, extnValue: value.toBER(false) });
}

function extensionsOf(spec: CertificateSpec, issuerKeyId: Uint8Array, subjectKeyId: Uint8Array): pkijs.Extension[] {
  const extensions: pkijs.Extension[] = [];
  if (spec.isCa !== undefined) {
    extensions.push(
      new pkijs.Extension({
        extnID: EXT_BASIC_CONSTRAINTS,
        critical: true,
        extnValue: new pkijs.BasicConstraints({ cA: spec.isCa }).toSchema().toBER(false),
      }),
    );
  }
  if (spec.keyUsage) extensions.push(keyUsageExtension(spec.keyUsage));
  extensions.push(
    new pkijs.Extension({
      extnID: EXT_SUBJECT_KEY_IDENTIFIER,
      extnValue: new asn1js.OctetString({ valueHex: subjectKeyId }).toBER(false),
    }),
    new pkijs.Extension({
      extnID: EXT_AUTHORITY_KEY_IDENTIFIER,
      extnValue: new pkijs.AuthorityKeyIdentifier({ keyIdentifier: new asn1js.OctetString({ valueHex: issuerKeyId }) })
        .toSchema()
        .toBER(false),
    }),
  );
  if (spec.policies && spec.policies.length > 0) {
    extensions.push(
      new pkijs.Extension({
        extnID: EXT_CERTIFICATE_POLICIES,
        critical: true,
        extnValue: new pkijs.CertificatePolicies({
          certificatePolicies: spec.policies.map((p) => new pkijs.PolicyInformation({ policyIdentifier: p })),
        })
          .toSchema()
          .toBER(false),
      }),
    );
  }
  if (spec.otherNames && spec.otherNames.length > 0) {
    // GeneralName otherName: [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT ANY }.
    const names = spec.otherNames.map(
      (n) =>
        new asn1js.Constructed({
          idBlock: { tagClass: 3, tagNumber: 0 },
          value: [
            new asn1js.ObjectIdentifier({ value: n.oid }),
            new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Utf8String({ value: n.value })] }),
          ],
        }),
    );
    extensions.push(new pkijs.Extension({ extnID: EXT_SUBJECT_ALT_NAME, extnValue: new asn1js.Sequence({ value: names }).toBER(false) }));
  }
  if (spec.crlUrl) {
    extensions.push(
      new pkijs.Extension({
        extnID: EXT_CRL_DISTRIBUTION_POINTS,
        extnValue: new pkijs.CRLDistributionPoints({
          distributionPoints: [
            new pkijs.DistributionPoint({ distributionPoint: [new pkijs.GeneralName({ type: 6, value: spec.crlUrl })] }),
          ],
        })
          .toSchema()
          .toBER(false),
      }),
    );
  }
  if (spec.ocspUrl) {
    extensions.push(
      new pkijs.Extension({
        extnID: EXT_AUTHORITY_INFO_ACCESS,
        extnValue: new pkijs.InfoAccess({
          accessDescriptions: [
            new pkijs.AccessDescription({ accessMethod: AD_OCSP, accessLocation: new pkijs.GeneralName({ type: 6, value: spec.ocspUrl }) }),
          ],
        })
          .toSchema()
          .toBER(false),
      }),
    );
  }
  return extensions;
}

/** Builds and signs one certificate; returns its DER. */
export async function buildCertificate(spec: CertificateSpec): Promise<Uint8Array> {
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ valueHex: spec.serialNumber ?? randomSerial() });
  certificate.subject = buildName(spec.subject);
  const subjectKeyId = keyIdentifier(spec.publicKey);
  let issuerKeyId = subjectKeyId;
  if (spec.issuer) {
    const issuer = pkijs.Certificate.fromBER(toArrayBuffer(spec.issuer.certificate));
    certificate.issuer = issuer.subject;
    issuerKeyId = keyIdentifier(new Uint8Array(issuer.subjectPublicKeyInfo.toSchema().toBER(false)));
  } else {
    certificate.issuer = buildName(spec.subject);
  }
  certificate.notBefore.value = spec.notBefore;
  certificate.notAfter.value = spec.notAfter;
  certificate.subjectPublicKeyInfo = pkijs.PublicKeyInfo.fromBER(toArrayBuffer(spec.publicKey));
  certificate.extensions = extensionsOf(spec, issuerKeyId, subjectKeyId);
  const hash = spec.hash ?? 'SHA-256';
  const key = await importSigningKey(spec.signingKey, hash);
  await certificate.sign(key, hash, cryptoEngine);
  return new Uint8Array(certificate.toSchema(true).toBER(false));
}

/** The SubjectPublicKeyInfo DER of a key. */
export function spkiOf(key: KeyObject | Uint8Array): Uint8Array {
  const keyObject = key instanceof Uint8Array ? createPublicKey({ key: Buffer.from(key), format: 'der', type: 'spki' }) : key;
  return new Uint8Array(createPublicKey(keyObject).export({ format: 'der', type: 'spki' }));
}
