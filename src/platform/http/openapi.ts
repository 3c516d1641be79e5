// The JSON API is described by OpenAPI 3.1: the UI at /api/docs, the document at /api/docs/json.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kosodate One-Stop API',
        version: '1',
        description:
          'The JSON API of Kosodate One-Stop. Errors are application/problem+json (RFC 9457) with a stable `code`, ' +
          'an English `detail` and a Japanese `detailJa`.',
      },
      servers: [{ url: config.publicUrl }],
    },
    // Only the versioned JSON API is documented; pages and operational endpoints are not API.
    transform: ({ schema, url }) => ({
      schema: url.startsWith('/api/v1/') ? schema : { ...(schema ?? {}), hide: true },
      url,
    }),
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null, deepLinking: true },
    staticCSP: true,
    // The same strictness as our pages: no third-party hosts (the default lets the UI call out to
    // validator.swagger.io) and no forced https upgrade on a plain-http laptop.
    transformStaticCSP: () =>
      "default-src 'self'; base-uri 'self'; img-src 'self' data:; object-src 'none'; script-src 'self'; " +
      "style-src 'self'; font-src 'self'; frame-ancestors 'none'; form-action 'self'",
  });
}
