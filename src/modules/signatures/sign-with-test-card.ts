// The whole signing flow with a test card in one call (CLI, demo seeding, tests of other modules):
// the server prepares the signed attributes, the card signs their DigestInfo after its PIN, the
// server completes the CMS.
import { completeSignature } from './complete-signature.ts';
import type { TestCard } from './open-test-card.ts';
import { prepareSignature } from './prepare-signature.ts';

export async function signWithTestCard(options: { card: TestCard; content: Uint8Array; pin: string; signingTime?: Date }): Promise<Uint8Array> {
  const prepared = prepareSignature({
    content: options.content,
    signerCertificate: await options.card.signature.readCertificate(),
    ...(options.signingTime ? { signingTime: options.signingTime } : {}),
  });
  return completeSignature(prepared, await options.card.signature.sign(prepared.digestInfo, options.pin));
}
