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
});
