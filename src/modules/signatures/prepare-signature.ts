// Step one of signing with a card: the server builds the CAdES-BES signed attributes and hands the
// card (or the resident's reader / JPKI app) only the DigestInfo of them — the flow real readers allow.
// The content is the exact stored bytes of the application (RFC 8785 JSON holding the attachment
// digests, R4), so the signature covers the application and its attachments.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import { readCertificateInfo } from './certificate-info.ts';
import { encodeDigestInfo } from './digest-info.ts';
import {
  ATTR_CONTENT_TYPE,
  ATTR_MESSAGE_DIGEST,
  ATTR_SIGNING_CERTIFICATE_V2,
  ATTR_SIGNING_TIME,
  CMS_DATA,
  HASH_OID_BY_NAME,
} from './oids.ts';

export interface PreparedSignature {
  /** DER SET OF Attribute: what the card's signature covers. */
  signedAttributes: Uint8Array;
  /** DigestInfo of the signed attributes: what the card signs. */
  digestInfo: Uint8Array;
  digestAlgorithm: string;
  signerCertificate: Uint8Array;
}

function attribute(oid: string, value: asn1js.AsnType): Uint8Array {
  return new Uint8Array(
    new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), new asn1js.Set({ value: [value] })] }).toBER(false),
  );
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

export function prepareSignature(options: {
  content: Uint8Array;
  signerCertificate: Uint8Array;
  signingTime?: Date;
  /** 'sha256' unless a test needs a weak one on purpose. */
  digestAlgorithm?: string;
  /** Tests only: leave out signingCertificateV2. */
  omitSigningCertificate?: boolean;
}): PreparedSignature {
  const hash = options.digestAlgorithm ?? 'sha256';
  const hashOid = HASH_OID_BY_NAME[hash];
  if (!hashOid) throw new RangeError(`unknown digest ${hash}`);
  const signer = readCertificateInfo(options.signerCertificate);
  const signingTime = options.signingTime ?? new Date();
  // RFC 5652 §11.3: UTCTime for dates from 1950 to 2049, GeneralizedTime otherwise.
  const year = signingTime.getUTCFullYear();
  const time = year >= 1950 && year < 2050 ? new asn1js.UTCTime({ valueDate: signingTime }) : new asn1js.GeneralizedTime({ valueDate: signingTime });
  const attributes = [
    attribute(ATTR_CONTENT_TYPE, new asn1js.ObjectIdentifier({ value: CMS_DATA })),
    attribute(ATTR_SIGNING_TIME, time),
    attribute(ATTR_MESSAGE_DIGEST, new asn1js.OctetString({ valueHex: createHash(hash).update(options.content).digest() })),
  ];
  if (!options.omitSigningCertificate) {
    // SigningCertificateV2 { certs SEQUENCE OF ESSCertIDv2 { hashAlgorithm DEFAULT sha256 (omitted),
    // certHash, issuerSerial { issuer GeneralNames { directoryName [4] }, serialNumber } } } (RFC 5035).
    const issuerName = asn1js.fromBER(signer.issuerNameDer).result;
    const essCertId = new asn1js.Sequence({
      value: [
        new asn1js.OctetString({ valueHex: createHash('sha256').update(options.signerCertificate).digest() }),
        new asn1js.Sequence({
          value: [
            new asn1js.Sequence({ value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [issuerName] })] }),
            new asn1js.Integer({ valueHex: signer.serialBytes }),
          ],
        }),
      ],
    });
    attributes.push(attribute(ATTR_SIGNING_CERTIFICATE_V2, new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertId] })] })));
  }
  // DER SET OF: elements sorted by their encodings (X.690 §11.6).
  attributes.sort(compareBytes);
  const body = Buffer.concat(attributes);
  const signedAttributes = new Uint8Array(
    new asn1js.Set({ value: attributes.map((a) => asn1js.fromBER(a).result) }).toBER(false),
  );
  if (Buffer.compare(Buffer.from(signedAttributes.subarray(signedAttributes.length - body.length)), body) !== 0) {
    throw new Error('signed attributes did not encode canonically');
  }
  return {
    signedAttributes,
    digestInfo: encodeDigestInfo(hash, new Uint8Array(createHash(hash).update(signedAttributes).digest())),
    digestAlgorithm: hash,
    signerCertificate: options.signerCertificate,
  };
}

