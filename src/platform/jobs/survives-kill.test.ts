// The queue keeps its promises across crashes: a job enqueued before a node is killed with
// SIGKILL runs after a restart, and a job that was running on a killed node runs again elsewhere.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { databaseKinds, openTestDatabase, type DatabaseKind, type TestDb } from '../testing/database.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NODE = join(ROOT, 'test/fixtures/job-node.ts');
const children = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const cleanup of cleanups) await cleanup();
});

function startNode(mode: 'enqueue' | 'hang' | 'work', target: string, markers: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', NODE, mode, target, markers], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

async function waitFor<T>(what: string, probe: () => T | undefined, seconds = 60): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function kill9(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

function doneMarker(dir: string): string | undefined {
  const file = readdirSync(dir).find((f) => f.startsWith('done-'));
  return file ? readFileSync(join(dir, file), 'utf8') : undefined;
}

async function targetFor(kind: DatabaseKind): Promise<string> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'onestop-kill-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    return join(dir, 'pglite');
  }
  const db: TestDb = await openTestDatabase('postgres');
  // The children migrate and use it; this process only keeps it alive and drops it at the end.
  cleanups.push(() => db.close());
  return db.url!;
}

function markerDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'onestop-markers-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function enqueueThenCrash(target: string, markers: string): Promise<void> {
  const node = startNode('enqueue', target, markers);
  let out = '';
  node.stdout!.on('data', (chunk) => (out += chunk));
  let err = '';
  node.stderr!.on('data', (chunk) => (err += chunk));
  await waitFor('the job to be enqueued', () => (out.includes('enqueued') ? true : node.exitCode !== null ? assert.fail(err) : undefined));
  await kill9(node);
}

const { kinds, skipped } = databaseKinds();
for (const kind of kinds) {
  test(`a job enqueued before kill -9 runs after the restart [${kind}]`, async () => {
    const target = await targetFor(kind);
    const markers = markerDir();
    await enqueueThenCrash(target, markers);
    assert.equal(doneMarker(markers), undefined, 'nothing ran before the restart');
    const worker = startNode('work', target, markers);
    assert.equal(await waitFor('the job to run after the restart', () => doneMarker(markers)), 'written before the crash');
    await kill9(worker);
  });

  test(`a job running on a node killed mid-run runs again after it expires [${kind}]`, async () => {
    const target = await targetFor(kind);
    const markers = markerDir();
    await enqueueThenCrash(target, markers);
    const hanging = startNode('hang', target, markers);
    await waitFor('the job to start', () => (readdirSync(markers).includes('started') ? true : undefined));
    await kill9(hanging);
    const worker = startNode('work', target, markers);
    assert.equal(await waitFor('the job to run again', () => doneMarker(markers)), 'written before the crash');
    await kill9(worker);
  });
}
if (skipped) test('job crash tests on PostgreSQL', { skip: skipped }, () => {});
