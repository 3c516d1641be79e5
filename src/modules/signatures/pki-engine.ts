// The one bridge between PKI.js and node:crypto. PKI.js signs through WebCrypto; node:crypto provides it.
import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';

type SignParameters = Parameters<pkijs.Certificate['sign']>;

export const cryptoEngine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as ConstructorParameters<typeof pkijs.CryptoEngine>[0]['crypto'] });

/** A PKCS#8 RSA private key as a WebCrypto signing key (RSASSA-PKCS1-v1_5) in the form PKI.js takes. */
export async function importSigningKey(pkcs8: Uint8Array, hash: 'SHA-256' | 'SHA-1' = 'SHA-256'): Promise<SignParameters[0]> {
  const key = await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
  return key as unknown as SignParameters[0];
}
