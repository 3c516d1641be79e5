// Life events of a card, as JPKI handles them:
// - a change of name or address makes the signature certificate wrong: it is revoked with reason
//   affiliationChanged and a new one is issued; the authentication certificate, which carries no
//   personal data, stays valid;
// - renewal issues new keys and certificates for both purposes and revokes the old ones as superseded.
import { issueTestCertificate, type TestPkiUrls } from './issue-test-card.ts';
import { revokeTestCertificate } from './revoke-test-certificate.ts';
import { basicFourFrom, type BasicFourInput } from './jpki-profile.ts';
import { readCertificateInfo } from './certificate-info.ts';
import { cardNotFound } from './errors.ts';
import { PURPOSES, type TestPkiStore } from './test-pki-store.ts';

/** The card and the basic four items of its current signature certificate. */
async function currentCard(store: TestPkiStore, id: string) {
  const card = await store.findCard(id);
  if (!card) throw cardNotFound();
  const current = await store.findCertificate('signature', card.signatureSerial);
  const items = current && basicFourFrom(readCertificateInfo(current.certificate).otherNames);
  if (!items) throw cardNotFound();
  return { card, items };
}

export async function changeTestCardResident(
  options: TestPkiUrls & { store: TestPkiStore; id: string; changes: Partial<Pick<BasicFourInput, 'name' | 'address'>>; now?: Date },
): Promise<{ signatureCertificate: Uint8Array; revokedSerial: string }> {
  const { store, id } = options;
  const now = options.now ?? new Date();
  const { card, items } = await currentCard(store, id);
  const resident: BasicFourInput = {
    ...items,
    ...options.changes,
    // Substitute positions describe the old strings; recompute for changed ones.
    ...(options.changes.name ? { nameSubstitute: undefined } : {}),
    ...(options.changes.address ? { addressSubstitute: undefined } : {}),
  };
  const issued = await issueTestCertificate({ store, purpose: 'signature', resident, cardId: id, now, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) });
  await store.replaceCardKey(id, 'signature', issued.privateKey, issued.serial);
  await revokeTestCertificate({ store, purpose: 'signature', serial: card.signatureSerial, reason: 'affiliationChanged', at: now });
  return { signatureCertificate: issued.certificate, revokedSerial: card.signatureSerial };
}

export async function renewTestCard(options: TestPkiUrls & { store: TestPkiStore; id: string; now?: Date }): Promise<void> {
  const { store, id } = options;
  const now = options.now ?? new Date();
  const { card, items } = await currentCard(store, id);
  for (const purpose of PURPOSES) {
    const oldSerial = purpose === 'signature' ? card.signatureSerial : card.authenticationSerial;
    const issued = await issueTestCertificate({ store, purpose, resident: items, cardId: id, now, ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}) });
    await store.replaceCardKey(id, purpose, issued.privateKey, issued.serial);
    await revokeTestCertificate({ store, purpose, serial: oldSerial, reason: 'superseded', at: now });
  }
}
