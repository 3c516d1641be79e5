// Step two of signing with a card: insert the card's signature value into a detached CMS SignedData
// with the signer certificate embedded. The value is checked against the certificate first, so a
// wrong card or a mangled response never becomes a stored signature.
import { verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import { readCertificateInfo } from './certificate-info.ts';
import { signatureMismatch } from './errors.ts';
import { CMS_DATA, CMS_SIGNED_DATA, HASH_OID_BY_NAME, RSA_ENCRYPTION } from './oids.ts';
import type { PreparedSignature } from './prepare-signature.ts';

function algorithm(oid: string): asn1js.Sequence {
  return new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: oid }), new asn1js.Null()] });
}

export function completeSignature(
  prepared: PreparedSignature,
  signatureValue: Uint8Array,
  /** Certificates to embed; the signer's alone by default (JPKI has no intermediates). */
  certificates: Uint8Array[] = [prepared.signerCertificate],
): Uint8Array {
  const signer = readCertificateInfo(prepared.signerCertificate);
  const hashOid = HASH_OID_BY_NAME[prepared.digestAlgorithm]!;
  const ok = verify(prepared.digestAlgorithm, prepared.signedAttributes, signer.publicKey, signatureValue);
  if (!ok) throw signatureMismatch();
  const attributes = asn1js.fromBER(prepared.signedAttributes).result as asn1js.Set;
  const signerInfo = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Sequence({ value: [asn1js.fromBER(signer.issuerNameDer).result, new asn1js.Integer({ valueHex: signer.serialBytes })] }),
      algorithm(hashOid),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: attributes.valueBlock.value }),
      // rsaEncryption, as OpenSSL writes it; the hash comes from digestAlgorithm (RFC 3370 §3.2).
      algorithm(RSA_ENCRYPTION),
      new asn1js.OctetString({ valueHex: signatureValue }),
    ],
  });
  const signedData = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }),
      new asn1js.Set({ value: [algorithm(hashOid)] }),
      // Detached: eContent absent; the content is the stored application bytes.
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: CMS_DATA })] }),
      ...(certificates.length > 0
        ? [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: certificates.map((c) => asn1js.fromBER(c).result) })]
        : []),
      new asn1js.Set({ value: [signerInfo] }),
    ],
  });
  const der = new Uint8Array(
    new asn1js.Sequence({
      value: [new asn1js.ObjectIdentifier({ value: CMS_SIGNED_DATA }), new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [signedData] })],
    }).toBER(false),
  );
  // The re-encoded attributes must be byte-identical to what was signed.
  const embedded = Buffer.from(prepared.signedAttributes.subarray(1));
  if (!Buffer.from(der).includes(embedded)) throw new Error('signed attributes changed while assembling the CMS');
  return der;
}
