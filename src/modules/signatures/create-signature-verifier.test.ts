// The worker pool gives the same reports as in-process validation and picks up new CRLs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestPkiFixture, type TestPkiFixture } from './test-fixtures.ts';
import { createSignatureVerifier, type SignatureVerifier } from './create-signature-verifier.ts';
import { revokeTestCertificate } from './revoke-test-certificate.ts';
import { readCertificateInfo } from './certificate-info.ts';

describe('createSignatureVerifier (worker pool)', () => {
  let pki: TestPkiFixture;
  let verifier: SignatureVerifier;
  const content = new TextEncoder().encode('{"pool":true}');

  before(async () => {
    pki = await createTestPkiFixture();
    verifier = createSignatureVerifier({ purpose: 'signature', trustAnchors: [pki.anchors.signature], crls: [await pki.crl('signature')], workers: 2 });
  });
  after(() => verifier.close());

  it('verifies in worker threads, many at once', async () => {
    const signature = await pki.sign(content);
    const reports = await Promise.all(Array.from({ length: 20 }, (_, i) => verifier.verify({ content: i % 2 ? content : new TextEncoder().encode('{}'), signature })));
    reports.forEach((report, i) => assert.equal(report.subIndication, i % 2 ? null : 'HASH_FAILURE'));
  });

  it('passes validation time and proof of existence through', async () => {
    const signature = await pki.sign(content);
    const report = await verifier.verify({ content, signature, validationTime: new Date(Date.now() + 30 * 3600_000) });
    assert.equal(report.subIndication, 'TRY_LATER');
    const withPoe = await verifier.verify({ content, signature, proofOfExistence: new Date() });
    assert.notEqual(withPoe.proofOfExistence, null);
  });

  it('uses new CRLs after setCrls', async () => {
    const card = await pki.issueCard({ name: '失効　四郎' });
    const signature = await pki.sign(content, { card });
    assert.equal((await verifier.verify({ content, signature })).indication, 'TOTAL_PASSED');
    const serial = readCertificateInfo(await card.signature.readCertificate()).serial;
    await revokeTestCertificate({ store: pki.store, purpose: 'signature', serial, reason: 'keyCompromise' });
    verifier.setCrls([await pki.crl('signature')]);
    assert.equal((await verifier.verify({ content, signature })).subIndication, 'REVOKED');
  });
});
