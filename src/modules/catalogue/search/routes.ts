// Residents' search API (PRODUCT.md §3.2): public, no sign-in; services are public facts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../../platform/db/index.ts';
import { problemResponse } from '../../../platform/http/schemas.ts';
import { APPLY_METHODS, CATEGORIES, LIFE_EVENTS } from '../taxonomy.ts';
import { getPublicService } from './get-service.ts';
import { SearchQuerySchema, SearchResultSchema, ServiceDetailSchema, TermListSchema } from './schemas.ts';
import { forgetMemoryIndex, searchServices, type SearchEngine } from './search-services.ts';

const tags = ['catalogue'];

export const searchRoutes: FastifyPluginAsyncTypebox<{ db: Db; engine?: SearchEngine }> = async (app, { db, engine }) => {
  const deps = { db, ...(engine ? { engine } : {}) };
  app.addHook('onClose', async () => forgetMemoryIndex(db));

  app.get(
    '/api/v1/services',
    {
      schema: {
        tags,
        summary: 'Search published services by free words and filters',
        description:
          'Japanese free words are normalised (width, kana, long vowels, iteration marks, 子ども/子供/こども, 保育園/保育所, readings such as ほいく) ' +
          'and matched by bigrams; titles rank above bodies. With a municipality, its prefecture’s and the national services are included. ' +
          'When nothing matches exactly, near matches are returned with approximate: true.',
        querystring: SearchQuerySchema,
        response: { 200: SearchResultSchema, 400: problemResponse },
      },
    },
    async (request) => searchServices(deps, request.query),
  );

  app.get(
    '/api/v1/services/:id',
    {
      schema: {
        tags,
        summary: 'One published service with everything a resident needs to apply',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: ServiceDetailSchema, 404: problemResponse },
      },
    },
    async (request) => getPublicService(deps, request.params.id),
  );

  const list = (path: string, summary: string, terms: ReadonlyArray<{ id: string; label: { ja: string; en: string } }>) =>
    app.get(path, { schema: { tags, summary, response: { 200: TermListSchema } } }, async () => ({ items: terms.map((t) => ({ id: t.id, label: t.label })) }));
  list('/api/v1/categories', 'Service categories (制度) with Japanese and English labels', CATEGORIES);
  list('/api/v1/life-events', 'Life events with Japanese and English labels', LIFE_EVENTS);
  list('/api/v1/apply-methods', 'Ways to apply with Japanese and English labels', APPLY_METHODS);
};
