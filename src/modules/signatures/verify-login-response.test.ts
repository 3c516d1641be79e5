// Login with the authentication certificate: challenge–response, single use, purpose and revocation.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestPkiFixture, AUTHENTICATION_PIN, SIGNATURE_PIN, type TestPkiFixture } from './test-fixtures.ts';
import { createMemoryLoginChallengeStore } from './login-challenge-store.ts';
import { issueLoginChallenge } from './issue-login-challenge.ts';
import { verifyLoginResponse } from './verify-login-response.ts';
import { revokeTestCertificate } from './revoke-test-certificate.ts';
import { readCertificateInfo } from './certificate-info.ts';
import type { TrustContext } from './trust-context.ts';

const audience = 'https://onestop.example.jp';

describe('login with the authentication certificate', () => {
  let pki: TestPkiFixture;
  let context: TrustContext;
  before(async () => {
    pki = await createTestPkiFixture();
    context = await pki.context('authentication');
  });

  async function respond(card = pki.card, options: { purpose?: 'signature' | 'authentication'; audienceSigned?: string } = {}) {
    const store = createMemoryLoginChallengeStore();
    const challenge = await issueLoginChallenge({ store, audience: options.audienceSigned ?? audience });
    const purpose = options.purpose ?? 'authentication';
    const signature = await card[purpose].sign(challenge.digestInfo, purpose === 'authentication' ? AUTHENTICATION_PIN : SIGNATURE_PIN);
    const certificate = await card[purpose].readCertificate();
    return { store, challenge, signature, certificate, verify: () => verifyLoginResponse({ store, context, audience, nonce: challenge.nonce, certificate, signature }) };
  }

  it('returns the stable identity of the certificate, and the same one next time', async () => {
    const first = await (await respond()).verify();
    const second = await (await respond()).verify();
    assert.equal(first.identity.certificateId, second.identity.certificateId);
    assert.equal(first.identity.serialNumber, readCertificateInfo(await pki.card.authentication.readCertificate()).serial);
    assert.ok(first.revocation.some((r) => r.status === 'good'));
  });

  it('accepts a nonce once only', async () => {
    const attempt = await respond();
    await attempt.verify();
    await assert.rejects(attempt.verify(), /used or expired/);
  });

  it('refuses an expired challenge', async () => {
    const store = createMemoryLoginChallengeStore();
    const challenge = await issueLoginChallenge({ store, audience, lifetimeSeconds: 1, now: new Date(Date.now() - 10_000) });
    const signature = await pki.card.authentication.sign(challenge.digestInfo, AUTHENTICATION_PIN);
    const certificate = await pki.card.authentication.readCertificate();
    await assert.rejects(verifyLoginResponse({ store, context, audience, nonce: challenge.nonce, certificate, signature }), /used or expired/);
  });

  it('refuses a signature made for another site', async () => {
    await assert.rejects((await respond(pki.card, { audienceSigned: 'https://evil.example' })).verify(), /does not verify/);
  });

  it('refuses the signature certificate (purposes never swapped)', async () => {
    await assert.rejects((await respond(pki.card, { purpose: 'signature' })).verify(), /NO_CERTIFICATE_CHAIN_FOUND/);
  });

  it('refuses a revoked authentication certificate', async () => {
    const card = await pki.issueCard();
    const serial = readCertificateInfo(await card.authentication.readCertificate()).serial;
    await revokeTestCertificate({ store: pki.store, purpose: 'authentication', serial, reason: 'keyCompromise' });
    const fresh = await pki.context('authentication');
    const attempt = await respond(card);
    await assert.rejects(verifyLoginResponse({ store: attempt.store, context: fresh, audience, nonce: attempt.challenge.nonce, certificate: attempt.certificate, signature: attempt.signature }), /REVOKED/);
  });
});
