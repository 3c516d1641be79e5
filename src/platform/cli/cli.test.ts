import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import type { Command } from './command.ts';
import { UsageError } from './command.ts';
import { runCli } from './run.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'bin/onestop.js');

function capture() {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (c) => (o += c));
  err.on('data', (c) => (e += c));
  return { io: { out, err }, out: () => o, err: () => e };
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('command dispatch', () => {
  const seen: string[] = [];
  const commands: Command[] = [
    { name: 'greet', summary: 'Say hello', options: { name: { type: 'string', description: 'who' } }, run: async (ctx) => (seen.push(`greet ${ctx.values.name}`), 0) },
    { name: 'card issue', summary: 'Issue a card', args: 'FILE', run: async (ctx) => (seen.push(`issue ${ctx.positionals[0]}`), 0) },
    { name: 'card sign', summary: 'Sign', run: async () => { throw new UsageError('--pin is required'); } },
  ];

  test('multi-word commands take their positionals and options', async () => {
    const c = capture();
    assert.equal(await runCli(commands, ['card', 'issue', 'x.json'], c.io), 0);
    assert.equal(await runCli(commands, ['greet', '--name', 'Hanako'], c.io), 0);
    assert.deepEqual(seen, ['issue x.json', 'greet Hanako']);
  });

  test('--help at every level; a group word lists its commands', async () => {
    const c = capture();
    assert.equal(await runCli(commands, ['--help'], c.io), 0);
    assert.match(c.out(), /greet\s+Say hello/);
    assert.equal(await runCli(commands, ['greet', '--help'], c.io), 0);
    assert.match(c.out(), /Usage: onestop greet \[options\][\s\S]*--name VALUE\s+who/);
    assert.equal(await runCli(commands, ['card', '--help'], c.io), 0);
    assert.match(c.out(), /card issue[\s\S]*card sign/);
  });

  test('unknown commands and options, and usage errors, exit 2 with a message', async () => {
    const c = capture();
    assert.equal(await runCli(commands, ['nope'], c.io), 2);
    assert.match(c.err(), /unknown command "nope"/);
    assert.equal(await runCli(commands, ['greet', '--nme', 'x'], c.io), 2);
    assert.match(c.err(), /Unknown option '--nme'/);
    assert.equal(await runCli(commands, ['card', 'sign'], c.io), 2);
    assert.match(c.err(), /onestop card sign: --pin is required/);
  });
});

describe('the onestop command', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  test('lists start, worker, migrate and seed, each with its own help', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    for (const name of ['start', 'worker', 'migrate', 'seed']) assert.match(help.stdout, new RegExp(`\\n  ${name}\\s`));
    const start = await run(['start', '--help']);
    assert.match(start.stdout, /--memory/);
    assert.match(start.stdout, /DATABASE_URL/);
  });

  test('a bad setting stops the start with a message naming it', async () => {
    const result = await run(['start', '--port', 'abc', '--memory']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /PORT: .*\(got "abc"\)/);
    const env = await run(['migrate'], { DATABASE_URL: 'mysql://nope' });
    assert.equal(env.code, 2);
    assert.match(env.stderr, /DATABASE_URL: /);
  });

  test('migrate then seed on a data directory, showing progress; running them again changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onestop-cli-'));
    dirs.push(dir);
    const migrate = await run(['migrate', '--data-dir', dir]);
    assert.equal(migrate.code, 0, migrate.stderr);
    assert.match(migrate.stderr, /✓ Applying migrations — \d+ applied/);
    assert.match(migrate.stderr, /47 prefectures, 1922 municipalities loaded/);
    const seed = await run(['seed', '--data-dir', dir]);
    assert.equal(seed.code, 0, seed.stderr);
    assert.match(seed.stderr, /✓ Applying migrations — up to date/);
    assert.match(seed.stderr, /✓ Loading demo data — 3 municipalities, 3 test cards, 17 staff accounts, 3 API clients, 190 services/);
  });

  test('start serves the platform, prints its URLs, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--memory', '--port', '0', '--log-level', 'warn'], { cwd: ROOT });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const deadline = Date.now() + 60_000;
    while (!stdout.includes('Stop with Ctrl+C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const base = /Resident portal\s+(\S+)\//.exec(stdout)?.[1];
    assert.ok(base, stdout);
    assert.match(stdout, /Staff console\s+http:\/\/\S+\/staff/);
    assert.match(stdout, /National admin\s+http:\/\/\S+\/admin/);
    assert.match(stdout, /131130\s+東京都渋谷区/);
    const home = await fetch(`${base}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /子育てワンストップ/);
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  });
});
