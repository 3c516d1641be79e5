// A signature as a caller hands it in: a whole CMS SignedData (a client that builds CMS itself), or
// the pieces of the card flow — the signed attributes the server prepared, the card's signature value
// and the signer certificate — which the server assembles into the CMS (as at login).
import { isAppError } from '../../platform/errors.ts';
import { completeSignature, prepareSignature } from '../signatures/index.ts';
import { AppError } from '../../platform/errors.ts';
import { signatureRefused } from './signature-verifier.ts';

export type SignatureInput = { cms: Uint8Array } | { signedAttributes: Uint8Array; signatureValue: Uint8Array; certificate: Uint8Array };

export function assembleSignature(input: SignatureInput): Uint8Array {
  if ('cms' in input) return input.cms;
  try {
    return completeSignature(
      { signedAttributes: input.signedAttributes, digestInfo: new Uint8Array(0), digestAlgorithm: 'sha256', signerCertificate: input.certificate },
      input.signatureValue,
    );
  } catch (error) {
    if (isAppError(error)) throw signatureRefused({ indication: 'TOTAL_FAILED', subIndication: 'SIG_CRYPTO_FAILURE' });
    throw signatureRefused({ indication: 'TOTAL_FAILED', subIndication: 'FORMAT_FAILURE' });
  }
}

/** What the card signs for this content: the CAdES-BES signed attributes and their DigestInfo. */
export function prepareToBeSigned(content: Uint8Array, certificate: Uint8Array): { signedAttributes: Uint8Array; digestInfo: Uint8Array } {
  try {
    const prepared = prepareSignature({ content, signerCertificate: certificate });
    return { signedAttributes: prepared.signedAttributes, digestInfo: prepared.digestInfo };
  } catch (error) {
    throw new AppError('applications.bad_certificate', 'bad_request', 'The certificate could not be read: send the DER signature certificate in base64.', {
      ja: '電子証明書を読み取れませんでした。署名用電子証明書（DER）を base64 で送信してください。',
      cause: error,
    });
  }
}
