// The database-backed test PKI behaves like the in-memory one and survives in the database: cards,
// PIN counters, revocations, CRL numbers, login nonces. Also the CLI and the HTTP plugin on top of it.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Fastify from 'fastify';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { createDbLoginChallengeStore, createDbTestPkiStore } from './repository.ts';
import { issueTestCard } from './issue-test-card.ts';
import { openTestCard } from './open-test-card.ts';
import { readCertificateInfo } from './certificate-info.ts';
import { readRevocationList } from './revocation-list.ts';
import { revokeTestCertificate } from './revoke-test-certificate.ts';
import { changeTestCardResident } from './update-test-card.ts';
import { publishTestCrl } from './publish-test-crl.ts';
import { encodeDigestInfo } from './digest-info.ts';
import { createSignatureCommands } from './cli.ts';
import { signaturesPlugin } from './index.ts';
import { createTrustContext } from './trust-context.ts';
import { validateSignature } from './validate-signature.ts';
import { fromPemAll } from './encoding.ts';
import { RESIDENT } from './test-fixtures.ts';
import type { Command, CommandContext } from '../../platform/cli/command.ts';
import { parseArgs } from 'node:util';

async function runCommand(commands: Command[], name: string, args: string[]): Promise<{ code: number; out: Buffer; err: string }> {
  const command = commands.find((c) => c.name === name)!;
  const { values, positionals } = parseArgs({ args, options: Object.fromEntries(Object.entries(command.options ?? {}).map(([k, v]) => [k, { type: v.type, multiple: v.multiple ?? false }])) as never, allowPositionals: true });
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks: Buffer[] = [];
  const errChunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  err.on('data', (c: Buffer) => errChunks.push(Buffer.from(c)));
  const code = await command.run({ values: values as CommandContext['values'], positionals, out, err });
  return { code, out: Buffer.concat(chunks), err: Buffer.concat(errChunks).toString() };
}

describeOnDatabases('signatures repository', (ctx) => {
  it('keeps cards, PIN counters and revocations in the database', async () => {
    const store = createDbTestPkiStore(ctx.db);
    const issued = await issueTestCard({ store, resident: RESIDENT, signaturePin: 'TEST1234', authenticationPin: '1234', id: 'db-card' });
    // A second store on the same database (another node) sees the same card and counters.
    const other = createDbTestPkiStore(ctx.db);
    const card = await openTestCard({ store: other, id: 'db-card' });
    assert.deepEqual(await card.signature.readCertificate(), issued.signatureCertificate);
    const digestInfo = encodeDigestInfo('sha256', new Uint8Array(32));
    await assert.rejects(card.authentication.sign(digestInfo, '0000'), /tries left/);
    assert.equal((await store.findCard('db-card'))!.authenticationRetriesLeft, 2);
    assert.equal(await store.recordPinFailure('db-card', 'authentication'), 1);
    assert.equal(await store.recordPinFailure('db-card', 'authentication'), 0);
    assert.equal(await store.recordPinFailure('db-card', 'authentication'), 0, 'never below zero');
    await assert.rejects(card.authentication.sign(digestInfo, '1234'), /locked/);

    const serial = readCertificateInfo(issued.signatureCertificate).serial;
    const before = readRevocationList(await publishTestCrl({ store, purpose: 'signature' }));
    assert.equal(await revokeTestCertificate({ store, purpose: 'signature', serial, reason: 'keyCompromise' }), true);
    assert.equal(await revokeTestCertificate({ store, purpose: 'signature', serial, reason: 'keyCompromise' }), false);
    const after = readRevocationList(await publishTestCrl({ store: other, purpose: 'signature' }));
    assert.notEqual(after.crlNumber, before.crlNumber);
    assert.equal(after.revoked.get(serial)?.reason, 'keyCompromise');
  });

  it('revokes the signature certificate as affiliationChanged when the address changes', async () => {
    const store = createDbTestPkiStore(ctx.db);
    const issued = await issueTestCard({ store, resident: RESIDENT, signaturePin: 'TEST1234', authenticationPin: '1234' });
    const changed = await changeTestCardResident({ store, id: issued.id, changes: { address: '大阪府大阪市北区中之島一丁目3番20号' } });
    const crl = readRevocationList(await publishTestCrl({ store, purpose: 'signature' }));
    assert.equal(crl.revoked.get(changed.revokedSerial)?.reason, 'affiliationChanged');
    const card = await openTestCard({ store, id: issued.id });
    const current = readCertificateInfo(await card.signature.readCertificate());
    assert.equal(current.otherNames.get('1.2.392.200149.8.5.5.5'), '大阪府大阪市北区中之島一丁目3番20号');
    // The authentication certificate carries no address and stays as it was.
    assert.deepEqual(await card.authentication.readCertificate(), issued.authenticationCertificate);
  });

  it('uses each login nonce once', async () => {
    const challenges = createDbLoginChallengeStore(ctx.db);
    const now = new Date();
    await challenges.insert('h1', new Date(now.getTime() + 60_000));
    await challenges.insert('h2', new Date(now.getTime() - 1));
    assert.equal(await challenges.consume('h1', now), true);
    assert.equal(await challenges.consume('h1', now), false);
    assert.equal(await challenges.consume('h2', now), false);
  });

  it('CLI: issues a card, signs with it, verifies (text and JSON) and reports revocation', async () => {
    const store = createDbTestPkiStore(ctx.db);
    const commands = createSignatureCommands({ openStore: async () => ({ store, close: async () => {} }) });
    const dir = mkdtempSync(join(tmpdir(), 'onestop-cli-'));
    try {
      const issued = await runCommand(commands, 'test-card issue', ['--name', '試験\u3000一郎', '--birth', '1985-04-01', '--address', '北海道札幌市中央区北1条西2丁目', '--sex', 'male', '--id', 'cli-card']);
      assert.equal(issued.code, 0);
      assert.match(issued.out.toString(), /issued test card cli-card/);
      writeFileSync(join(dir, 'content.json'), '{"a":1}');
      const signed = await runCommand(commands, 'signature sign', ['--content', join(dir, 'content.json'), '--card', 'cli-card', '--out', join(dir, 'sig.p7s')]);
      assert.equal(signed.code, 0);
      const ca = await runCommand(commands, 'test-card ca', ['--purpose', 'signature', '--crl', join(dir, 'sig.crl')]);
      writeFileSync(join(dir, 'ca.pem'), ca.out);
      assert.equal(fromPemAll(ca.out.toString()).length, 1);
      const verifyArgs = ['--content', join(dir, 'content.json'), '--signature', join(dir, 'sig.p7s'), '--trust', join(dir, 'ca.pem'), '--crl', join(dir, 'sig.crl')];
      const text = await runCommand(commands, 'signature verify', verifyArgs);
      assert.equal(text.code, 0, text.out.toString());
      assert.match(text.out.toString(), /^TOTAL_PASSED/);
      assert.match(text.out.toString(), /試験\u3000一郎/);
      const json = await runCommand(commands, 'signature verify', [...verifyArgs, '--json']);
      assert.equal(JSON.parse(json.out.toString()).indication, 'TOTAL_PASSED');
      const noCrl = await runCommand(commands, 'signature verify', verifyArgs.slice(0, 6));
      assert.equal(noCrl.code, 1);
      assert.match(noCrl.out.toString(), /INDETERMINATE \/ TRY_LATER/);
      writeFileSync(join(dir, 'content.json'), '{"a":2}');
      const tampered = await runCommand(commands, 'signature verify', [...verifyArgs, '--json']);
      assert.equal(tampered.code, 1);
      assert.equal(JSON.parse(tampered.out.toString()).subIndication, 'HASH_FAILURE');
      const raw = await runCommand(commands, 'test-card sign', [join(dir, 'content.json'), '--card', 'cli-card', '--purpose', 'authentication']);
      assert.equal(raw.code, 0);
      assert.equal(Buffer.from(raw.out.toString().trim(), 'base64').length, 256);
      const revoked = await runCommand(commands, 'test-card revoke', ['--card', 'cli-card', '--reason', 'keyCompromise']);
      assert.match(revoked.out.toString(), /revoked signature certificate/);
      await assert.rejects(runCommand(commands, 'signature verify', ['--content', join(dir, 'content.json'), '--signature', join(dir, 'sig.p7s')]), /--trust/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('HTTP: serves CA, CRL and OCSP that a verifier can use, and test cards when exposed', async () => {
    const app = Fastify();
    await app.register(signaturesPlugin, { db: ctx.db, exposeTestCards: true });
    try {
      const store = createDbTestPkiStore(ctx.db);
      const issued = await issueTestCard({ store, resident: RESIDENT, signaturePin: 'TEST1234', authenticationPin: '1234', id: 'http-card' });
      const pem = await app.inject({ method: 'GET', url: '/pki/test/signature.pem' });
      assert.equal(pem.statusCode, 200);
      const anchor = fromPemAll(pem.body)[0]!;
      const crl = await app.inject({ method: 'GET', url: '/pki/test/signature.crl' });
      assert.equal(crl.headers['content-type'], 'application/pkix-crl');
      assert.equal(readRevocationList(new Uint8Array(crl.rawPayload)).issuer, readCertificateInfo(anchor).subject);
      assert.equal((await app.inject({ method: 'GET', url: '/pki/test/other.crl' })).statusCode, 400);

      // Sign through the browser-facing card endpoints, verify with OCSP over HTTP.
      const { prepareSignature } = await import('./prepare-signature.ts');
      const { completeSignature } = await import('./complete-signature.ts');
      const content = new TextEncoder().encode('{"x":1}');
      const prepared = prepareSignature({ content, signerCertificate: issued.signatureCertificate });
      const signed = await app.inject({
        method: 'POST',
        url: '/pki/test/cards/http-card/signature/sign',
        payload: { digestInfo: Buffer.from(prepared.digestInfo).toString('base64'), pin: 'TEST1234' },
      });
      assert.equal(signed.statusCode, 200, signed.body);
      const signature = completeSignature(prepared, new Uint8Array(Buffer.from(signed.json().signature, 'base64')));
      const context = createTrustContext({
        purpose: 'signature',
        trustAnchors: [anchor],
        ocsp: {
          transport: async (request) => {
            const res = await app.inject({ method: 'POST', url: '/pki/test/signature/ocsp', headers: { 'content-type': 'application/ocsp-request' }, payload: Buffer.from(request) });
            assert.equal(res.headers['content-type'], 'application/ocsp-response');
            return new Uint8Array(res.rawPayload);
          },
        },
      });
      const report = await validateSignature({ content, signature, context });
      assert.equal(report.indication, 'TOTAL_PASSED', JSON.stringify(report.checks));
      assert.equal(report.revocation[0]?.source, 'ocsp');
      const wrongPin = await app.inject({ method: 'POST', url: '/pki/test/cards/http-card/signature/sign', payload: { digestInfo: Buffer.from(prepared.digestInfo).toString('base64'), pin: 'WRONG1' } });
      assert.equal(wrongPin.statusCode, 403);
    } finally {
      await app.close();
    }
  });
});
