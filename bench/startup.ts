// npm run bench -- startup
// Process start to the first 200 on / on the embedded database (a fresh data directory, then the
// same directory again), and RSS after start. Goal: ≤ 10 s. Baseline in the same run: a bare
// Fastify hello-world process started the same way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { line, rssMiB, spawnServer } from './_support.ts';

const GOAL_MS = 10_000;

async function timeToFirst200(args: string[], ready: RegExp, path: string, env: Record<string, string> = {}) {
  const started = performance.now();
  const server = await spawnServer(args, ready, env);
  for (;;) {
    const res = await fetch(`${server.url}${path}`).catch(() => null);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - started;
  const rss = rssMiB(server.child.pid!);
  await server.stop();
  return { ms, rss };
}

export default async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'onestop-bench-startup-'));
  try {
    const hello = await timeToFirst200(['--import', 'tsx', 'bench/_hello.ts'], /listening (\S+)/, '/');
    const onestop = ['bin/onestop.js', 'start', '--port', '0', '--data-dir', dir, '--log-level', 'warn'];
    const ready = /Resident portal\s+(\S+)\//;
    const fresh = await timeToFirst200(onestop, ready, '/');
    const warm = await timeToFirst200(onestop, ready, '/');
    const memory = await timeToFirst200(['bin/onestop.js', 'start', '--port', '0', '--memory', '--log-level', 'warn'], ready, '/');
    console.log('startup: process start to first 200 on /');
    line('bare Fastify hello-world (baseline)', `${(hello.ms / 1000).toFixed(2)} s`);
    for (const [label, r] of [
      ['embedded database, fresh data directory', fresh],
      ['embedded database, existing data directory', warm],
      ['embedded database, in memory (--memory)', memory],
    ] as const) {
      line(label, `${(r.ms / 1000).toFixed(2)} s`, `${(r.ms / hello.ms).toFixed(1)}× baseline, ${((r.ms / GOAL_MS) * 100).toFixed(0)}% of the 10 s goal`);
    }
    line('RSS after start (existing data directory)', `${warm.rss.toFixed(0)} MiB`, `baseline ${hello.rss.toFixed(0)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
