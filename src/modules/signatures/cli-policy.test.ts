// `onestop signature verify --policy` (issue #11 §14): a verifier with their own trust anchors is not
// bound to the JPKI policy OIDs, while the default stays the JPKI signature policy.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import type { Command, CommandContext } from '../../platform/cli/command.ts';
import { UsageError } from '../../platform/cli/command.ts';
import { buildCertificate } from './build-certificate.ts';
import { createSignatureCommands } from './cli.ts';
import { completeSignature } from './complete-signature.ts';
import { toPem } from './encoding.ts';
import { ensureTestAuthority, generateRsaKeyPair } from './ensure-test-authority.ts';
import { issueTestCard } from './issue-test-card.ts';
import { openTestCard } from './open-test-card.ts';
import { prepareSignature } from './prepare-signature.ts';
import { publishTestCrl } from './publish-test-crl.ts';
import { AUTHENTICATION_PIN, RESIDENT, SIGNATURE_PIN } from './test-fixtures.ts';
import { createMemoryTestPkiStore } from './test-pki-store.ts';

const OWN_POLICY = '1.3.6.1.4.1.99999.7.1';
const HOUR = 3600_000;

async function runVerify(commands: Command[], args: string[]): Promise<{ code: number; out: string }> {
  const command = commands.find((c) => c.name === 'signature verify')!;
  const options = Object.fromEntries(Object.entries(command.options ?? {}).map(([k, v]) => [k, { type: v.type, multiple: v.multiple ?? false }]));
  const { values, positionals } = parseArgs({ args, options: options as never, allowPositionals: true });
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  const code = await command.run({ values: values as CommandContext['values'], positionals, out, err: new PassThrough() });
  return { code, out: Buffer.concat(chunks).toString() };
}

describe('signature verify --policy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onestop-policy-'));
  const store = createMemoryTestPkiStore();
  const commands = createSignatureCommands({ openStore: async () => ({ store, close: async () => {} }) });
  const file = (name: string) => join(dir, name);
  let ownArgs: string[];
  let authArgs: string[];
  let cardArgs: string[];

  before(async () => {
    writeFileSync(file('content.json'), '{"procedure":"児童手当等の現況届"}');
    const content = new TextEncoder().encode('{"procedure":"児童手当等の現況届"}');
    const [signatureCa, authenticationCa] = await Promise.all([ensureTestAuthority({ store, purpose: 'signature' }), ensureTestAuthority({ store, purpose: 'authentication' })]);
    writeFileSync(file('sig-ca.pem'), toPem(signatureCa.certificate));
    writeFileSync(file('auth-ca.pem'), toPem(authenticationCa.certificate));

    // A signing certificate from the verifier's own CA, under that CA's policy (not JPKI's).
    const keys = await generateRsaKeyPair();
    const now = Date.now();
    const own = await buildCertificate({
      subject: [{ type: 'CN', value: 'TEST own-CA signer' }],
      publicKey: keys.publicKey,
      issuer: { certificate: signatureCa.certificate },
      signingKey: signatureCa.privateKey,
      notBefore: new Date(now - HOUR),
      notAfter: new Date(now + 100 * HOUR),
      isCa: false,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      policies: [OWN_POLICY],
    });
    const prepared = prepareSignature({ content, signerCertificate: own });
    const key = createPrivateKey({ key: Buffer.from(keys.privateKey), format: 'der', type: 'pkcs8' });
    writeFileSync(file('own.p7s'), completeSignature(prepared, new Uint8Array(sign(prepared.digestAlgorithm, prepared.signedAttributes, key))));

    // A test card: one CMS signature with its signature key, one with its authentication key.
    const issued = await issueTestCard({ store, resident: RESIDENT, signaturePin: SIGNATURE_PIN, authenticationPin: AUTHENTICATION_PIN });
    const card = await openTestCard({ store, id: issued.id });
    const bySignature = prepareSignature({ content, signerCertificate: issued.signatureCertificate });
    writeFileSync(file('card.p7s'), completeSignature(bySignature, await card.signature.sign(bySignature.digestInfo, SIGNATURE_PIN)));
    const byAuthentication = prepareSignature({ content, signerCertificate: issued.authenticationCertificate });
    writeFileSync(file('auth.p7s'), completeSignature(byAuthentication, await card.authentication.sign(byAuthentication.digestInfo, AUTHENTICATION_PIN)));

    writeFileSync(file('sig.crl'), await publishTestCrl({ store, purpose: 'signature' }));
    writeFileSync(file('auth.crl'), await publishTestCrl({ store, purpose: 'authentication' }));
    const signatureTrust = ['--trust', file('sig-ca.pem'), '--crl', file('sig.crl')];
    ownArgs = ['--content', file('content.json'), '--signature', file('own.p7s'), ...signatureTrust];
    cardArgs = ['--content', file('content.json'), '--signature', file('card.p7s'), ...signatureTrust];
    authArgs = ['--content', file('content.json'), '--signature', file('auth.p7s'), '--trust', file('auth-ca.pem'), '--crl', file('auth.crl')];
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('by default a certificate under another policy than JPKI signature fails, naming the policy', async () => {
    const result = await runVerify(commands, ownArgs);
    assert.equal(result.code, 1);
    assert.match(result.out, /^INDETERMINATE \/ CHAIN_CONSTRAINTS_FAILURE/);
    assert.match(result.out, /certificate policy is not one of the signature purpose/);
    assert.match(result.out, /policy onestop-jpki-2026\)/);
  });

  it('--policy any and --policy with its own OID accept it, and the report says which policy was used', async () => {
    const any = await runVerify(commands, [...ownArgs, '--policy', 'any']);
    assert.equal(any.code, 0, any.out);
    assert.match(any.out, /^TOTAL_PASSED/);
    assert.match(any.out, /certificate policy any/);
    const oid = await runVerify(commands, [...ownArgs, '--policy', `1.2.392.200149.8.5.1.1.20, ${OWN_POLICY}`]);
    assert.equal(oid.code, 0, oid.out);
    assert.match(oid.out, new RegExp(`certificate policy 1\\.2\\.392\\.200149\\.8\\.5\\.1\\.1\\.20, ${OWN_POLICY.replace(/\./g, '\\.')}`));
    const otherOid = await runVerify(commands, [...ownArgs, '--policy', '1.3.6.1.4.1.99999.7.2']);
    assert.equal(otherOid.code, 1, 'an OID the certificate does not carry still fails');
  });

  it('the default and --policy signature still pass a JPKI signature certificate, and an OID list without JPKI refuses it', async () => {
    assert.equal((await runVerify(commands, cardArgs)).code, 0);
    assert.equal((await runVerify(commands, [...cardArgs, '--policy', 'signature'])).code, 0);
    assert.equal((await runVerify(commands, [...cardArgs, '--policy', OWN_POLICY])).code, 1);
  });

  it('--policy authentication accepts an authentication certificate, which the default refuses', async () => {
    const byDefault = await runVerify(commands, authArgs);
    assert.equal(byDefault.code, 1);
    assert.match(byDefault.out, /CHAIN_CONSTRAINTS_FAILURE/);
    const auth = await runVerify(commands, [...authArgs, '--policy', 'authentication']);
    assert.equal(auth.code, 0, auth.out);
    assert.match(auth.out, /\(authentication, policy onestop-jpki-2026\)/);
    // A signature certificate is still no authentication certificate.
    assert.equal((await runVerify(commands, [...cardArgs, '--policy', 'authentication'])).code, 1);
  });

  it('a bad --policy is a usage error that says what is accepted, before any file is read', async () => {
    for (const bad of ['signatur', 'ANY', '1.2.3,', '3.1', '1', '1.02.3', 'any,1.2.3', '']) {
      await assert.rejects(
        runVerify(commands, ['--content', file('missing'), '--signature', file('missing'), '--policy', bad]),
        (error: unknown) => error instanceof UsageError && /--policy must be signature, authentication, any, or certificate policy OIDs/.test(error.message),
        `--policy ${JSON.stringify(bad)}`,
      );
    }
    await assert.rejects(runVerify(commands, [...authArgs, '--policy', 'authentication', '--purpose', 'signature']), /--policy authentication contradicts --purpose signature/);
  });
});
