// DigestInfo (RFC 8017 §9.2): what a My Number Card signs. The card applies PKCS#1 v1.5 padding and
// the RSA private key to these bytes; it never sees the document itself.
import * as asn1js from 'asn1js';
import { HASH_NAME_BY_OID, HASH_OID_BY_NAME } from './oids.ts';

const DIGEST_LENGTH: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64, sha1: 20, md5: 16 };

export function encodeDigestInfo(hashName: string, digest: Uint8Array): Uint8Array {
  const oid = HASH_OID_BY_NAME[hashName];
  if (!oid) throw new RangeError(`unknown hash ${hashName}`);
  return new Uint8Array(
    new asn1js.Sequence({
      value: [
        new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), new asn1js.Null()] }),
        new asn1js.OctetString({ valueHex: digest }),
      ],
    }).toBER(false),
  );
}

/** The hash name and digest of a DigestInfo, or null when the bytes are not one. */
export function decodeDigestInfo(bytes: Uint8Array): { hash: string; digest: Uint8Array } | null {
  const parsed = asn1js.fromBER(bytes);
  if (parsed.offset !== bytes.byteLength || !(parsed.result instanceof asn1js.Sequence)) return null;
  const [algorithm, digest] = parsed.result.valueBlock.value;
  if (!(algorithm instanceof asn1js.Sequence) || !(digest instanceof asn1js.OctetString)) return null;
  const oid = algorithm.valueBlock.value[0];
  if (!(oid instanceof asn1js.ObjectIdentifier)) return null;
  const hash = HASH_NAME_BY_OID[oid.valueBlock.toString()];
  const value = digest.valueBlock.valueHexView;
  if (!hash || value.byteLength !== DIGEST_LENGTH[hash]) return null;
  return { hash, digest: new Uint8Array(value) };
}
