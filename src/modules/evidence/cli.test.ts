// The three verifiers of a bundle — verifyBundle, `onestop evidence verify` and the standalone
// tools/verify-evidence.mjs — give the same verdict on the same files, and keygen's keys work.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { runCli } from '../../platform/cli/run.ts';
import { evidenceCommands } from './cli.ts';
import { openNote, parseSignerKey, parseVerifierKey, signNote } from './note.ts';
import { verifyBundle } from './verify.ts';
import { bundleCases, buildTestLog, exampleBundle, sampleFact } from './test-bundles.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCRIPT = join(ROOT, 'tools/verify-evidence.mjs');
const dir = mkdtempSync(join(tmpdir(), 'onestop-evidence-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  err.on('data', (c) => (stderr += c));
  const code = await runCli(evidenceCommands, args, { out, err });
  return { code, stdout, stderr };
}

const keyArgs = (keys?: string[]) => (keys ?? []).flatMap((k) => ['--key', k]);

describe('the same verdicts from verifyBundle, the CLI and the standalone script', () => {
  bundleCases().forEach((c, i) => {
    test(c.name, async () => {
      const file = join(dir, `bundle-${i}.json`);
      writeFileSync(file, JSON.stringify(c.bundle, null, 2));
      const expected = verifyBundle(c.bundle, c.keys);
      assert.equal(expected.ok, !c.refused);
      const [script, command] = await Promise.all([run([SCRIPT, file, ...keyArgs(c.keys)]), cli(['evidence', 'verify', file, ...keyArgs(c.keys)])]);
      assert.equal(script.code, c.refused ? 1 : 0, script.stderr);
      assert.equal(command.code, c.refused ? 1 : 0, command.stderr);
      if (expected.ok) {
        const bundle = c.bundle as { leafIndex: number; treeSize: number };
        for (const output of [script.stdout, command.stdout]) {
          assert.match(output, /^検証に成功しました。[\s\S]*\nVerified: /);
          const values: string[] = [expected.fact.kind, expected.fact.time, expected.fact.municipality, `${bundle.leafIndex}`, `${bundle.treeSize}`, expected.origin, `${expected.keyName}+${expected.keyId}`, expected.time];
          const ja = ['種類', '事実の時刻', '自治体コード', '葉の番号', '木の大きさ', 'ログ', '署名鍵', '署名の時刻'];
          const en = ['kind', 'fact time', 'municipality', 'leaf', 'tree size', 'log origin', 'key', 'signed at'];
          const lines: string[] = [...ja, ...en].map((label, j): string => `  ${label}: ${values[j % values.length]}`);
          assert.deepEqual(output.split('\n').filter((l) => l.startsWith('  ')), lines);
        }
        assert.equal(script.stdout, command.stdout);
      } else {
        assert.match(script.stderr, /^検証に失敗しました \/ verification FAILED: /);
        assert.equal(command.stderr, `検証に失敗しました / verification FAILED: ${expected.reason}\n`);
        assert.match(script.stderr, c.refused!);
      }
    });
  });

  test('bundles with odd members, keys or proofs are refused by both, never crash', async () => {
    const valid = bundleCases()[0]!.bundle as Record<string, unknown>;
    const zeroKey = `example.jp/evidence+${'0'.repeat(8)}+${Buffer.alloc(33).toString('base64')}`;
    const odd: unknown[] = [
      { ...valid, extra: true },
      { ...valid, verifierKey: 'nope' },
      { ...valid, verifierKey: zeroKey },
      { ...valid, inclusionProof: ['AAAA'] },
      { ...valid, inclusionProof: 'x' },
      { ...valid, leafIndex: -1 },
      { ...valid, leafIndex: '5' },
      { ...valid, fact: 5 },
      { ...valid, checkpoint: 'no note' },
      [],
      'text',
      null,
    ];
    for (const [i, bundle] of odd.entries()) {
      const file = join(dir, `odd-${i}.json`);
      writeFileSync(file, JSON.stringify(bundle));
      assert.equal(verifyBundle(bundle).ok, false);
      const script = await run([SCRIPT, file]);
      assert.equal(script.code, 1, `${JSON.stringify(bundle)?.slice(0, 80)}: ${script.stderr}`);
      assert.equal((await cli(['evidence', 'verify', file])).code, 1);
    }
    writeFileSync(join(dir, 'not-json.json'), '{');
    assert.equal((await run([SCRIPT, join(dir, 'not-json.json')])).code, 1);
    assert.equal((await cli(['evidence', 'verify', join(dir, 'not-json.json')])).code, 1);
  });

  test('usage errors exit 2', async () => {
    for (const args of [[], ['a.json', 'b.json'], [join(dir, 'missing.json')], ['--nope', 'x']]) {
      const script = await run([SCRIPT, ...args]);
      assert.equal(script.code, 2, script.stderr);
      assert.match(script.stderr, /usage: node tools\/verify-evidence\.mjs/);
      assert.equal((await cli(['evidence', 'verify', ...args])).code, 2);
    }
  });
});

describe('onestop evidence keygen', () => {
  test('prints a private key and its verifier key, which sign and open a checkpoint', async () => {
    const result = await cli(['evidence', 'keygen', '--name', 'example.jp/evidence']);
    assert.equal(result.code, 0, result.stderr);
    const [privateKey, verifierKey, rest] = result.stdout.split('\n');
    assert.equal(rest, '');
    assert.match(privateKey!, /^PRIVATE\+KEY\+example\.jp\/evidence\+[0-9a-f]{8}\+/);
    assert.equal(parseSignerKey(privateKey!).verifierKey, verifierKey);
    assert.equal(parseVerifierKey(verifierKey!).name, 'example.jp/evidence');
    assert.match(result.stderr, /secret/);
    const note = signNote('example.jp/evidence\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\ntime 2026-12-07T21:51:06Z\n', [parseSignerKey(privateKey!)]);
    assert.equal(openNote(note, [verifierKey!]).signatures.length, 1);
    // A bundle signed with the new key verifies with it given as --key.
    const log = buildTestLog([sampleFact(1), sampleFact(2)]);
    const bundle = { ...log.bundle(1, { signers: [privateKey!] }), verifierKey: log.verifierKey };
    const file = join(dir, 'keygen.json');
    writeFileSync(file, JSON.stringify(bundle));
    assert.equal((await cli(['evidence', 'verify', file])).code, 1);
    assert.equal((await cli(['evidence', 'verify', file, '--key', verifierKey!])).code, 0);
    assert.equal((await run([SCRIPT, file, '--key', verifierKey!])).code, 0);
  });

  test('without a valid name it is a usage error', async () => {
    assert.equal((await cli(['evidence', 'keygen'])).code, 2);
    assert.equal((await cli(['evidence', 'keygen', '--name', 'a b'])).code, 2);
    assert.equal((await cli(['evidence', 'keygen', '--name', 'a+b'])).code, 2);
  });

  test('the onestop command lists both', async () => {
    const help = await run([join(ROOT, 'bin/onestop.js'), 'evidence', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /evidence verify[\s\S]*evidence keygen/);
  });
});

describe('the published example (docs/evidence-example.json)', () => {
  const EXAMPLE = join(ROOT, 'docs/evidence-example.json');

  test('is the bundle our code makes from its fixed key and facts, byte for byte, and verifies', async () => {
    const text = `${JSON.stringify(exampleBundle(), null, 2)}\n`;
    // UPDATE_EVIDENCE_EXAMPLE=1 rewrites it after a deliberate change of the format.
    if (process.env.UPDATE_EVIDENCE_EXAMPLE === '1') writeFileSync(EXAMPLE, text);
    assert.equal(readFileSync(EXAMPLE, 'utf8'), text);
    assert.ok(verifyBundle(JSON.parse(text)).ok);
    const script = await run([SCRIPT, EXAMPLE]);
    assert.equal(script.code, 0, script.stderr);
    assert.match(script.stdout, /leaf: 4\n/);
  });
});
