// Every sub-indication of the engine, from a test PKI made at test time (issue 3 §8).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, sign } from 'node:crypto';
import { createTestPkiFixture, RESIDENT, SIGNATURE_PIN, type TestPkiFixture } from './test-fixtures.ts';
import { validateSignature } from './validate-signature.ts';
import { createTrustContext } from './trust-context.ts';
import { prepareSignature } from './prepare-signature.ts';
import { completeSignature } from './complete-signature.ts';
import { buildCertificate } from './build-certificate.ts';
import { generateRsaKeyPair } from './ensure-test-authority.ts';
import { issueTestCertificate } from './issue-test-card.ts';
import { revokeTestCertificate } from './revoke-test-certificate.ts';
import { answerTestOcsp } from './answer-test-ocsp.ts';
import { readCertificateInfo } from './certificate-info.ts';
import { JPKI_POLICY_SIGNATURE } from './oids.ts';
import type { ValidationReport } from './validation-report.ts';

const content = new TextEncoder().encode('{"attachments":[],"procedure":"児童手当等の現況届"}');
const HOUR = 3600_000;
let pki: TestPkiFixture;

before(async () => {
  pki = await createTestPkiFixture();
});

function expectResult(report: ValidationReport, indication: string, subIndication: string | null): void {
  assert.equal(report.indication, indication, JSON.stringify(report.checks, null, 1));
  assert.equal(report.subIndication, subIndication, JSON.stringify(report.checks, null, 1));
}

/** Signs the digest of prepared attributes with a raw key: certificates the test CA would not issue. */
function signWithKey(prepared: ReturnType<typeof prepareSignature>, pkcs8: Uint8Array): Uint8Array {
  return new Uint8Array(sign(prepared.digestAlgorithm, prepared.signedAttributes, createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' })));
}

describe('validateSignature', () => {
  it('passes a card signature and reports signer, revocation evidence and the basic four items', async () => {
    const report = await validateSignature({ content, signature: await pki.sign(content), context: await pki.context('signature') });
    expectResult(report, 'TOTAL_PASSED', null);
    assert.equal(report.basicFour?.name, RESIDENT.name);
    assert.equal(report.basicFour?.dateOfBirth, '1990-01-02');
    assert.equal(report.basicFour?.sex, 'female');
    assert.equal(report.basicFour?.address, RESIDENT.address);
    assert.equal(report.signer?.serialNumber, readCertificateInfo(await pki.card.signature.readCertificate()).serial);
    assert.equal(report.signedAttributes?.signingCertificateV2, 'matched');
    assert.deepEqual(report.revocation.map((r) => [r.source, r.status]), [['crl', 'good']]);
    const ids = report.checks.map((c) => c.id).sort();
    for (const id of ['format', 'signing-certificate', 'message-digest', 'signature-value', 'certificate-chain', 'chain-constraints', 'validity-period', 'revocation', 'crypto-constraints', 'signed-attributes']) {
      assert.ok(ids.includes(id as never), `check ${id} ran`);
    }
    assert.ok(report.checks.every((c) => c.result === 'passed'));
  });

  it('FORMAT_FAILURE for bytes that are not a SignedData', async () => {
    const context = await pki.context('signature');
    expectResult(await validateSignature({ content, signature: new TextEncoder().encode('not a signature'), context }), 'TOTAL_FAILED', 'FORMAT_FAILURE');
    const good = await pki.sign(content);
    expectResult(await validateSignature({ content, signature: good.subarray(0, good.length - 20), context }), 'TOTAL_FAILED', 'FORMAT_FAILURE');
  });

  it('HASH_FAILURE when the content changed after signing', async () => {
    const signature = await pki.sign(content);
    const tampered = new TextEncoder().encode('{"attachments":[],"procedure":"児童手当等の現況届 "}');
    expectResult(await validateSignature({ content: tampered, signature, context: await pki.context('signature') }), 'TOTAL_FAILED', 'HASH_FAILURE');
  });

  it('SIG_CRYPTO_FAILURE when the signature value is damaged', async () => {
    const signature = new Uint8Array(await pki.sign(content));
    signature[signature.length - 1]! ^= 0x01;
    expectResult(await validateSignature({ content, signature, context: await pki.context('signature') }), 'TOTAL_FAILED', 'SIG_CRYPTO_FAILURE');
  });

  it('NO_SIGNING_CERTIFICATE_FOUND when the signer certificate is not embedded or not the one signed for', async () => {
    const certificate = await pki.card.signature.readCertificate();
    const prepared = prepareSignature({ content, signerCertificate: certificate });
    const value = await pki.card.signature.sign(prepared.digestInfo, SIGNATURE_PIN);
    const context = await pki.context('signature');
    expectResult(await validateSignature({ content, signature: completeSignature(prepared, value, []), context }), 'INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND');
    const other = await pki.issueCard({ name: '別人　次郎' });
    const otherCert = await other.signature.readCertificate();
    const swapped = completeSignature(prepared, value, [otherCert]);
    expectResult(await validateSignature({ content, signature: swapped, context }), 'INDETERMINATE', 'NO_SIGNING_CERTIFICATE_FOUND');
  });

  it('NO_CERTIFICATE_CHAIN_FOUND against the other purpose\'s anchors or a foreign CA', async () => {
    const signature = await pki.sign(content);
    const authContext = createTrustContext({ purpose: 'authentication', trustAnchors: [pki.anchors.authentication], crls: [await pki.crl('authentication')] });
    expectResult(await validateSignature({ content, signature, context: authContext }), 'INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND');
    const foreign = await createTestPkiFixture();
    const foreignContext = await foreign.context('signature');
    expectResult(await validateSignature({ content, signature, context: foreignContext }), 'INDETERMINATE', 'NO_CERTIFICATE_CHAIN_FOUND');
  });

  it('CHAIN_CONSTRAINTS_FAILURE when an authentication certificate signs (purposes never swapped)', async () => {
    const certificate = await pki.card.authentication.readCertificate();
    const prepared = prepareSignature({ content, signerCertificate: certificate });
    const signature = completeSignature(prepared, await pki.card.authentication.sign(prepared.digestInfo, '1234'));
    // Even a misconfigured context that trusts both CAs refuses it for signing.
    const context = createTrustContext({
      purpose: 'signature',
      trustAnchors: [pki.anchors.signature, pki.anchors.authentication],
      crls: [await pki.crl('signature'), await pki.crl('authentication')],
    });
    const report = await validateSignature({ content, signature, context });
    expectResult(report, 'INDETERMINATE', 'CHAIN_CONSTRAINTS_FAILURE');
    assert.match(report.checks.find((c) => c.id === 'chain-constraints')!.detail!, /nonRepudiation|purpose/);
  });

  it('CHAIN_CONSTRAINTS_FAILURE when the issuer is not a CA (basicConstraints)', async () => {
    const caKeys = await generateRsaKeyPair();
    const now = Date.now();
    const anchor = await buildCertificate({
      subject: [{ type: 'CN', value: 'TEST not-a-CA' }],
      publicKey: caKeys.publicKey,
      signingKey: caKeys.privateKey,
      notBefore: new Date(now - HOUR),
      notAfter: new Date(now + 1000 * HOUR),
    });
    const keys = await generateRsaKeyPair();
    const ee = await buildCertificate({
      subject: [{ type: 'CN', value: 'TEST signer' }],
      publicKey: keys.publicKey,
      issuer: { certificate: anchor },
      signingKey: caKeys.privateKey,
      notBefore: new Date(now - HOUR),
      notAfter: new Date(now + 100 * HOUR),
      isCa: false,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      policies: [JPKI_POLICY_SIGNATURE],
    });
    const prepared = prepareSignature({ content, signerCertificate: ee });
    const signature = completeSignature(prepared, signWithKey(prepared, keys.privateKey));
    const report = await validateSignature({ content, signature, context: createTrustContext({ purpose: 'signature', trustAnchors: [anchor] }) });
    expectResult(report, 'INDETERMINATE', 'CHAIN_CONSTRAINTS_FAILURE');
    assert.match(report.checks.find((c) => c.id === 'chain-constraints')!.detail!, /not a CA/);
  });

  it('REVOKED for a compromised key, with the CRL entry as evidence', async () => {
    const card = await pki.issueCard({ name: '失効　一郎' });
    const cert = readCertificateInfo(await card.signature.readCertificate());
    await revokeTestCertificate({ store: pki.store, purpose: 'signature', serial: cert.serial, reason: 'keyCompromise', at: new Date(Date.now() - 60_000) });
    const signature = await pki.sign(content, { card });
    const report = await validateSignature({ content, signature, context: await pki.context('signature') });
    expectResult(report, 'TOTAL_FAILED', 'REVOKED');
    assert.equal(report.revocation[0]?.status, 'revoked');
    assert.equal(report.revocation[0]?.reason, 'keyCompromise');
  });

  it('uses revocation dates: a signature that provably existed before a move (affiliationChanged) stays valid', async () => {
    const card = await pki.issueCard({ name: '転居　花子' }, new Date(Date.now() - HOUR));
    const signedAt = new Date(Date.now() - 10 * 60_000);
    const signature = await pki.sign(content, { card, signingTime: signedAt });
    const cert = readCertificateInfo(await card.signature.readCertificate());
    await revokeTestCertificate({ store: pki.store, purpose: 'signature', serial: cert.serial, reason: 'affiliationChanged', at: new Date(Date.now() - 5 * 60_000) });
    const context = await pki.context('signature');
    // Arrival recorded before the revocation (R1) is proof of existence.
    expectResult(await validateSignature({ content, signature, context, proofOfExistence: new Date(signedAt.getTime() + 1000) }), 'TOTAL_PASSED', null);
    // Without proof, the claimed signingTime alone cannot save it.
    expectResult(await validateSignature({ content, signature, context }), 'INDETERMINATE', 'REVOKED_NO_POE');
    // Validated as of a time before the revocation, it passes.
    expectResult(await validateSignature({ content, signature, context, validationTime: new Date(Date.now() - 7 * 60_000) }), 'TOTAL_PASSED', null);
    // Signed (by its own claim) after the revocation: REVOKED.
    const late = await pki.sign(content, { card });
    expectResult(await validateSignature({ content, signature: late, context }), 'TOTAL_FAILED', 'REVOKED');
  });

  it('OUT_OF_BOUNDS_NO_POE and EXPIRED for a certificate past its 5th-birthday end', async () => {
    const issuedAt = new Date(Date.now() - 6 * 365 * 24 * HOUR);
    const card = await pki.issueCard({ name: '期限　切子' }, issuedAt);
    const cert = readCertificateInfo(await card.signature.readCertificate());
    assert.ok(cert.notAfter.getTime() < Date.now());
    const context = await pki.context('signature');
    const inTime = await pki.sign(content, { card, signingTime: new Date(cert.notAfter.getTime() - 24 * HOUR) });
    expectResult(await validateSignature({ content, signature: inTime, context }), 'INDETERMINATE', 'OUT_OF_BOUNDS_NO_POE');
    expectResult(await validateSignature({ content, signature: inTime, context, proofOfExistence: new Date() }), 'TOTAL_FAILED', 'EXPIRED');
    const afterEnd = await pki.sign(content, { card });
    expectResult(await validateSignature({ content, signature: afterEnd, context }), 'TOTAL_FAILED', 'EXPIRED');
  });

  it('NOT_YET_VALID before the certificate\'s validity starts', async () => {
    const signature = await pki.sign(content, { signingTime: new Date(Date.now() - 2 * HOUR) });
    const report = await validateSignature({ content, signature, context: await pki.context('signature'), validationTime: new Date(Date.now() - HOUR) });
    expectResult(report, 'TOTAL_FAILED', 'NOT_YET_VALID');
  });

  it('CRYPTO_CONSTRAINTS_FAILURE for SHA-1 and for RSA below 2048 bits', async () => {
    const context = await pki.context('signature');
    const sha1 = await pki.sign(content, { digestAlgorithm: 'sha1' });
    const report = await validateSignature({ content, signature: sha1, context });
    expectResult(report, 'INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE');
    assert.match(report.checks.find((c) => c.id === 'crypto-constraints')!.detail!, /sha1/);
    const keys = await generateRsaKeyPair(1024);
    const weak = await issueTestCertificate({ store: pki.store, purpose: 'signature', resident: RESIDENT, cardId: null, now: new Date(), keys });
    const prepared = prepareSignature({ content, signerCertificate: weak.certificate });
    const signature = completeSignature(prepared, signWithKey(prepared, keys.privateKey));
    const weakReport = await validateSignature({ content, signature, context: await pki.context('signature') });
    expectResult(weakReport, 'INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE');
    assert.match(weakReport.checks.find((c) => c.id === 'crypto-constraints')!.detail!, /RSA-1024/);
  });

  it('CRYPTO_CONSTRAINTS_FAILURE_NO_POE after the RSA-2048 cut-off unless the signature existed before it', async () => {
    const signature = await pki.sign(content);
    const cutOff = new Date(Date.now() - 60_000).toISOString();
    const context = await pki.context('signature', { policy: { rsa2048CutOff: cutOff } });
    expectResult(await validateSignature({ content, signature, context }), 'INDETERMINATE', 'CRYPTO_CONSTRAINTS_FAILURE_NO_POE');
  });

  it('SIG_CONSTRAINTS_FAILURE for a signingTime beyond the allowed clock skew', async () => {
    const signature = await pki.sign(content, { signingTime: new Date(Date.now() + HOUR) });
    expectResult(await validateSignature({ content, signature, context: await pki.context('signature') }), 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE');
    const withinSkew = await pki.sign(content, { signingTime: new Date(Date.now() + 60_000) });
    expectResult(await validateSignature({ content, signature: withinSkew, context: await pki.context('signature') }), 'TOTAL_PASSED', null);
  });

  it('SIG_CONSTRAINTS_FAILURE when the policy requires signingCertificateV2 and it is missing', async () => {
    const signature = await pki.sign(content, { omitSigningCertificate: true });
    expectResult(await validateSignature({ content, signature, context: await pki.context('signature') }), 'TOTAL_PASSED', null);
    const strict = await pki.context('signature', { policy: { requireSigningCertificateAttribute: true } });
    expectResult(await validateSignature({ content, signature, context: strict }), 'INDETERMINATE', 'SIG_CONSTRAINTS_FAILURE');
  });

  describe('TRY_LATER: missing or stale revocation data is never taken as good', () => {
    it('without any CRL or OCSP', async () => {
      const context = createTrustContext({ purpose: 'signature', trustAnchors: [pki.anchors.signature] });
      const report = await validateSignature({ content, signature: await pki.sign(content), context });
      expectResult(report, 'INDETERMINATE', 'TRY_LATER');
      assert.deepEqual(report.revocation, []);
    });

    it('with a CRL past its nextUpdate', async () => {
      const signature = await pki.sign(content);
      const report = await validateSignature({ content, signature, context: await pki.context('signature'), validationTime: new Date(Date.now() + 30 * HOUR) });
      expectResult(report, 'INDETERMINATE', 'TRY_LATER');
      assert.match(report.checks.find((c) => c.id === 'revocation')!.detail!, /stale/);
    });

    it('with a CRL from the wrong CA, or an unreachable OCSP responder', async () => {
      const signature = await pki.sign(content);
      const wrong = createTrustContext({ purpose: 'signature', trustAnchors: [pki.anchors.signature], crls: [await pki.crl('authentication')] });
      expectResult(await validateSignature({ content, signature, context: wrong }), 'INDETERMINATE', 'TRY_LATER');
      const down = createTrustContext({
        purpose: 'signature',
        trustAnchors: [pki.anchors.signature],
        ocsp: { transport: async () => { throw new Error('connection refused'); } },
      });
      expectResult(await validateSignature({ content, signature, context: down }), 'INDETERMINATE', 'TRY_LATER');
    });
  });

  describe('OCSP', () => {
    const ocspContext = () =>
      createTrustContext({
        purpose: 'signature',
        trustAnchors: [pki.anchors.signature],
        ocsp: { transport: (request) => answerTestOcsp({ store: pki.store, purpose: 'signature', request }) },
      });

    it('passes with a good OCSP answer as evidence', async () => {
      const report = await validateSignature({ content, signature: await pki.sign(content), context: ocspContext() });
      expectResult(report, 'TOTAL_PASSED', null);
      assert.equal(report.revocation[0]?.source, 'ocsp');
      assert.equal(report.revocation[0]?.status, 'good');
    });

    it('REVOKED from an OCSP answer with the revocation reason', async () => {
      const card = await pki.issueCard({ name: '失効　三郎' });
      const cert = readCertificateInfo(await card.signature.readCertificate());
      await revokeTestCertificate({ store: pki.store, purpose: 'signature', serial: cert.serial, reason: 'keyCompromise' });
      const report = await validateSignature({ content, signature: await pki.sign(content, { card }), context: ocspContext() });
      expectResult(report, 'TOTAL_FAILED', 'REVOKED');
      assert.equal(report.revocation[0]?.source, 'ocsp');
      assert.equal(report.revocation[0]?.reason, 'keyCompromise');
    });

    it('TRY_LATER when the answer is signed by another CA', async () => {
      const other = await createTestPkiFixture();
      const context = createTrustContext({
        purpose: 'signature',
        trustAnchors: [pki.anchors.signature],
        ocsp: { transport: (request) => answerTestOcsp({ store: other.store, purpose: 'signature', request }) },
      });
      expectResult(await validateSignature({ content, signature: await pki.sign(content), context }), 'INDETERMINATE', 'TRY_LATER');
    });
  });
});

after(() => {});
