// Shared helpers of the benchmarks: child servers and result lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ChildServer {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn until the server printed its address. */
  startedMs: number;
  stop(): Promise<void>;
}

/** Spawns a server process and waits until a line of its stdout matches `ready` (group 1: the URL). */
export async function spawnServer(args: string[], ready: RegExp, env: Record<string, string> = {}, timeoutMs = 120_000): Promise<ChildServer> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c) => (err += c));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${err}`)), timeoutMs);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${err}`)));
  });
  return {
    child,
    url,
    startedMs: performance.now() - started,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

/** Resident set size of a process in MiB (Linux). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export function line(label: string, value: string, ratio?: string): void {
  process.stdout.write(`${label.padEnd(44)} ${value.padStart(14)}${ratio ? `   ${ratio}` : ''}\n`);
}

/**
 * Runs `fn` with the URL of a new, empty database on the PostgreSQL server of `url` (BENCH_DATABASE_URL
 * or TEST_DATABASE_URL), and drops that database afterwards, whatever happened.
 */
export async function throwawayDatabase<T>(url: string, fn: (databaseUrl: string) => Promise<T>): Promise<T> {
  const name = `onestop_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
