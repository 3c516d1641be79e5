// What validation needs to know about a certificate, read once with asn1js/PKI.js and cached by
// SHA-256 fingerprint: the hot path then touches plain fields and a ready node:crypto KeyObject.
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { KEY_USAGE_BITS, type KeyUsageName } from './build-certificate.ts';
import {
  EXT_AUTHORITY_KEY_IDENTIFIER,
  EXT_BASIC_CONSTRAINTS,
  EXT_CERTIFICATE_POLICIES,
  EXT_KEY_USAGE,
  EXT_SUBJECT_ALT_NAME,
  EXT_SUBJECT_KEY_IDENTIFIER,
} from './oids.ts';
import { serialHex, toHex } from './encoding.ts';

export interface CertificateInfo {
  der: Uint8Array;
  /** SHA-256 of the DER, lower-case hex. */
  fingerprint: string;
  serial: string;
  serialBytes: Uint8Array;
  /** DER of the issuer and subject Names, hex: how issuers are matched (RFC 5280 name chaining). */
  issuerKey: string;
  subjectKey: string;
  issuer: string;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  keyType: string;
  keyBits: number;
  /** SHA-1 of the subjectPublicKey BIT STRING contents (OCSP issuerKeyHash). */
  keyHashSha1: Uint8Array;
  spkiBitString: Uint8Array;
  issuerNameDer: Uint8Array;
  subjectNameDer: Uint8Array;
  signatureAlgorithm: string;
  tbs: Uint8Array;
  signatureValue: Uint8Array;
  /** undefined when the certificate has no basicConstraints extension. */
  isCa: boolean | undefined;
  keyUsage: ReadonlySet<KeyUsageName> | null;
  policies: string[];
  /** subjectAltName otherName values that are strings (JPKI basic four items), by OID. */
  otherNames: ReadonlyMap<string, string>;
  subjectKeyId: string | null;
  authorityKeyId: string | null;
  unknownCriticalExtensions: string[];
}

const KNOWN_EXTENSIONS = new Set([
  EXT_BASIC_CONSTRAINTS,
  EXT_KEY_USAGE,
  EXT_CERTIFICATE_POLICIES,
  EXT_SUBJECT_ALT_NAME,
  EXT_SUBJECT_KEY_IDENTIFIER,
  EXT_AUTHORITY_KEY_IDENTIFIER,
  '2.5.29.37', // extendedKeyUsage
  '2.5.29.31',
  '1.3.6.1.5.5.7.1.1',
]);

const SHORT_NAMES: Record<string, string> = { '2.5.4.6': 'C', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.3': 'CN', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.5': 'serialNumber' };

export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${SHORT_NAMES[tv.type] ?? tv.type}=${String((tv.value as asn1js.BaseStringBlock).valueBlock.value ?? '')}`)
    .join(', ');
}

const cache = new Map<string, CertificateInfo>();
const CACHE_LIMIT = 20_000;

export function fingerprintOf(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** Parsed certificate, from the cache when these bytes were seen before. Throws on malformed DER. */
export function readCertificateInfo(der: Uint8Array, fingerprint = fingerprintOf(der)): CertificateInfo {
  const cached = cache.get(fingerprint);
  if (cached) return cached;
  const info = parseCertificate(der, fingerprint);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(fingerprint, info);
  return info;
}

function parseCertificate(der: Uint8Array, fingerprint: string): CertificateInfo {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1 || asn1.offset !== der.byteLength) throw new Error('certificate is not DER');
  const certificate = new pkijs.Certificate({ schema: asn1.result });
  const tbsBlock = (asn1.result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  const tbsParts = tbsBlock.valueBlock.value;
  const offset = tbsParts[0]?.idBlock.tagClass === 3 ? 1 : 0;
  const issuerNameDer = new Uint8Array(tbsParts[offset + 2]!.valueBeforeDecodeView);
  const subjectNameDer = new Uint8Array(tbsParts[offset + 4]!.valueBeforeDecodeView);
  const spki = new Uint8Array(certificate.subjectPublicKeyInfo.toSchema().toBER(false));
  const publicKey = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  const spkiBitString = new Uint8Array(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);

  let isCa: boolean | undefined;
  let keyUsage: Set<KeyUsageName> | null = null;
  let policies: string[] = [];
  const otherNames = new Map<string, string>();
  let subjectKeyId: string | null = null;
  let authorityKeyId: string | null = null;
  const unknownCriticalExtensions: string[] = [];
  for (const ext of certificate.extensions ?? []) {
    if (ext.critical && !KNOWN_EXTENSIONS.has(ext.extnID)) unknownCriticalExtensions.push(ext.extnID);
    const value = ext.parsedValue as unknown;
    switch (ext.extnID) {
      case EXT_BASIC_CONSTRAINTS:
        isCa = (value as pkijs.BasicConstraints).cA === true;
        break;
      case EXT_KEY_USAGE: {
        const bits = (value as asn1js.BitString).valueBlock.valueHexView;
        keyUsage = new Set(KEY_USAGE_BITS.filter((_, i) => ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0));
        break;
      }
      case EXT_CERTIFICATE_POLICIES:
        policies = (value as pkijs.CertificatePolicies).certificatePolicies.map((p) => p.policyIdentifier);
        break;
      case EXT_SUBJECT_ALT_NAME:
        for (const name of (value as pkijs.AltName).altNames) {
          if (name.type !== 0) continue;
          // otherName: SEQUENCE-like block { type-id, [0] EXPLICIT value }.
          const parts = (name.value as asn1js.Constructed).valueBlock?.value ?? [];
          const oid = parts[0] instanceof asn1js.ObjectIdentifier ? parts[0].valueBlock.toString() : null;
          const inner = (parts[1] as asn1js.Constructed | undefined)?.valueBlock?.value?.[0];
          if (oid && inner instanceof asn1js.BaseStringBlock) otherNames.set(oid, String(inner.valueBlock.value));
        }
        break;
      case EXT_SUBJECT_KEY_IDENTIFIER:
        subjectKeyId = toHex((value as asn1js.OctetString).valueBlock.valueHexView);
        break;
      case EXT_AUTHORITY_KEY_IDENTIFIER: {
        const id = (value as pkijs.AuthorityKeyIdentifier).keyIdentifier;
        authorityKeyId = id ? toHex(id.valueBlock.valueHexView) : null;
        break;
      }
    }
  }
  const serialBytes = new Uint8Array(certificate.serialNumber.valueBlock.valueHexView);
  return {
    der,
    fingerprint,
    serial: serialHex(serialBytes),
    serialBytes,
    issuerKey: toHex(issuerNameDer),
    subjectKey: toHex(subjectNameDer),
    issuer: nameToString(certificate.issuer),
    subject: nameToString(certificate.subject),
    notBefore: certificate.notBefore.value,
    notAfter: certificate.notAfter.value,
    publicKey,
    keyType: publicKey.asymmetricKeyType ?? 'unknown',
    keyBits: publicKey.asymmetricKeyDetails?.modulusLength ?? 0,
    keyHashSha1: new Uint8Array(createHash('sha1').update(spkiBitString).digest()),
    spkiBitString,
    issuerNameDer,
    subjectNameDer,
    signatureAlgorithm: certificate.signatureAlgorithm.algorithmId,
    tbs: new Uint8Array(tbsBlock.valueBeforeDecodeView),
    signatureValue: new Uint8Array(certificate.signatureValue.valueBlock.valueHexView),
    isCa,
    keyUsage,
    policies,
    otherNames,
    subjectKeyId,
    authorityKeyId,
    unknownCriticalExtensions,
  };
}
