// Asks an OCSP responder (RFC 6960) about one certificate and checks the answer: signed by the issuing
// CA itself, about this certificate, with our nonce when we sent one, and fresh. An answer that fails
// any of these is no answer: the engine reports TRY_LATER rather than assume "good".
import { createHash, randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { CertificateInfo } from './certificate-info.ts';
import { isSignatureFrom, type OcspSource } from './trust-context.ts';
import { OCSP_BASIC, OCSP_NONCE, SHA1 } from './oids.ts';
import { serialHex, toArrayBuffer, toHex } from './encoding.ts';
import { REASON_NAMES } from './test-pki-store.ts';
import type { RevocationEvidence } from './validation-report.ts';

export function buildOcspRequest(certificate: CertificateInfo, issuer: CertificateInfo, nonce: Uint8Array): Uint8Array {
  const request = new pkijs.OCSPRequest();
  request.tbsRequest.requestList = [
    new pkijs.Request({
      reqCert: new pkijs.CertID({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: SHA1, algorithmParams: new asn1js.Null() }),
        issuerNameHash: new asn1js.OctetString({ valueHex: createHash('sha1').update(issuer.subjectNameDer).digest() }),
        issuerKeyHash: new asn1js.OctetString({ valueHex: issuer.keyHashSha1 }),
        serialNumber: new asn1js.Integer({ valueHex: certificate.serialBytes }),
      }),
    }),
  ];
  request.tbsRequest.requestExtensions = [
    new pkijs.Extension({ extnID: OCSP_NONCE, extnValue: new asn1js.OctetString({ valueHex: nonce }).toBER(false) }),
  ];
  return new Uint8Array(request.toSchema(true).toBER(false));
}

async function send(source: OcspSource, request: Uint8Array): Promise<Uint8Array> {
  if (source.transport) return source.transport(request);
  if (!source.url) throw new Error('no OCSP responder configured');
  const response = await fetch(source.url, {
    method: 'POST',
    headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' },
    body: request,
    signal: AbortSignal.timeout(source.timeoutMs ?? 5000),
  });
  if (!response.ok) throw new Error(`OCSP responder answered HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export type OcspOutcome = { ok: true; evidence: RevocationEvidence; nextUpdate: Date | null } | { ok: false; problem: string };

export async function checkOcspStatus(options: {
  source: OcspSource;
  certificate: CertificateInfo;
  issuer: CertificateInfo;
  validationTime: Date;
  now: Date;
}): Promise<OcspOutcome> {
  const { source, certificate, issuer } = options;
  const nonce = new Uint8Array(randomBytes(16));
  let der: Uint8Array;
  try {
    der = await send(source, buildOcspRequest(certificate, issuer, nonce));
  } catch (error) {
    return { ok: false, problem: `OCSP responder unreachable: ${(error as Error).message}` };
  }
  try {
    const response = pkijs.OCSPResponse.fromBER(toArrayBuffer(der));
    const status = response.responseStatus.valueBlock.valueDec;
    if (status !== 0) return { ok: false, problem: `OCSP responder status ${status}` };
    if (!response.responseBytes || response.responseBytes.responseType !== OCSP_BASIC) return { ok: false, problem: 'OCSP response is not basic' };
    const basicDer = new Uint8Array(response.responseBytes.response.valueBlock.valueHexView);
    const basicAsn1 = asn1js.fromBER(basicDer).result as asn1js.Sequence;
    const basic = new pkijs.BasicOCSPResponse({ schema: basicAsn1 });
    const tbs = new Uint8Array(basicAsn1.valueBlock.value[0]!.valueBeforeDecodeView);
    // Only the issuing CA itself may answer (JPKI-style; delegated responders are not accepted).
    const responder = basic.tbsResponseData.responderID;
    const byKey = responder instanceof asn1js.OctetString && toHex(responder.valueBlock.valueHexView) === toHex(issuer.keyHashSha1);
    const byName = responder instanceof pkijs.RelativeDistinguishedNames && toHex(new Uint8Array(responder.toSchema().toBER(false))) === issuer.subjectKey;
    if (!byKey && !byName) return { ok: false, problem: 'OCSP response is not from the issuing CA' };
    if (!isSignatureFrom(tbs, basic.signatureAlgorithm.algorithmId, new Uint8Array(basic.signature.valueBlock.valueHexView), issuer)) {
      return { ok: false, problem: 'OCSP response signature does not verify' };
    }
    const nonceExt = basic.tbsResponseData.responseExtensions?.find((e) => e.extnID === OCSP_NONCE);
    if (nonceExt) {
      const echoed = asn1js.fromBER(nonceExt.extnValue.valueBlock.valueHexView).result;
      const value = echoed instanceof asn1js.OctetString ? echoed.valueBlock.valueHexView : nonceExt.extnValue.valueBlock.valueHexView;
      if (toHex(value) !== toHex(nonce)) return { ok: false, problem: 'OCSP nonce mismatch (replayed answer?)' };
    }
    const single = basic.tbsResponseData.responses.find(
      (r) =>
        serialHex(new Uint8Array(r.certID.serialNumber.valueBlock.valueHexView)) === certificate.serial &&
        toHex(r.certID.issuerKeyHash.valueBlock.valueHexView) === toHex(issuer.keyHashSha1),
    );
    if (!single) return { ok: false, problem: 'OCSP response does not cover this certificate' };
    const thisUpdate = single.thisUpdate;
    const nextUpdate = single.nextUpdate ?? null;
    if (thisUpdate.getTime() > options.now.getTime() + 5 * 60_000) return { ok: false, problem: 'OCSP response is from the future' };
    if (nextUpdate && nextUpdate < options.validationTime) return { ok: false, problem: 'OCSP response is stale' };
    if (!nextUpdate && options.now.getTime() - thisUpdate.getTime() > 3600_000) return { ok: false, problem: 'OCSP response is stale' };
    const tag = (single.certStatus as asn1js.AsnType).idBlock.tagNumber;
    const evidence: RevocationEvidence = {
      source: 'ocsp',
      serialNumber: certificate.serial,
      issuer: issuer.subject,
      status: tag === 0 ? 'good' : tag === 1 ? 'revoked' : 'unknown',
      thisUpdate: thisUpdate.toISOString(),
      nextUpdate: nextUpdate?.toISOString() ?? null,
      producedAt: basic.tbsResponseData.producedAt.toISOString(),
      ...(source.url ? { url: source.url } : {}),
    };
    if (tag === 1) {
      const parts = (single.certStatus as asn1js.Constructed).valueBlock.value;
      const time = parts[0] as asn1js.GeneralizedTime;
      evidence.revokedAt = time.toDate().toISOString();
      const reasonBlock = (parts[1] as asn1js.Constructed | undefined)?.valueBlock.value[0] as asn1js.Enumerated | undefined;
      const code = reasonBlock ? Number(reasonBlock.valueBlock.valueDec) : 0;
      evidence.reason = REASON_NAMES[code] ?? `reason-${code}`;
    }
    return { ok: true, evidence, nextUpdate };
  } catch (error) {
    return { ok: false, problem: `malformed OCSP response: ${(error as Error).message}` };
  }
}
