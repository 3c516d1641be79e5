// Prometheus metrics at /metrics: request durations by route and status, process metrics, and
// the depth of each job queue.
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { JobQueue } from '../jobs/index.ts';

export function registerMetrics(app: FastifyInstance, jobs: JobQueue): Registry {
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
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  return registry;
}
