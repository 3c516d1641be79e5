// Reads a CMS SignedData (RFC 5652) for verification. DER input (what we, OpenSSL and the JPKI
// tools write) goes through the light DER reader: this is the hot path of every verification
// (docs/adr/0010). BER input with indefinite lengths falls back to asn1js. Both keep the original
// bytes of the signed attributes and certificates, which the checks need verbatim.
import * as asn1js from 'asn1js';
import { CMS_SIGNED_DATA } from './oids.ts';
import { serialHex, toHex } from './encoding.ts';
import { bytesOf, children, decodeOid, DerError, expectTag, NotDerError, readTlv, TAG, valueOf, type Tlv } from './der.ts';

export class FormatError extends Error {}

export interface SignerIdentifier {
  issuerDer?: Uint8Array;
  serial?: string;
  subjectKeyId?: string;
}

export interface ParsedSignedData {
  eContentType: string;
  /** Present for an attached signature; our signatures are detached. */
  eContent: Uint8Array | null;
  /** DER of each embedded certificate. */
  certificates: Uint8Array[];
  signerCount: number;
  sid: SignerIdentifier;
  digestAlgorithm: string;
  /** The signed attributes as the DER SET OF that was signed (RFC 5652 §5.4), or null if absent. */
  signedAttributes: Uint8Array | null;
  /** DER of each attribute value, by attribute OID. */
  attributes: Map<string, Uint8Array[]>;
  signatureAlgorithm: string;
  signature: Uint8Array;
}

export function parseSignedData(der: Uint8Array): ParsedSignedData {
  try {
    return parseDer(der);
  } catch (error) {
    if (error instanceof NotDerError) return parseBer(der);
    if (error instanceof DerError) throw new FormatError(error.message);
    throw error;
  }
}

function retagAsSet(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  // Signed as a DER SET OF (tag 0x31), stored with the [0] IMPLICIT tag (RFC 5652 §5.4).
  copy[0] = 0x31;
  return copy;
}

function parseDer(buf: Uint8Array): ParsedSignedData {
  const contentInfo = expectTag(readTlv(buf, 0), TAG.SEQUENCE, 'ContentInfo');
  if (contentInfo.end !== buf.length) throw new DerError('trailing bytes');
  const [type, explicit] = children(buf, contentInfo);
  if (decodeOid(valueOf(buf, expectTag(type, TAG.OID, 'contentType'))) !== CMS_SIGNED_DATA) throw new FormatError('not SignedData');
  const signedData = expectTag(children(buf, expectTag(explicit, TAG.CONTEXT_0, '[0] content'))[0], TAG.SEQUENCE, 'SignedData');
  const parts = children(buf, signedData);
  let i = 0;
  expectTag(parts[i++], TAG.INTEGER, 'version');
  expectTag(parts[i++], TAG.SET, 'digestAlgorithms');
  const encap = children(buf, expectTag(parts[i++], TAG.SEQUENCE, 'encapContentInfo'));
  const eContentType = decodeOid(valueOf(buf, expectTag(encap[0], TAG.OID, 'eContentType')));
  let eContent: Uint8Array | null = null;
  if (encap[1]) {
    const octets = expectTag(children(buf, expectTag(encap[1], TAG.CONTEXT_0, '[0] eContent'))[0], TAG.OCTET_STRING, 'eContent');
    eContent = valueOf(buf, octets);
  }
  const certificates: Uint8Array[] = [];
  if (parts[i]?.tag === TAG.CONTEXT_0) {
    for (const cert of children(buf, parts[i]!)) if (cert.tag === TAG.SEQUENCE) certificates.push(bytesOf(buf, cert));
    i++;
  }
  if (parts[i]?.tag === TAG.CONTEXT_1) i++; // crls: revocation data comes from the configured sources
  const signerInfos = children(buf, expectTag(parts[i], TAG.SET, 'signerInfos'));
  if (signerInfos.length === 0) throw new FormatError('no SignerInfo');
  const si = children(buf, expectTag(signerInfos[0], TAG.SEQUENCE, 'SignerInfo'));
  let j = 0;
  expectTag(si[j++], TAG.INTEGER, 'SignerInfo version');
  const sidTlv = si[j++];
  let sid: SignerIdentifier;
  if (sidTlv?.tag === TAG.SEQUENCE) {
    const [issuer, serial] = children(buf, sidTlv);
    sid = {
      issuerDer: bytesOf(buf, expectTag(issuer, TAG.SEQUENCE, 'issuer')),
      serial: serialHex(valueOf(buf, expectTag(serial, TAG.INTEGER, 'serialNumber'))),
    };
  } else if (sidTlv?.tag === TAG.CONTEXT_PRIMITIVE_0) {
    sid = { subjectKeyId: toHex(valueOf(buf, sidTlv)) };
  } else {
    throw new FormatError('expected SignerIdentifier');
  }
  const algorithmOid = (tlv: Tlv | undefined, what: string) =>
    decodeOid(valueOf(buf, expectTag(children(buf, expectTag(tlv, TAG.SEQUENCE, what))[0], TAG.OID, `${what} OID`)));
  const digestAlgorithm = algorithmOid(si[j++], 'digestAlgorithm');
  let signedAttributes: Uint8Array | null = null;
  const attributes = new Map<string, Uint8Array[]>();
  if (si[j]?.tag === TAG.CONTEXT_0) {
    const block = si[j++]!;
    signedAttributes = retagAsSet(bytesOf(buf, block));
    for (const attribute of children(buf, block)) {
      const [oid, values] = children(buf, expectTag(attribute, TAG.SEQUENCE, 'Attribute'));
      const key = decodeOid(valueOf(buf, expectTag(oid, TAG.OID, 'attribute OID')));
      if (attributes.has(key)) throw new FormatError(`attribute ${key} appears twice`);
      attributes.set(key, children(buf, expectTag(values, TAG.SET, 'attribute values')).map((v) => bytesOf(buf, v)));
    }
  }
  const signatureAlgorithm = algorithmOid(si[j++], 'signatureAlgorithm');
  const signature = valueOf(buf, expectTag(si[j], TAG.OCTET_STRING, 'signature'));
  return { eContentType, eContent, certificates, signerCount: signerInfos.length, sid, digestAlgorithm, signedAttributes, attributes, signatureAlgorithm, signature };
}

// --- BER fallback (asn1js) -------------------------------------------------------------------------

function expect<T extends asn1js.AsnType>(block: asn1js.AsnType | undefined, what: string, test: (b: asn1js.AsnType) => b is T): T {
  if (!block || !test(block)) throw new FormatError(`expected ${what}`);
  return block;
}
const isSeq = (b: asn1js.AsnType): b is asn1js.Sequence => b instanceof asn1js.Sequence;
const isSet = (b: asn1js.AsnType): b is asn1js.Set => b instanceof asn1js.Set;
const isOid = (b: asn1js.AsnType): b is asn1js.ObjectIdentifier => b instanceof asn1js.ObjectIdentifier;
const isInt = (b: asn1js.AsnType): b is asn1js.Integer => b instanceof asn1js.Integer;
const isOctets = (b: asn1js.AsnType): b is asn1js.OctetString => b instanceof asn1js.OctetString;
const isContext = (n: number) => (b: asn1js.AsnType): b is asn1js.Constructed => b.idBlock.tagClass === 3 && b.idBlock.tagNumber === n;
const kids = (block: asn1js.AsnType): asn1js.AsnType[] => ((block as asn1js.Constructed).valueBlock?.value as asn1js.AsnType[] | undefined) ?? [];
const raw = (block: asn1js.AsnType): Uint8Array => new Uint8Array(block.valueBeforeDecodeView);

function octets(block: asn1js.OctetString): Uint8Array {
  // A constructed OCTET STRING (BER) is the concatenation of its parts.
  if (block.idBlock.isConstructed) return Buffer.concat(kids(block).map((c) => octets(c as asn1js.OctetString)));
  return new Uint8Array(block.valueBlock.valueHexView);
}

function parseBer(der: Uint8Array): ParsedSignedData {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.result.error) throw new FormatError(`not BER: ${parsed.result.error}`);
  const [typeBlock, explicit] = kids(expect(parsed.result, 'ContentInfo', isSeq));
  if (expect(typeBlock, 'contentType', isOid).valueBlock.toString() !== CMS_SIGNED_DATA) throw new FormatError('not SignedData');
  const parts = kids(expect(kids(expect(explicit, '[0] content', isContext(0)))[0], 'SignedData', isSeq));
  let i = 0;
  expect(parts[i++], 'version', isInt);
  expect(parts[i++], 'digestAlgorithms', isSet);
  const encap = kids(expect(parts[i++], 'encapContentInfo', isSeq));
  const eContentType = expect(encap[0], 'eContentType', isOid).valueBlock.toString();
  const eContentBlock = encap[1] ? kids(expect(encap[1], '[0] eContent', isContext(0)))[0] : undefined;
  const eContent = eContentBlock ? octets(expect(eContentBlock, 'eContent', isOctets)) : null;
  const certificates: Uint8Array[] = [];
  if (parts[i] && isContext(0)(parts[i]!)) {
    for (const cert of kids(parts[i]!)) if (isSeq(cert)) certificates.push(raw(cert));
    i++;
  }
  if (parts[i] && isContext(1)(parts[i]!)) i++;
  const signerInfos = kids(expect(parts[i], 'signerInfos', isSet));
  if (signerInfos.length === 0) throw new FormatError('no SignerInfo');
  const si = kids(expect(signerInfos[0], 'SignerInfo', isSeq));
  let j = 0;
  expect(si[j++], 'SignerInfo version', isInt);
  const sidBlock = si[j++];
  let sid: SignerIdentifier;
  if (sidBlock && isSeq(sidBlock)) {
    const [issuer, serial] = kids(sidBlock);
    sid = { issuerDer: raw(expect(issuer, 'issuer', isSeq)), serial: serialHex(new Uint8Array(expect(serial, 'serialNumber', isInt).valueBlock.valueHexView)) };
  } else if (sidBlock && isContext(0)(sidBlock)) {
    sid = { subjectKeyId: toHex((sidBlock as unknown as asn1js.Primitive).valueBlock.valueHexView) };
  } else {
    throw new FormatError('expected SignerIdentifier');
  }
  const digestAlgorithm = expect(kids(expect(si[j++], 'digestAlgorithm', isSeq))[0], 'digest OID', isOid).valueBlock.toString();
  let signedAttributes: Uint8Array | null = null;
  const attributes = new Map<string, Uint8Array[]>();
  if (si[j] && isContext(0)(si[j]!)) {
    const block = si[j++]!;
    signedAttributes = retagAsSet(raw(block));
    for (const attribute of kids(block)) {
      const [oid, values] = kids(expect(attribute, 'Attribute', isSeq));
      const key = expect(oid, 'attribute OID', isOid).valueBlock.toString();
      if (attributes.has(key)) throw new FormatError(`attribute ${key} appears twice`);
      attributes.set(key, kids(expect(values, 'attribute values', isSet)).map(raw));
    }
  }
  const signatureAlgorithm = expect(kids(expect(si[j++], 'signatureAlgorithm', isSeq))[0], 'signature OID', isOid).valueBlock.toString();
  const signature = octets(expect(si[j], 'signature', isOctets));
  return { eContentType, eContent, certificates, signerCount: signerInfos.length, sid, digestAlgorithm, signedAttributes, attributes, signatureAlgorithm, signature };
}
