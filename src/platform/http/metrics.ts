// Prometheus metrics at /metrics: request durations by route and status, process metrics, and
// the depth of each job queue. Route names, queue depths and process figures tell an attacker much
// about the platform, so only the configured networks or a bearer token may read them (issue #11 §5).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from '../errors.ts';
import type { JobQueue } from '../jobs/index.ts';
import { isIpAllowed } from './networks.ts';

export interface MetricsAccess {
  /** CIDR blocks that may read without the token (METRICS_ALLOW). */
  allow: readonly string[];
  /** Opens /metrics from any address as `Authorization: Bearer …` (METRICS_TOKEN). */
  token?: string | undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function mayReadMetrics(request: FastifyRequest, access: MetricsAccess): boolean {
  const authorization = request.headers.authorization;
  if (access.token && authorization?.startsWith('Bearer ')) {
    // Digests of equal length, so the comparison takes the same time whatever was sent.
    if (timingSafeEqual(digest(authorization.slice(7).trim()), digest(access.token))) return true;
  }
  return isIpAllowed(request.ip, access.allow);
}

export function registerMetrics(app: FastifyInstance, jobs: JobQueue, access: MetricsAccess): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration in seconds',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  new Gauge({
    name: 'jobs_queued',
    help: 'Jobs waiting to run, by queue',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      for (const d of jobs.definitions()) {
        const stats = await jobs.stats(d.name).catch(() => null);
        if (!stats) continue;
        this.set({ queue: d.name, state: 'queued' }, stats.queued);
        this.set({ queue: d.name, state: 'active' }, stats.active);
        this.set({ queue: d.name, state: 'failed' }, stats.failed);
      }
    },
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the concrete path: ids must not become label values.
    const route = request.routeOptions.url ?? 'unmatched';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayReadMetrics(request, access)) {
      throw new AppError('metrics.forbidden', 'forbidden', 'Metrics are served only to the configured networks (METRICS_ALLOW) or with the token (METRICS_TOKEN).', {
        ja: 'メトリクスは設定されたネットワーク（METRICS_ALLOW）またはトークン（METRICS_TOKEN）でのみ取得できます。',
      });
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}
