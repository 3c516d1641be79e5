// A test My Number Card as a reader sees it: per JPKI application (signature, authentication) it
// offers only reading the certificate and signing a DigestInfo with the PIN. Wrong PINs count down
// and lock the application, as on the real card; the private keys never leave it.
import { constants, createPrivateKey, privateEncrypt } from 'node:crypto';
import { decodeDigestInfo } from './digest-info.ts';
import { badDigestInfo, cardNotFound, pinIncorrect, pinLocked } from './errors.ts';
import { isPinCorrect, PIN_TRIES } from './pin.ts';
import type { Purpose, TestPkiStore } from './test-pki-store.ts';

export interface CardApplication {
  readCertificate(): Promise<Uint8Array>;
  /** RSA PKCS#1 v1.5 signature of the DigestInfo, after the PIN; throws signatures.pin_incorrect / pin_locked. */
  sign(digestInfo: Uint8Array, pin: string): Promise<Uint8Array>;
}

export interface TestCard {
  readonly id: string;
  readonly signature: CardApplication;
  readonly authentication: CardApplication;
}

export async function openTestCard(options: { store: TestPkiStore; id: string }): Promise<TestCard> {
  const { store, id } = options;
  if (!(await store.findCard(id))) throw cardNotFound();
  const application = (purpose: Purpose): CardApplication => ({
    async readCertificate() {
      const card = await store.findCard(id);
      if (!card) throw cardNotFound();
      const found = await store.findCertificate(purpose, purpose === 'signature' ? card.signatureSerial : card.authenticationSerial);
      if (!found) throw cardNotFound();
      return found.certificate;
    },
    async sign(digestInfo, pin) {
      const card = await store.findCard(id);
      if (!card) throw cardNotFound();
      const retriesLeft = purpose === 'signature' ? card.signatureRetriesLeft : card.authenticationRetriesLeft;
      if (retriesLeft <= 0) throw pinLocked(purpose);
      const correct = await isPinCorrect(pin, purpose === 'signature' ? card.signaturePinHash : card.authenticationPinHash);
      if (!correct) {
        const left = await store.recordPinFailure(id, purpose);
        throw left <= 0 ? pinLocked(purpose) : pinIncorrect(purpose, left);
      }
      if (retriesLeft < PIN_TRIES[purpose]) await store.resetPinRetries(id, purpose, PIN_TRIES[purpose]);
      if (!decodeDigestInfo(digestInfo)) throw badDigestInfo('expected a DER DigestInfo with a known hash');
      const key = createPrivateKey({ key: Buffer.from(purpose === 'signature' ? card.signatureKey : card.authenticationKey), format: 'der', type: 'pkcs8' });
      // privateEncrypt with PKCS#1 v1.5 padding is exactly the card's operation: EMSA-PKCS1-v1_5 over
      // the given DigestInfo, then RSASP1.
      return new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo));
    },
  });
  return { id, signature: application('signature'), authentication: application('authentication') };
}
