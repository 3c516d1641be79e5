// A CRL read once into a map of revoked serials with their revocation dates and reasons, cached by
// the SHA-256 of its bytes. PKI.js alone neither uses revocation dates nor complains when no CRL is
// given; the validation engine does both with this (docs/adr/0010).
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { nameToString } from './certificate-info.ts';
import { EXT_CRL_NUMBER, EXT_CRL_REASON } from './oids.ts';
import { serialHex, toHex } from './encoding.ts';
import { REASON_NAMES } from './test-pki-store.ts';

export interface RevokedEntry {
  revokedAt: Date;
  reason: string;
}

export interface RevocationListInfo {
  sha256: string;
  issuerKey: string;
  issuer: string;
  thisUpdate: Date;
  nextUpdate: Date | null;
  crlNumber: string | null;
  revoked: ReadonlyMap<string, RevokedEntry>;
  signatureAlgorithm: string;
  tbs: Uint8Array;
  signatureValue: Uint8Array;
}

const cache = new Map<string, RevocationListInfo>();
const CACHE_LIMIT = 256;

export function readRevocationList(der: Uint8Array): RevocationListInfo {
  const sha256 = createHash('sha256').update(der).digest('hex');
  const cached = cache.get(sha256);
  if (cached) return cached;
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1 || asn1.offset !== der.byteLength) throw new Error('CRL is not DER');
  const crl = new pkijs.CertificateRevocationList({ schema: asn1.result });
  const tbsBlock = (asn1.result as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  const parts = tbsBlock.valueBlock.value;
  const offset = parts[0] instanceof asn1js.Integer ? 1 : 0;
  const issuerDer = new Uint8Array(parts[offset + 1]!.valueBeforeDecodeView);
  const revoked = new Map<string, RevokedEntry>();
  for (const entry of crl.revokedCertificates ?? []) {
    const reasonExt = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === EXT_CRL_REASON);
    const code = reasonExt ? Number((reasonExt.parsedValue as asn1js.Enumerated).valueBlock.valueDec) : 0;
    revoked.set(serialHex(new Uint8Array(entry.userCertificate.valueBlock.valueHexView)), {
      revokedAt: entry.revocationDate.value,
      reason: REASON_NAMES[code] ?? `reason-${code}`,
    });
  }
  const numberExt = crl.crlExtensions?.extensions.find((e) => e.extnID === EXT_CRL_NUMBER);
  const info: RevocationListInfo = {
    sha256,
    issuerKey: toHex(issuerDer),
    issuer: nameToString(crl.issuer),
    thisUpdate: crl.thisUpdate.value,
    nextUpdate: crl.nextUpdate?.value ?? null,
    crlNumber: numberExt ? toHex((numberExt.parsedValue as asn1js.Integer).valueBlock.valueHexView) : null,
    revoked,
    signatureAlgorithm: crl.signatureAlgorithm.algorithmId,
    tbs: new Uint8Array(tbsBlock.valueBeforeDecodeView),
    signatureValue: new Uint8Array(crl.signatureValue.valueBlock.valueHexView),
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(sha256, info);
  return info;
}
