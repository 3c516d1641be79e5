// Test data for the signatures module, in one place: a test PKI made at test time (no key is ever
// committed), a resident with a test card, and a helper that signs content the way the product does.
import { createMemoryTestPkiStore, type Purpose, type TestPkiStore } from './test-pki-store.ts';
import { ensureTestAuthority } from './ensure-test-authority.ts';
import { issueTestCard } from './issue-test-card.ts';
import { openTestCard, type TestCard } from './open-test-card.ts';
import { prepareSignature } from './prepare-signature.ts';
import { completeSignature } from './complete-signature.ts';
import { publishTestCrl } from './publish-test-crl.ts';
import { createTrustContext, type TrustContext, type TrustContextOptions } from './trust-context.ts';
import type { BasicFourInput } from './jpki-profile.ts';

export const RESIDENT: BasicFourInput = { name: '試験　花子', sex: 'female', dateOfBirth: '1990-01-02', address: '東京都千代田区永田町一丁目7番1号' };
export const SIGNATURE_PIN = 'TEST1234';
export const AUTHENTICATION_PIN = '1234';

export interface TestPkiFixture {
  store: TestPkiStore;
  anchors: Record<Purpose, Uint8Array>;
  cardId: string;
  card: TestCard;
  issueCard(resident?: Partial<BasicFourInput>, now?: Date): Promise<TestCard>;
  sign(content: Uint8Array, options?: { card?: TestCard; signingTime?: Date; digestAlgorithm?: string; omitSigningCertificate?: boolean }): Promise<Uint8Array>;
  crl(purpose: Purpose): Promise<Uint8Array>;
  context(purpose: Purpose, options?: Partial<TrustContextOptions>): Promise<TrustContext>;
}

export async function createTestPkiFixture(): Promise<TestPkiFixture> {
  const store = createMemoryTestPkiStore();
  const [signature, authentication] = await Promise.all([
    ensureTestAuthority({ store, purpose: 'signature' }),
    ensureTestAuthority({ store, purpose: 'authentication' }),
  ]);
  const issueCard = async (resident: Partial<BasicFourInput> = {}, now?: Date) => {
    const issued = await issueTestCard({
      store,
      resident: { ...RESIDENT, ...resident },
      signaturePin: SIGNATURE_PIN,
      authenticationPin: AUTHENTICATION_PIN,
      ...(now ? { now } : {}),
    });
    return openTestCard({ store, id: issued.id });
  };
  const card = await issueCard();
  const fixture: TestPkiFixture = {
    store,
    anchors: { signature: signature.certificate, authentication: authentication.certificate },
    cardId: card.id,
    card,
    issueCard,
    async sign(content, options = {}) {
      const signer = options.card ?? card;
      const prepared = prepareSignature({
        content,
        signerCertificate: await signer.signature.readCertificate(),
        ...(options.signingTime ? { signingTime: options.signingTime } : {}),
        ...(options.digestAlgorithm ? { digestAlgorithm: options.digestAlgorithm } : {}),
        ...(options.omitSigningCertificate ? { omitSigningCertificate: true } : {}),
      });
      return completeSignature(prepared, await signer.signature.sign(prepared.digestInfo, SIGNATURE_PIN));
    },
    crl: (purpose) => publishTestCrl({ store, purpose }),
    async context(purpose, options = {}) {
      return createTrustContext({ purpose, trustAnchors: [fixture.anchors[purpose]], crls: [await fixture.crl(purpose)], ...options });
    },
  };
  return fixture;
}
