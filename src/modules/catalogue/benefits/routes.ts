// POST /api/v1/benefits/estimate: public, no database; the schemas validate shape, the use case
// validates meaning (dates, check digit) and answers with every benefit, eligible or not.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponse } from '../../../platform/http/schemas.ts';
import { estimateBenefits } from './estimate-benefits.ts';
import { EstimateRequestSchema, EstimateResponseSchema } from './schemas.ts';

export const benefitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/benefits/estimate',
    {
      schema: {
        tags: ['catalogue'],
        summary: 'Estimate cash benefits for a household, with the reasons for each',
        description:
          '児童手当, 児童扶養手当, 特別児童扶養手当, 障害児福祉手当 and, in Tokyo, 児童育成手当 (育成手当・障害手当). ' +
          'Without an income, each income-tested amount is the range over possible incomes.',
        body: EstimateRequestSchema,
        response: { 200: EstimateResponseSchema, 400: problemResponse },
      },
    },
    async (request) => estimateBenefits(request.body),
  );
};
