// Agency-specific codes: the system API (scope identity:codes) to register codes and check accounts
// (R7), and the staff page for the same check, singly or in bulk.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { problemResponse } from '../../platform/http/schemas.ts';
import { AGENCY_CODE_LENGTH } from './agency-codes.ts';
import { registerAccountCheckPages } from './account-check-pages.tsx';
import { checkAgencyCodes, MAX_CODES_PER_REQUEST } from './check-agency-codes.ts';
import type { SystemPrincipal } from './principal.ts';
import { registerAgencyCodes } from './register-agency-codes.ts';

const tags = ['identity'];

const Codes = Type.Object(
  {
    codes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      minItems: 1,
      maxItems: MAX_CODES_PER_REQUEST,
      description: `agency-specific codes of your municipality (${AGENCY_CODE_LENGTH} letters A–Z and digits 2–7; case, spaces and hyphens are ignored)`,
    }),
  },
  { additionalProperties: false },
);

const errors = { 400: problemResponse, 401: problemResponse, 403: problemResponse };

export const agencyCodeRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/api/v1/agency-codes/register',
    {
      config: { auth: { system: { scopes: ['identity:codes'] } } },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Register agency-specific codes your system knows (kept even before the resident has an account)',
        body: Codes,
        response: {
          200: Type.Object({
            received: Type.Integer(),
            added: Type.Integer({ description: 'codes not registered before' }),
            withAccount: Type.Integer({ description: 'codes whose resident has an account' }),
          }),
          ...errors,
        },
      },
    },
    async (request) => registerAgencyCodes({ db }, request, { principal: request.principal as SystemPrincipal, codes: request.body.codes }),
  );

  app.post(
    '/api/v1/agency-codes/check',
    {
      config: { auth: { system: { scopes: ['identity:codes'] } } },
      bodyLimit: 2 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Account check (R7): whether the residents behind your codes have an account',
        description: 'Only your own municipality’s codes are known: any other code answers hasAccount false, like a code never issued.',
        body: Codes,
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), hasAccount: Type.Boolean() })) }),
          ...errors,
        },
      },
    },
    async (request) => ({ items: await checkAgencyCodes({ db }, request, { principal: request.principal as SystemPrincipal, codes: request.body.codes }) }),
  );

  registerAccountCheckPages(app, { db });
};
