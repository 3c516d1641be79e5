// OpenSSL interoperates both ways (issue 3 §6): it accepts our signatures, and ours accepts its.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrivateKey } from 'node:crypto';
import { createTestPkiFixture, RESIDENT, type TestPkiFixture } from './test-fixtures.ts';
import { generateRsaKeyPair } from './ensure-test-authority.ts';
import { issueTestCertificate } from './issue-test-card.ts';
import { validateSignature } from './validate-signature.ts';
import { toPem } from './encoding.ts';

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const skip = !hasOpenssl && !process.env.CI ? 'openssl is not installed: interoperability tests skipped' : false;
if (skip) console.log(`# ${skip}`);

describe('OpenSSL interoperability', { skip }, () => {
  let pki: TestPkiFixture;
  let dir: string;
  const content = new TextEncoder().encode('{"attachments":[{"name":"母子健康手帳.pdf","sha256":"00"}],"form":"妊娠の届出"}');

  before(async () => {
    pki = await createTestPkiFixture();
    dir = mkdtempSync(join(tmpdir(), 'onestop-cms-'));
    writeFileSync(join(dir, 'content.json'), content);
    writeFileSync(join(dir, 'ca.pem'), toPem(pki.anchors.signature));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('openssl cms -verify accepts our detached CAdES-BES signature', async () => {
    writeFileSync(join(dir, 'ours.p7s'), await pki.sign(content));
    const result = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'ours.p7s'), '-content', join(dir, 'content.json'), '-CAfile', join(dir, 'ca.pem'), '-out', join(dir, 'out.bin')]);
    assert.equal(result.status, 0, result.stderr.toString());
    assert.match(result.stderr.toString(), /Verification successful/);
    assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'out.bin'))), content);
  });

  it('openssl cms -verify rejects our signature over changed content', async () => {
    writeFileSync(join(dir, 'ours2.p7s'), await pki.sign(content));
    writeFileSync(join(dir, 'changed.json'), Buffer.concat([Buffer.from(content), Buffer.from(' ')]));
    const result = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'ours2.p7s'), '-content', join(dir, 'changed.json'), '-CAfile', join(dir, 'ca.pem'), '-out', '/dev/null']);
    assert.notEqual(result.status, 0);
  });

  for (const cades of [false, true]) {
    it(`a signature by openssl cms -sign${cades ? ' -cades' : ''} verifies in ours`, async () => {
      const keys = await generateRsaKeyPair();
      const issued = await issueTestCertificate({ store: pki.store, purpose: 'signature', resident: RESIDENT, cardId: null, now: new Date(), keys });
      const keyPem = createPrivateKey({ key: Buffer.from(keys.privateKey), format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' });
      writeFileSync(join(dir, 'signer.key'), keyPem, { mode: 0o600 });
      writeFileSync(join(dir, 'signer.pem'), toPem(issued.certificate));
      const out = join(dir, `theirs-${cades}.p7s`);
      execFileSync('openssl', ['cms', '-sign', '-binary', '-outform', 'DER', '-md', 'sha256', ...(cades ? ['-cades'] : []), '-in', join(dir, 'content.json'), '-signer', join(dir, 'signer.pem'), '-inkey', join(dir, 'signer.key'), '-out', out]);
      const signature = new Uint8Array(readFileSync(out));
      const context = await pki.context('signature');
      const report = await validateSignature({ content, signature, context });
      assert.equal(report.indication, 'TOTAL_PASSED', JSON.stringify(report.checks));
      assert.equal(report.signedAttributes?.signingCertificateV2, cades ? 'matched' : 'absent');
      assert.equal(report.basicFour?.name, RESIDENT.name);
      const tampered = await validateSignature({ content: new TextEncoder().encode('{}'), signature, context });
      assert.equal(tampered.subIndication, 'HASH_FAILURE');
    });
  }
});
