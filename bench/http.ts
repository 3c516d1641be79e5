// npm run bench -- http [seconds]
// Requests per second of /healthz and of the resident home page, each as a ratio to a bare
// Fastify hello-world measured in the same run. Each server runs in its own process; the load
// generator (autocannon) runs here, so on two cores each side has one.
import autocannon from 'autocannon';
import { line, spawnServer } from './_support.ts';

async function load(url: string, seconds: number): Promise<{ rps: number; p99: number; errors: number; non2xx: number }> {
  const result = await autocannon({ url, connections: 32, pipelining: 1, duration: seconds });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
}

export default async function run(args: string[]): Promise<void> {
  const seconds = Number(args[0] ?? 8);
  const hello = await spawnServer(['--import', 'tsx', 'bench/_hello.ts'], /listening (\S+)/);
  await load(hello.url, 1); // warm-up
  const base = await load(hello.url, seconds);
  await hello.stop();

  const app = await spawnServer(
    ['bin/onestop.js', 'start', '--memory', '--port', '0', '--log-level', 'warn'],
    /Resident portal\s+(\S+)\//,
    { RATE_LIMIT_MAX: '1000000000' },
  );
  await load(`${app.url}/`, 1);
  const health = await load(`${app.url}/healthz`, seconds);
  const home = await load(`${app.url}/`, seconds);
  await app.stop();

  console.log(`http: ${seconds} s per run, 32 connections, server and load generator in separate processes`);
  line('bare Fastify hello-world (baseline)', `${base.rps.toFixed(0)} req/s`, `p99 ${base.p99} ms`);
  for (const [label, r] of [
    ['/healthz (all platform plugins)', health],
    ['/ resident home page (server-rendered HTML)', home],
  ] as const) {
    const failures = r.errors + r.non2xx;
    line(label, `${r.rps.toFixed(0)} req/s`, `${(r.rps / base.rps).toFixed(2)}× baseline, p99 ${r.p99} ms${failures ? `, ${failures} failed` : ''}`);
  }
}
