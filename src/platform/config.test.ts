import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail('expected a ConfigError');
}

describe('configuration', () => {
  test('defaults start the embedded database on 127.0.0.1:3000 with demo data', () => {
    const config = loadConfig({});
    assert.equal(config.PORT, 3000);
    assert.equal(config.HOST, '127.0.0.1');
    assert.equal(config.database.kind, 'pglite');
    assert.ok(config.database.kind === 'pglite' && config.database.dataDir?.endsWith('/data/pglite'));
    assert.equal(config.demo, true);
    assert.equal(config.publicUrl, 'http://127.0.0.1:3000');
  });

  test('flags override the environment, and --memory keeps nothing on disk', () => {
    const config = loadConfig({ PORT: '4000', HOST: '0.0.0.0' }, { PORT: '5000', MEMORY: true });
    assert.equal(config.PORT, 5000);
    assert.equal(config.HOST, '0.0.0.0');
    assert.deepEqual(config.database, { kind: 'pglite', dataDir: null });
  });

  test('DATABASE_URL selects PostgreSQL and turns demo data off unless asked for', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/onestop' });
    assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u@db:5432/onestop' });
    assert.equal(config.demo, false);
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db/x', DEMO: 'true' }).demo, true);
  });

  test('every bad setting is named, with what was given', () => {
    const problems = problemsOf(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', RUN_JOBS: 'maybe', LOG_LEVEL: 'loud' }));
    assert.equal(problems.length, 4, problems.join('\n'));
    assert.match(problems.find((p) => p.startsWith('PORT'))!, /got "abc"/);
    assert.ok(problems.some((p) => p.startsWith('DATABASE_URL') && p.includes('mysql://x')));
    assert.ok(problems.some((p) => p.startsWith('RUN_JOBS: must be true or false')));
    assert.ok(problems.some((p) => p.startsWith('LOG_LEVEL')));
  });

  test('a port out of range is refused', () => {
    assert.match(problemsOf(() => loadConfig({ PORT: '70000' }))[0]!, /^PORT: /);
  });

  test('--memory with DATABASE_URL is a contradiction, not a silent choice', () => {
    assert.match(problemsOf(() => loadConfig({ DATABASE_URL: 'postgres://x/y' }, { MEMORY: true }))[0]!, /^MEMORY: /);
  });

  test('metrics: loopback only by default; METRICS_ALLOW takes addresses and CIDR blocks, each checked; the token is never echoed', () => {
    assert.deepEqual(loadConfig({}).metricsAllow, ['127.0.0.1/32', '::1/128']);
    assert.deepEqual(loadConfig({ METRICS_ALLOW: '10.0.0.0/8, 192.0.2.7\n2001:db8::/32' }).metricsAllow, ['10.0.0.0/8', '192.0.2.7', '2001:db8::/32']);
    assert.deepEqual(loadConfig({ METRICS_ALLOW: 'none' }).metricsAllow, []);
    const bad = problemsOf(() => loadConfig({ METRICS_ALLOW: '10.0.0.0/8,10.0.0.0/33,intranet' }));
    assert.deepEqual(bad, ['METRICS_ALLOW: not an address or CIDR block: "10.0.0.0/33", "intranet" (e.g. 10.0.0.0/8,::1/128, or none)']);
    const short = problemsOf(() => loadConfig({ METRICS_TOKEN: 'short-secret' }));
    assert.equal(short.length, 1);
    assert.match(short[0]!, /^METRICS_TOKEN: /);
    assert.doesNotMatch(short[0]!, /short-secret/);
  });

  // Keys of the shape Go's note package writes (the evidence module's tests parse real ones).
  const KEY_A = 'PRIVATE+KEY+onestop.test/evidence+ec679c08+AXJTArP3wb+h5Yljhp9JSR8/+BeH2c+KJ7TSopfq3AiF';
  const KEY_B = 'PRIVATE+KEY+onestop.test/evidence+210eba91+Ac9g1eVtO8WKXxyUGzhMaryf1uE7TN//uOSAPcGXNaEQ';
  const VERIFIER_B = 'onestop.test/evidence+210eba91+AZbclannug0canx2AbRWyCLyc8IPmQpf1bMwwVy8JwqO';

  test('evidence: the embedded database keeps a generated key in DATA_DIR, --memory only in memory, and the origin follows PUBLIC_URL', () => {
    const embedded = loadConfig({ DATA_DIR: '/var/onestop', PUBLIC_URL: 'https://onestop.example.jp/' }).evidence;
    assert.deepEqual(embedded.keyStore, { kind: 'file', path: '/var/onestop/evidence-signing.key' });
    assert.equal(embedded.origin, 'onestop.example.jp/evidence');
    assert.equal(embedded.originChosen, false);
    assert.equal(embedded.checkpointIntervalMs, 1000);
    assert.deepEqual([embedded.witness, embedded.witnessIntervalSeconds, embedded.witnessFullEvery], [[], 60, 60]);
    assert.deepEqual(loadConfig({}, { MEMORY: true }).evidence.keyStore, { kind: 'memory' });
    assert.equal(loadConfig({}).evidence.origin, '127.0.0.1:3000/evidence');
  });

  test('evidence: PostgreSQL without the demo has no key unless one is configured; with the demo it keeps one in DATA_DIR', () => {
    assert.deepEqual(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }).evidence.keyStore, { kind: 'missing' });
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@db/x', DEMO: 'yes', DATA_DIR: '/d' }).evidence.keyStore.kind, 'file');
    const configured = loadConfig({ DATABASE_URL: 'postgres://u@db/x', EVIDENCE_SIGNING_KEYS: ` ${KEY_A}, ${KEY_B} ` }).evidence;
    assert.deepEqual(configured.keyStore, { kind: 'configured' });
    assert.deepEqual(configured.signingKeys, [KEY_A, KEY_B]);
    // The log is named after its keys unless EVIDENCE_ORIGIN says, and then they must agree.
    assert.equal(configured.origin, 'onestop.test/evidence');
    assert.equal(configured.originChosen, true);
    assert.equal(loadConfig({ EVIDENCE_ORIGIN: 'onestop.test/evidence', EVIDENCE_SIGNING_KEYS: KEY_A }).evidence.origin, 'onestop.test/evidence');
  });

  test('evidence: every setting is checked, and a signing key is never echoed', () => {
    const badKey = problemsOf(() => loadConfig({ EVIDENCE_SIGNING_KEYS: `${KEY_A},PRIVATE+KEY+x+zz+secretsecret` }));
    assert.equal(badKey.length, 1);
    assert.match(badKey[0]!, /^EVIDENCE_SIGNING_KEYS: key 2 is not a private key/);
    assert.doesNotMatch(badKey[0]!, /secretsecret|AXJTArP3/);
    const otherName = KEY_B.replace('onestop.test/evidence', 'other.example/log');
    assert.match(problemsOf(() => loadConfig({ EVIDENCE_SIGNING_KEYS: `${KEY_A},${otherName}` }))[0]!, /^EVIDENCE_SIGNING_KEYS: every key must bear the log's one name/);
    assert.match(problemsOf(() => loadConfig({ EVIDENCE_SIGNING_KEYS: KEY_A, EVIDENCE_ORIGIN: 'elsewhere/evidence' }))[0]!, /^EVIDENCE_SIGNING_KEYS: the keys are named "onestop.test\/evidence", but EVIDENCE_ORIGIN/);
    assert.match(problemsOf(() => loadConfig({ EVIDENCE_ORIGIN: 'has space' }))[0]!, /^EVIDENCE_ORIGIN: /);
    assert.match(problemsOf(() => loadConfig({ EVIDENCE_ORIGIN: 'a+b' }))[0]!, /^EVIDENCE_ORIGIN: /);
    assert.match(problemsOf(() => loadConfig({ EVIDENCE_PUBLISHED_KEYS: `${VERIFIER_B},nonsense` }))[0]!, /^EVIDENCE_PUBLISHED_KEYS: .*"nonsense"/);
    assert.deepEqual(loadConfig({ EVIDENCE_PUBLISHED_KEYS: VERIFIER_B }).evidence.publishedKeys, [VERIFIER_B]);
    for (const [name, value] of [['EVIDENCE_CHECKPOINT_INTERVAL_MS', '0'], ['EVIDENCE_CHECKPOINT_INTERVAL_MS', '1e3'], ['EVIDENCE_WITNESS_INTERVAL_S', '0'], ['EVIDENCE_WITNESS_FULL_EVERY', '-1']] as const) {
      assert.match(problemsOf(() => loadConfig({ [name]: value }))[0]!, new RegExp(`^${name}: `));
    }
    assert.equal(loadConfig({ EVIDENCE_CHECKPOINT_INTERVAL_MS: '250' }).evidence.checkpointIntervalMs, 250);
  });

  test('evidence: witnessed logs are <URL>|<verifier key> pairs', () => {
    const config = loadConfig({ EVIDENCE_WITNESS: `https://a.example/api/v1/evidence/|${VERIFIER_B}, http://b.example:8080/api/v1/evidence|${VERIFIER_B}`, EVIDENCE_WITNESS_INTERVAL_S: '30', EVIDENCE_WITNESS_FULL_EVERY: '10' });
    assert.deepEqual(config.evidence.witness, [
      { url: 'https://a.example/api/v1/evidence', verifierKey: VERIFIER_B },
      { url: 'http://b.example:8080/api/v1/evidence', verifierKey: VERIFIER_B },
    ]);
    assert.deepEqual([config.evidence.witnessIntervalSeconds, config.evidence.witnessFullEvery], [30, 10]);
    for (const bad of ['https://a.example', `ftp://a.example|${VERIFIER_B}`, `https://a.example|${VERIFIER_B}|x`, 'https://a.example|notakey']) {
      assert.match(problemsOf(() => loadConfig({ EVIDENCE_WITNESS: bad }))[0]!, /^EVIDENCE_WITNESS: /, bad);
    }
  });
});
