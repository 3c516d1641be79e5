// JSON API of the municipality master: public reference data, no tenancy needed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { problemResponse } from '../../platform/http/schemas.ts';
import { getMunicipalityDetail, toApi } from './get-municipality.ts';
import { findMunicipalities, listPrefectures } from './repository.ts';
import { MunicipalityCode, MunicipalityDetail, MunicipalityList, MunicipalityListQuery, Prefecture } from './schemas.ts';

const tags = ['municipalities'];
const problem = problemResponse;

export const municipalityRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/v1/prefectures',
    { schema: { tags, summary: 'All 47 prefectures', response: { 200: Type.Object({ items: Type.Array(Prefecture) }) } } },
    async () => ({ items: await listPrefectures(db.kysely) }),
  );

  app.get(
    '/api/v1/municipalities',
    {
      schema: {
        tags,
        summary: 'Search municipalities by name, reading, code or prefecture',
        querystring: MunicipalityListQuery,
        response: { 200: MunicipalityList, 400: problem },
      },
    },
    async (request) => {
      const { q, prefecture, wards, limit = 50, offset = 0 } = request.query;
      const result = await findMunicipalities(db.kysely, { q, prefecture, includeWards: wards, limit, offset });
      return { total: result.total, items: result.items.map(toApi) };
    },
  );

  app.get(
    '/api/v1/municipalities/:code',
    {
      schema: {
        tags,
        summary: 'One municipality, with its wards if it is a designated city',
        params: Type.Object({ code: MunicipalityCode }),
        response: { 200: MunicipalityDetail, 400: problem, 404: problem },
      },
    },
    async (request) => getMunicipalityDetail(db.kysely, request.params.code),
  );
};
