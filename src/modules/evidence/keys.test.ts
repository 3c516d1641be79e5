// Where the evidence log's signing keys come from, and when a node refuses to start without one.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { loadEvidenceKeys, currentVerifierKey } from './keys.ts';
import { TEST_ORIGIN, TEST_SIGNING_KEY, TEST_SIGNING_KEY_2, TEST_VERIFIER_KEY, TEST_VERIFIER_KEY_2 } from './testing.ts';

async function refusal(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail('expected a ConfigError');
}

describe('evidence signing keys', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'onestop-evidence-keys-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('configured keys all sign, the first is current; retired keys are published beside them', async () => {
    const keys = await loadEvidenceKeys(
      loadConfig({ DATABASE_URL: 'postgres://u@db/x', EVIDENCE_SIGNING_KEYS: `${TEST_SIGNING_KEY},${TEST_SIGNING_KEY_2}`, EVIDENCE_PUBLISHED_KEYS: 'onestop.test/evidence+00000000+AZbclannug0canx2AbRWyCLyc8IPmQpf1bMwwVy8JwqO' }).evidence,
    );
    assert.equal(keys.origin, TEST_ORIGIN);
    assert.equal(keys.signers.length, 2);
    assert.deepEqual(keys.published, [
      { verifierKey: TEST_VERIFIER_KEY, current: true },
      { verifierKey: TEST_VERIFIER_KEY_2, current: true },
      { verifierKey: 'onestop.test/evidence+00000000+AZbclannug0canx2AbRWyCLyc8IPmQpf1bMwwVy8JwqO', current: false },
    ]);
    assert.equal(currentVerifierKey(keys), TEST_VERIFIER_KEY);
  });

  test('PostgreSQL without the demo and without keys: the start stops, naming EVIDENCE_SIGNING_KEYS', async () => {
    const problems = await refusal(loadEvidenceKeys(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }).evidence));
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^EVIDENCE_SIGNING_KEYS: .*keygen/);
  });

  test('a key of the right shape that is not a key (its id does not match) is refused without being echoed', async () => {
    const forged = TEST_SIGNING_KEY.replace('+ec679c08+', '+00000000+');
    const problems = await refusal(loadEvidenceKeys(loadConfig({ EVIDENCE_SIGNING_KEYS: forged }).evidence));
    assert.match(problems[0]!, /^EVIDENCE_SIGNING_KEYS \(key 1\): not a valid Ed25519 private key/);
    assert.doesNotMatch(problems.join('\n'), /AXJTArP3/);
  });

  test('--memory: a new key every run, named after the log', async () => {
    const settings = loadConfig({ PUBLIC_URL: 'https://onestop.example.jp' }, { MEMORY: true }).evidence;
    const a = await loadEvidenceKeys(settings);
    const b = await loadEvidenceKeys(settings);
    assert.equal(a.origin, 'onestop.example.jp/evidence');
    assert.match(currentVerifierKey(a), /^onestop\.example\.jp\/evidence\+[0-9a-f]{8}\+/);
    assert.notEqual(currentVerifierKey(a), currentVerifierKey(b));
  });

  test('the embedded database: a key made once, kept in DATA_DIR (owner-only), and the log keeps its name when PUBLIC_URL changes', async () => {
    const dataDir = join(dir, 'data');
    const first = await loadEvidenceKeys(loadConfig({ DATA_DIR: dataDir }).evidence);
    const path = join(dataDir, 'evidence-signing.key');
    assert.match(await readFile(path, 'utf8'), /^PRIVATE\+KEY\+127\.0\.0\.1:3000\/evidence\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}\n$/);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const again = await loadEvidenceKeys(loadConfig({ DATA_DIR: dataDir, PORT: '4000' }).evidence);
    assert.equal(currentVerifierKey(again), currentVerifierKey(first));
    assert.equal(again.origin, '127.0.0.1:3000/evidence');
    // Only a chosen origin may differ, and then the start says what to do.
    const problems = await refusal(loadEvidenceKeys(loadConfig({ DATA_DIR: dataDir, EVIDENCE_ORIGIN: 'elsewhere.example/evidence' }).evidence));
    assert.match(problems[0]!, /^EVIDENCE_ORIGIN: the key kept in .*evidence-signing\.key signs the log "127\.0\.0\.1:3000\/evidence"/);
    // Two processes making the key at once end up with one.
    const raceDir = join(dir, 'race');
    const settings = loadConfig({ DATA_DIR: raceDir }).evidence;
    const both = await Promise.all([loadEvidenceKeys(settings), loadEvidenceKeys(settings)]);
    assert.equal(currentVerifierKey(both[0]), currentVerifierKey(both[1]));
  });

  test('a damaged key file stops the start, naming the file', async () => {
    const dataDir = join(dir, 'damaged');
    await loadEvidenceKeys(loadConfig({ DATA_DIR: dataDir }).evidence);
    await writeFile(join(dataDir, 'evidence-signing.key'), 'not a key\n');
    const problems = await refusal(loadEvidenceKeys(loadConfig({ DATA_DIR: dataDir }).evidence));
    assert.match(problems[0]!, /evidence-signing\.key: not a valid Ed25519 private key/);
  });
});
