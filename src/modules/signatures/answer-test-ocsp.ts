// The OCSP responder of the test PKI (RFC 6960): answers good / revoked (with time and reason) /
// unknown from the same records as the CRL, signed by the CA itself, echoing the request nonce.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readCertificateInfo } from './certificate-info.ts';
import { ensureTestAuthority } from './ensure-test-authority.ts';
import { HASH_NAME_BY_OID, OCSP_BASIC, OCSP_NONCE } from './oids.ts';
import { cryptoEngine, importSigningKey } from './pki-engine.ts';
import { serialHex, toArrayBuffer, toHex } from './encoding.ts';
import { REASON_CODES, type Purpose, type TestPkiStore } from './test-pki-store.ts';

/** How long a "good" answer may be cached by verifiers. */
export const OCSP_LIFETIME_MS = 3600_000;

function statusOnly(status: number): Uint8Array {
  return new Uint8Array(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) }).toSchema().toBER(false));
}

export async function answerTestOcsp(options: { store: TestPkiStore; purpose: Purpose; request: Uint8Array; now?: Date }): Promise<Uint8Array> {
  const { store, purpose } = options;
  const now = options.now ?? new Date();
  let request: pkijs.OCSPRequest;
  try {
    request = pkijs.OCSPRequest.fromBER(toArrayBuffer(options.request));
  } catch {
    return statusOnly(1); // malformedRequest
  }
  const authority = await ensureTestAuthority({ store, purpose, now });
  const ca = readCertificateInfo(authority.certificate);
  const responses: pkijs.SingleResponse[] = [];
  for (const { reqCert } of request.tbsRequest.requestList) {
    const hash = HASH_NAME_BY_OID[reqCert.hashAlgorithm.algorithmId];
    const ours =
      hash !== undefined &&
      toHex(reqCert.issuerNameHash.valueBlock.valueHexView) === createHash(hash).update(ca.subjectNameDer).digest('hex') &&
      toHex(reqCert.issuerKeyHash.valueBlock.valueHexView) === createHash(hash).update(ca.spkiBitString).digest('hex');
    const found = ours ? await store.findCertificate(purpose, serialHex(new Uint8Array(reqCert.serialNumber.valueBlock.valueHexView))) : undefined;
    let certStatus: asn1js.AsnType;
    if (!found) {
      certStatus = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } }); // unknown
    } else if (found.revokedAt && found.revokedAt <= now) {
      certStatus = new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 1 },
        value: [
          new asn1js.GeneralizedTime({ valueDate: found.revokedAt }),
          new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Enumerated({ value: REASON_CODES[found.revocationReason ?? 'keyCompromise'] })] }),
        ],
      });
    } else {
      certStatus = new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }); // good
    }
    responses.push(new pkijs.SingleResponse({ certID: reqCert, certStatus, thisUpdate: now, nextUpdate: new Date(now.getTime() + OCSP_LIFETIME_MS) }));
  }
  const basic = new pkijs.BasicOCSPResponse();
  basic.tbsResponseData.responderID = new asn1js.OctetString({ valueHex: ca.keyHashSha1 });
  basic.tbsResponseData.producedAt = now;
  basic.tbsResponseData.responses = responses;
  const nonce = request.tbsRequest.requestExtensions?.find((e) => e.extnID === OCSP_NONCE);
  if (nonce) basic.tbsResponseData.responseExtensions = [new pkijs.Extension({ extnID: OCSP_NONCE, extnValue: toArrayBuffer(new Uint8Array(nonce.extnValue.valueBlock.valueHexView)) })];
  await basic.sign(await importSigningKey(authority.privateKey), 'SHA-256', cryptoEngine);
  return new Uint8Array(
    new pkijs.OCSPResponse({
      responseStatus: new asn1js.Enumerated({ value: 0 }),
      responseBytes: new pkijs.ResponseBytes({ responseType: OCSP_BASIC, response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }) }),
    })
      .toSchema()
      .toBER(false),
  );
}
