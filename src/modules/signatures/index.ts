// The signatures module (issue 3, §3.1 login, §3.6 signatures, R3, R4): the test My Number Card and
// its PKI, CMS/CAdES-BES signing with a card, the validation engine and its worker pool, and login
// with the authentication certificate. Other modules import only from here.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { createDbTestPkiStore } from './repository.ts';
import { registerTestCardPages } from './pages.tsx';
import { testPkiRoutes } from './routes.ts';

export interface SignaturesPluginOptions {
  db: Db;
  /** Demo and tests: let the browser use test cards through /pki/test/cards/… */
  exposeTestCards?: boolean;
}

/** Serves the test PKI: /pki/test/{purpose}.pem, /pki/test/{purpose}.crl, POST /pki/test/{purpose}/ocsp. */
export const signaturesPlugin: FastifyPluginAsync<SignaturesPluginOptions> = async (app, options) => {
  const store = createDbTestPkiStore(options.db);
  await app.register(testPkiRoutes, { store, exposeTestCards: options.exposeTestCards ?? false });
  if (options.exposeTestCards) registerTestCardPages(app, store);
};
export default signaturesPlugin;

// Stores
export { createDbTestPkiStore, createDbLoginChallengeStore } from './repository.ts';
export { createMemoryTestPkiStore, PURPOSES, type Purpose, type RevocationReason, type TestPkiStore } from './test-pki-store.ts';
export { createMemoryLoginChallengeStore, type LoginChallengeStore } from './login-challenge-store.ts';

// Test PKI and test cards
export { ensureTestAuthority } from './ensure-test-authority.ts';
export { issueTestCard, type IssueTestCardOptions, type IssuedTestCard } from './issue-test-card.ts';
export { openTestCard, type TestCard, type CardApplication } from './open-test-card.ts';
export { revokeTestCertificate } from './revoke-test-certificate.ts';
export { changeTestCardResident, renewTestCard } from './update-test-card.ts';
export { publishTestCrl } from './publish-test-crl.ts';
export { answerTestOcsp } from './answer-test-ocsp.ts';
export { PIN_TRIES } from './pin.ts';
export type { BasicFourItems, BasicFourInput, Sex } from './jpki-profile.ts';

// Signing
export { buildSignedContent, digestAttachment, findUncoveredAttachments, type AttachmentInput, type AttachmentDigest } from './build-signed-content.ts';
export { prepareSignature, type PreparedSignature } from './prepare-signature.ts';
export { completeSignature } from './complete-signature.ts';
export { signWithTestCard } from './sign-with-test-card.ts';

// Validation
export { createTrustContext, TrustContext, type TrustContextOptions, type OcspSource } from './trust-context.ts';
export { validateSignature, type ValidateSignatureInput } from './validate-signature.ts';
export { createSignatureVerifier, type SignatureVerifier, type SignatureVerifierOptions, type VerifyInput } from './create-signature-verifier.ts';
export { DEFAULT_POLICY, resolvePolicy, type ValidationPolicy } from './validation-policy.ts';
export type { ValidationReport, Indication, SubIndication, Check, RevocationEvidence, SignerSummary } from './validation-report.ts';

// The link between a card's authentication and signature certificates (J-LIS 紐付け, R17)
export { certificateRefOf, certificateSubjectOf, type CertificateLink, type CertificateLinkQuery, type CertificateLinkService, type CertificateRef } from './certificate-links.ts';
export { createTestPkiLinks } from './create-test-pki-links.ts';

// Login
export { issueLoginChallenge, type LoginChallenge } from './issue-login-challenge.ts';
export { verifyLoginResponse, type CertificateIdentity, type LoginResult } from './verify-login-response.ts';

// Command line
export { signatureCommands } from './cli.ts';
