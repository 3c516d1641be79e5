// The test PKI's link service answers as J-LIS's would (R17): a card's two certificates are linked,
// two cards' are not, a certificate it never issued is unknown, and a replaced signature certificate
// is still linked but no longer the latest.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createTestPkiFixture, type TestPkiFixture } from './test-fixtures.ts';
import { certificateRefOf, type CertificateLinkService } from './certificate-links.ts';
import { createTestPkiLinks } from './create-test-pki-links.ts';
import { changeTestCardResident } from './update-test-card.ts';
import type { TestCard } from './open-test-card.ts';

let pki: TestPkiFixture;
let links: CertificateLinkService;
let other: TestCard;

async function refs(card: TestCard) {
  return {
    signature: certificateRefOf(await card.signature.readCertificate()),
    authentication: certificateRefOf(await card.authentication.readCertificate()),
  };
}

before(async () => {
  pki = await createTestPkiFixture();
  links = createTestPkiLinks(pki.store, { refreshMs: 0 });
  other = await pki.issueCard({ name: '別人　太郎' });
});

describe('test PKI link service', () => {
  it("links a card's signature certificate to its own authentication certificate", async () => {
    const own = await refs(pki.card);
    assert.deepEqual(await links.lookUp({ signatureCertificate: own.signature, authenticationCertificate: own.authentication }), { status: 'linked', latest: true });
  });

  it("does not link another card's signature certificate", async () => {
    const own = await refs(pki.card);
    const theirs = await refs(other);
    assert.deepEqual(await links.lookUp({ signatureCertificate: theirs.signature, authenticationCertificate: own.authentication }), { status: 'not_linked', latest: null });
  });

  it('answers unknown for a serial or an issuer it never issued', async () => {
    const own = await refs(pki.card);
    assert.equal((await links.lookUp({ signatureCertificate: { ...own.signature, serialNumber: '1234' }, authenticationCertificate: own.authentication })).status, 'unknown');
    // The authentication certificate named as if the signature CA had issued it.
    assert.equal((await links.lookUp({ signatureCertificate: own.signature, authenticationCertificate: { ...own.authentication, issuer: own.signature.issuer } })).status, 'unknown');
  });

  it('keeps a replaced signature certificate linked, but not as the latest', async () => {
    const card = await pki.issueCard();
    const before = await refs(card);
    await changeTestCardResident({ store: pki.store, id: card.id, changes: { address: '東京都渋谷区宇田川町1番1号' } });
    const after = await refs(card);
    assert.deepEqual(await links.lookUp({ signatureCertificate: before.signature, authenticationCertificate: before.authentication }), { status: 'linked', latest: false });
    assert.deepEqual(await links.lookUp({ signatureCertificate: after.signature, authenticationCertificate: before.authentication }), { status: 'linked', latest: true });
  });
});
