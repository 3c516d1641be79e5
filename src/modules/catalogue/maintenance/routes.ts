// The API for existing municipal systems (専用線 route, §3.3): scope services:write, the caller's own
// municipality only (R15). Thin handlers over the same use cases as the console and the import.
import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Db } from '../../../platform/db/index.ts';
import { problemResponse } from '../../../platform/http/schemas.ts';
import type { SystemPrincipal } from '../../identity/index.ts';
import { ServiceInputSchema } from '../service-input.ts';
import { exportServices } from './export-services.ts';
import { servicePages } from './pages.tsx';
import { findServiceOf, listServices } from './read-services.ts';
import { createService, setServiceStatus, updateService, type ServiceRow } from './save-service.ts';
import { inputOfRow, writerOf } from './service-fields.ts';
import { upsertServiceByExternalId } from './upsert-service-by-external-id.ts';

const tags = ['services'];
const auth = { system: { scopes: ['services:write'] } };
const errors = { 400: problemResponse, 401: problemResponse, 403: problemResponse, 404: problemResponse };

const Timestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const ServiceSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    externalId: Type.Union([Type.String(), Type.Null()], { description: 'サービスID of the open 制度 layout' }),
    municipalityCode: Type.Union([Type.String(), Type.Null()]),
    status: Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('unpublished')]),
    version: Type.Integer({ description: 'send it back with PUT for optimistic concurrency' }),
    ...ServiceInputSchema.properties,
    openData: Type.Object({}, { additionalProperties: true, description: 'fields of the open 制度 layout kept as imported' }),
    preRegisteredAt: Timestamp,
    adoptedAt: Timestamp,
    publishedAt: Timestamp,
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A municipal service' },
);

const UpdateBody = Type.Object(
  { ...ServiceInputSchema.properties, version: Type.Optional(Type.Integer({ minimum: 1, description: 'the version you read; a newer one answers 409' })) },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-fA-F-]{36}$' }) });

export function apiServiceOf(row: ServiceRow): Static<typeof ServiceSchema> {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    externalId: row.external_id,
    municipalityCode: row.municipality_code,
    status: row.status,
    version: row.version,
    ...inputOfRow(row),
    openData: (row.open_data ?? {}) as Record<string, unknown>,
    preRegisteredAt: iso(row.pre_registered_at),
    adoptedAt: iso(row.adopted_at),
    publishedAt: iso(row.published_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function withoutVersion(body: Static<typeof UpdateBody>): { input: Record<string, unknown>; version: number | undefined } {
  const { version, ...input } = body;
  return { input, version };
}

export const serviceApiRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, deps) => {
  const writer = (request: { principal: unknown }) => writerOf(request.principal as SystemPrincipal);

  app.get(
    '/api/v1/system/services',
    {
      config: { auth },
      schema: {
        tags,
        summary: "List your municipality's services, newest change first (offset paging)",
        querystring: Type.Object({
          status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('unpublished')])),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(ServiceSchema),
            total: Type.Integer(),
            limit: Type.Integer(),
            offset: Type.Integer(),
            nextOffset: Type.Union([Type.Integer(), Type.Null()], { description: 'offset of the next page; null on the last' }),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { limit, offset, status } = request.query;
      const page = await listServices(deps, writer(request), { status, limit, offset });
      return { items: page.rows.map(apiServiceOf), total: page.total, limit, offset, nextOffset: offset + limit < page.total ? offset + limit : null };
    },
  );

  app.post(
    '/api/v1/system/services',
    { config: { auth }, schema: { tags, summary: 'Create a service (as a draft)', body: ServiceInputSchema, response: { 201: ServiceSchema, ...errors } } },
    async (request, reply) => reply.status(201).send(apiServiceOf(await createService(deps, writer(request), { input: request.body }))),
  );

  app.get(
    '/api/v1/system/services/export',
    {
      config: { auth },
      schema: {
        tags,
        summary: "Your municipality's services in the open 制度 layout (CSV or JSON), as the bulk import reads them",
        querystring: Type.Object({ format: Type.Union([Type.Literal('csv'), Type.Literal('json')], { default: 'json' }) }),
        response: { 200: { description: 'text/csv (UTF-8 with BOM) or application/json { systemsData: [...] }', type: 'string' }, ...errors },
      },
    },
    async (request, reply) => {
      const file = await exportServices(deps, writer(request), { format: request.query.format });
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    },
  );

  app.get(
    '/api/v1/system/services/:id',
    { config: { auth }, schema: { tags, summary: 'One of your services', params: IdParams, response: { 200: ServiceSchema, ...errors } } },
    async (request) => apiServiceOf(await findServiceOf(deps, writer(request), request.params.id)),
  );

  app.put(
    '/api/v1/system/services/:id',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Replace a service (a new version); with `version`, only if nobody changed it since',
        params: IdParams,
        body: UpdateBody,
        response: { 200: ServiceSchema, 409: problemResponse, ...errors },
      },
    },
    async (request) => {
      const { input, version } = withoutVersion(request.body);
      await findServiceOf(deps, writer(request), request.params.id);
      return apiServiceOf(await updateService(deps, writer(request), { id: request.params.id, input, ...(version === undefined ? {} : { expectedVersion: version }) }));
    },
  );

  for (const action of ['publish', 'unpublish'] as const) {
    app.post(
      `/api/v1/system/services/:id/${action}`,
      {
        config: { auth },
        schema: {
          tags,
          summary: action === 'publish' ? 'Publish a service to residents' : 'Withdraw a service from residents',
          params: IdParams,
          body: Type.Optional(Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) })),
          response: { 200: ServiceSchema, 409: problemResponse, ...errors },
        },
      },
      async (request) => {
        const version = request.body?.version;
        await findServiceOf(deps, writer(request), request.params.id);
        const row = await setServiceStatus(deps, writer(request), { id: request.params.id, status: action === 'publish' ? 'published' : 'unpublished', ...(version === undefined ? {} : { expectedVersion: version }) });
        return apiServiceOf(row);
      },
    );
  }

  app.put(
    '/api/v1/system/services/by-external-id/:externalId',
    {
      config: { auth },
      schema: {
        tags,
        summary: 'Create or replace a service by its サービスID (the key your system already has)',
        description: 'Without `version`: creates the service (201) or replaces it (200). With `version`: only replaces that version (409 if newer; 404 if there is no such service).',
        params: Type.Object({ externalId: Type.String({ minLength: 1, maxLength: 200 }) }),
        body: UpdateBody,
        response: { 200: ServiceSchema, 201: ServiceSchema, 409: problemResponse, ...errors },
      },
    },
    async (request, reply) => {
      const { input, version } = withoutVersion(request.body);
      const { service, created } = await upsertServiceByExternalId(deps, writer(request), { externalId: request.params.externalId, input, version });
      return reply.status(created ? 201 : 200).send(apiServiceOf(service));
    },
  );
};

/** Service maintenance: the staff console pages and the API for existing systems. */
export const maintenanceRoutes: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  await app.register(serviceApiRoutes, deps);
  await app.register(servicePages, deps);
};
