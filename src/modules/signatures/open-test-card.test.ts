// The test card behaves like the real one: PIN rules, lockouts, the JPKI certificate profile.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, verify } from 'node:crypto';
import { createTestPkiFixture, AUTHENTICATION_PIN, RESIDENT, SIGNATURE_PIN, type TestPkiFixture } from './test-fixtures.ts';
import { encodeDigestInfo } from './digest-info.ts';
import { readCertificateInfo } from './certificate-info.ts';
import { issueTestCard } from './issue-test-card.ts';
import { encodeDateOfBirth, validityEnd } from './jpki-profile.ts';
import { JPKI_ADDRESS, JPKI_DATE_OF_BIRTH, JPKI_NAME, JPKI_POLICY_AUTHENTICATION, JPKI_POLICY_SIGNATURE, JPKI_SEX } from './oids.ts';
import { isAppError } from '../../platform/errors.ts';

let pki: TestPkiFixture;
before(async () => {
  pki = await createTestPkiFixture();
});

const digestInfo = encodeDigestInfo('sha256', new Uint8Array(createHash('sha256').update('data').digest()));

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAppError(error), String(error));
    assert.equal(error.code, code);
    return error.extra;
  }
  assert.fail(`expected ${code}`);
}

describe('test card', () => {
  it('signs a DigestInfo with PKCS#1 v1.5 that verifies under its certificate', async () => {
    const signature = await pki.card.signature.sign(digestInfo, SIGNATURE_PIN);
    const cert = readCertificateInfo(await pki.card.signature.readCertificate());
    assert.ok(verify('sha256', Buffer.from('data'), cert.publicKey, signature));
  });

  it('locks the signature PIN after 5 wrong tries, even for the right PIN afterwards', async () => {
    const card = await pki.issueCard();
    for (let left = 4; left >= 1; left--) {
      const extra = await rejectsWith(card.signature.sign(digestInfo, 'WRONG123'), 'signatures.pin_incorrect');
      assert.equal(extra.retriesLeft, left);
    }
    await rejectsWith(card.signature.sign(digestInfo, 'WRONG123'), 'signatures.pin_locked');
    await rejectsWith(card.signature.sign(digestInfo, SIGNATURE_PIN), 'signatures.pin_locked');
    // The authentication application is separate and still works.
    assert.ok((await card.authentication.sign(digestInfo, AUTHENTICATION_PIN)).length === 256);
  });

  it('locks the authentication PIN after 3 wrong tries', async () => {
    const card = await pki.issueCard();
    await rejectsWith(card.authentication.sign(digestInfo, '0000'), 'signatures.pin_incorrect');
    await rejectsWith(card.authentication.sign(digestInfo, '0000'), 'signatures.pin_incorrect');
    await rejectsWith(card.authentication.sign(digestInfo, '0000'), 'signatures.pin_locked');
    await rejectsWith(card.authentication.sign(digestInfo, AUTHENTICATION_PIN), 'signatures.pin_locked');
  });

  it('resets the counter after a correct PIN', async () => {
    const card = await pki.issueCard();
    await rejectsWith(card.authentication.sign(digestInfo, '0000'), 'signatures.pin_incorrect');
    await rejectsWith(card.authentication.sign(digestInfo, '0000'), 'signatures.pin_incorrect');
    await card.authentication.sign(digestInfo, AUTHENTICATION_PIN);
    const extra = await rejectsWith(card.authentication.sign(digestInfo, '0000'), 'signatures.pin_incorrect');
    assert.equal(extra.retriesLeft, 2);
  });

  it('refuses data that is not a DigestInfo', async () => {
    await rejectsWith(pki.card.signature.sign(new Uint8Array(32), SIGNATURE_PIN), 'signatures.bad_digest_info');
  });

  it('enforces the PIN formats at issue', async () => {
    const base = { store: pki.store, resident: RESIDENT };
    await rejectsWith(issueTestCard({ ...base, signaturePin: 'ABCDE', authenticationPin: '1234' }), 'signatures.invalid_pin');
    await rejectsWith(issueTestCard({ ...base, signaturePin: 'ABCDEFGH', authenticationPin: '1234' }), 'signatures.invalid_pin');
    await rejectsWith(issueTestCard({ ...base, signaturePin: 'A1'.repeat(9), authenticationPin: '1234' }), 'signatures.invalid_pin');
    await rejectsWith(issueTestCard({ ...base, signaturePin: 'ABC123', authenticationPin: '12345' }), 'signatures.invalid_pin');
  });

  it('issues certificates with the JPKI profile', async () => {
    const sig = readCertificateInfo(await pki.card.signature.readCertificate());
    const auth = readCertificateInfo(await pki.card.authentication.readCertificate());
    assert.equal(sig.otherNames.get(JPKI_NAME), RESIDENT.name);
    assert.equal(sig.otherNames.get(JPKI_DATE_OF_BIRTH), '419900102');
    assert.equal(sig.otherNames.get(JPKI_SEX), '2');
    assert.equal(sig.otherNames.get(JPKI_ADDRESS), RESIDENT.address);
    assert.deepEqual([...sig.keyUsage!].sort(), ['digitalSignature', 'nonRepudiation']);
    assert.deepEqual(sig.policies, [JPKI_POLICY_SIGNATURE]);
    assert.equal(sig.keyBits, 2048);
    assert.equal(sig.signatureAlgorithm, '1.2.840.113549.1.1.11');
    assert.equal(auth.otherNames.size, 0, 'no personal data in the authentication certificate');
    assert.deepEqual([...auth.keyUsage!], ['digitalSignature']);
    assert.deepEqual(auth.policies, [JPKI_POLICY_AUTHENTICATION]);
    assert.notEqual(sig.issuer, auth.issuer);
    assert.match(sig.issuer, /TEST/);
    assert.equal(sig.notAfter.toISOString(), validityEnd(sig.notBefore, RESIDENT.dateOfBirth).toISOString());
  });

  it('issues a demo card once for a fixed id', async () => {
    const first = await issueTestCard({ store: pki.store, resident: RESIDENT, signaturePin: SIGNATURE_PIN, authenticationPin: AUTHENTICATION_PIN, id: 'demo-hanako' });
    const again = await issueTestCard({ store: pki.store, resident: RESIDENT, signaturePin: SIGNATURE_PIN, authenticationPin: AUTHENTICATION_PIN, id: 'demo-hanako' });
    assert.equal(again.existed, true);
    assert.deepEqual(again.signatureCertificate, first.signatureCertificate);
  });
});

describe('JPKI profile', () => {
  it('ends validity on the 5th birthday after the day of issue, end of day JST', () => {
    assert.equal(validityEnd(new Date('2026-11-21T01:00:00Z'), '1990-01-02').toISOString(), '2031-01-02T14:59:59.000Z');
    // Issued on the birthday itself: that day does not count.
    assert.equal(validityEnd(new Date('2026-01-02T03:00:00Z'), '1990-01-02').toISOString(), '2031-01-02T14:59:59.000Z');
    assert.equal(validityEnd(new Date('2026-01-01T03:00:00Z'), '1990-01-02').toISOString(), '2030-01-02T14:59:59.000Z');
    assert.equal(validityEnd(new Date('2026-03-01T00:00:00Z'), '2000-02-29').toISOString(), '2031-02-28T14:59:59.000Z');
  });

  it('writes dates of birth with the era digit', () => {
    assert.equal(encodeDateOfBirth('1988-12-31'), '319881231');
    assert.equal(encodeDateOfBirth('1989-01-08'), '419890108');
    assert.equal(encodeDateOfBirth('2020-05-05'), '520200505');
  });
});
