// buildApp(options): the whole HTTP application, used by the server, the tests and the benchmarks.
// Plugins load in order: ecosystem plugins → platform plugins → module routes.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { DEMO_RESIDENTS } from './demo/demo-data.ts';
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/index.ts';
import { registerHealth } from './platform/http/health.ts';
import { answerFrameworkError, registerInputGuard } from './platform/http/input-guard.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { registerOpenApi } from './platform/http/openapi.ts';
import { registerProblemHandlers } from './platform/http/problems.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { isLang } from './platform/i18n.ts';
import type { JobQueue } from './platform/jobs/index.ts';
import { loggerOptions } from './platform/logging.ts';
import { ErrorPage } from './web/error-page.tsx';
import { pageContext, sendPage } from './web/page.ts';
import { adminModule } from './modules/admin/index.tsx';
import { applicationsModule } from './modules/applications/index.ts';
import { consoleModule } from './modules/console/index.tsx';
import { evidenceModule, loadEvidenceKeys, type EvidenceKeys } from './modules/evidence/index.ts';
import { formsModule } from './modules/forms/index.ts';
import { helpModule } from './modules/help/index.ts';
import { benefitsRoutes, cataloguePages, maintenanceRoutes, searchRoutes } from './modules/catalogue/index.ts';
import { identityGuard, identityModule } from './modules/identity/index.ts';
import { municipalitiesModule } from './modules/municipalities/index.ts';
import { portalModule } from './modules/portal/index.tsx';
import { createDbTestPkiStore, createTestPkiLinks, signaturesPlugin, type CertificateLinkService } from './modules/signatures/index.ts';
import { safeLocalPath } from './web/assets/local-path.js';

export interface AppDeps {
  config: Config;
  db: Db;
  jobs: JobQueue;
  /** In the demo, the demo residents' test cards the login and signing pages offer; else none. */
  demoCards: readonly DemoCardHolder[];
  /** The evidence log's name and keys (the current verifier key goes into every proof bundle). */
  evidenceKeys: EvidenceKeys;
}

export interface DemoCardHolder {
  cardId: string;
  name: string;
}

export interface BuildAppOptions extends Omit<AppDeps, 'demoCards' | 'evidenceKeys'> {
  /** A logger to use instead of building one from the config (tests pass a silent one). */
  logger?: FastifyBaseLogger;
  /** The evidence keys, when the caller loaded them already (to refuse a start early); else loaded here. */
  evidenceKeys?: EvidenceKeys;
  /**
   * Sign evidence checkpoints while the app is up (job-running nodes: the server with RUN_JOBS).
   * Off by default, so that a test app writes nothing behind its tests' back.
   */
  checkpoints?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;
const ASSETS = fileURLToPath(new URL('./web/assets/', import.meta.url));
const TOKENS_CSS = fileURLToPath(import.meta.resolve('@digital-go-jp/design-tokens/dist/tokens.css'));

/**
 * The link service between a card's authentication and signature certificates (R17). Only the test
 * PKI's exists: J-LIS's service, offered to registered signature verifiers, takes its place here
 * as another CERTIFICATE_LINKS value once the platform is registered with it.
 */
function certificateLinksFor(config: Config, db: Db): CertificateLinkService {
  switch (config.CERTIFICATE_LINKS) {
    case 'test-pki':
      return createTestPkiLinks(createDbTestPkiStore(db));
  }
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: loggerOptions(config.LOG_LEVEL) }),
    trustProxy: config.TRUST_PROXY,
    // Honour a caller's request id when it looks like one, so logs join up across systems.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    frameworkErrors: answerFrameworkError,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Demo data is the app's to give: modules do not import src/demo (issue #11, point 10).
  const demoCards = config.demo ? DEMO_RESIDENTS.map((r) => ({ cardId: r.cardId, name: r.resident.name })) : [];
  const evidenceKeys = options.evidenceKeys ?? (await loadEvidenceKeys(config.evidence));
  app.decorate('deps', { config: options.config, db: options.db, jobs: options.jobs, demoCards, evidenceKeys });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Ecosystem plugins.
  await app.register(cookie);
  await app.register(formbody);
  // The embedded server usually runs on plain http on a laptop; production sits behind TLS.
  registerSecurityHeaders(app, { hsts: config.publicUrl.startsWith('https:') });
  await app.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_MAX,
    timeWindow: '1 minute',
    allowList: (request) => ['/healthz', '/readyz', '/metrics'].includes(request.url),
  });

  // Platform plugins. The input guard first: its hooks run before every other plugin's, and it
  // sees every route registered after it.
  registerInputGuard(app);
  registerProblemHandlers(app, {
    errorPage: (request, reply, error) =>
      sendPage(reply, ErrorPage({ ctx: pageContext(request, 'resident'), error, requestId: request.id }), error.status),
  });
  await registerOpenApi(app, config);
  const metrics = registerMetrics(app, options.jobs, { allow: config.metricsAllow, token: config.METRICS_TOKEN });
  registerHealth(app, options.db);
  // local-path.d.ts types the server's import of local-path.js; browsers have no use for it.
  await app.register(fastifyStatic, { root: ASSETS, prefix: '/assets/', maxAge: '1h', index: false, allowedPath: (path) => !path.endsWith('.d.ts') });
  app.get('/assets/tokens.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').sendFile('tokens.css', TOKENS_CSS.replace(/tokens\.css$/, '')),
  );
  app.get<{ Params: { lang: string }; Querystring: { next?: string } }>(
    '/lang/:lang',
    { schema: { hide: true } },
    async (request, reply) => {
      const { lang } = request.params;
      const next = safeLocalPath(request.query.next);
      if (isLang(lang)) reply.setCookie('lang', lang, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
      return reply.redirect(next, 303);
    },
  );

  // Access control before any module's routes: each route states its callers in config.auth.
  const secureCookies = config.publicUrl.startsWith('https:');
  await app.register(identityGuard, { db: options.db, secureCookies });

  // Modules.
  await app.register(identityModule, { db: options.db, secureCookies });
  await app.register(municipalitiesModule, { db: options.db });
  await app.register(benefitsRoutes);
  await app.register(searchRoutes, { db: options.db });
  await app.register(portalModule);
  await app.register(cataloguePages, { db: options.db });
  await app.register(maintenanceRoutes, { db: options.db });
  await app.register(formsModule, { db: options.db });
  await app.register(consoleModule);
  await app.register(adminModule, { db: options.db, jobs: options.jobs });
  await app.register(applicationsModule, { db: options.db, jobs: options.jobs, certificateLinks: certificateLinksFor(config, options.db) });
  await app.register(helpModule, { db: options.db });
  // Test cards are usable from the browser only where demo data is: never in production.
  await app.register(signaturesPlugin, { db: options.db, exposeTestCards: config.demo });
  await app.register(evidenceModule, {
    db: options.db,
    keys: evidenceKeys,
    metrics,
    checkpointer: options.checkpoints ? { intervalMs: config.evidence.checkpointIntervalMs, logger: app.log.child({ component: 'evidence' }) } : null,
  });

  return app;
}
