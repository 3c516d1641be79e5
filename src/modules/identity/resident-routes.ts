// Residents: card login (JSON API for the login page and for apps), the login page and the folder.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { problemResponse } from '../../platform/http/schemas.ts';
import { registerResidentPages } from './resident-pages.tsx';
import { signInResident } from './sign-in-resident.ts';
import { startResidentLogin } from './start-resident-login.ts';

const tags = ['identity'];

const Challenge = Type.Object({
  nonce: Type.String({ description: 'single use; send it back with the signature' }),
  digestInfo: Type.String({ description: 'base64 DER DigestInfo (SHA-256) for the card’s authentication application to sign' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

const LoginBody = Type.Object(
  {
    nonce: Type.String({ minLength: 1, maxLength: 100 }),
    certificate: Type.String({ minLength: 1, maxLength: 20_000, description: 'base64 DER of the authentication certificate (利用者証明用電子証明書)' }),
    signature: Type.String({ minLength: 1, maxLength: 2_000, description: 'base64 signature of the challenge’s DigestInfo' }),
  },
  { additionalProperties: false },
);

const LoginResult = Type.Object({
  residentId: Type.String({ format: 'uuid' }),
  created: Type.Boolean({ description: 'true at the first login: the account (the resident’s folder) was opened' }),
});

/** Card login is the one place a guessing attacker would knock: a tight limit per client address. */
const LOGIN_RATE = { max: 20, timeWindow: '1 minute' };

export const residentRoutes: FastifyPluginAsyncTypebox<{ db: Db; secureCookies: boolean }> = async (app, { db, secureCookies }) => {
  const audience = app.deps.config.publicUrl;

  app.post(
    '/api/v1/auth/resident/challenge',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Card login, step 1: a challenge for the authentication certificate to sign',
        response: { 200: Challenge, 429: problemResponse },
      },
    },
    async () => startResidentLogin({ db, audience }),
  );

  app.post(
    '/api/v1/auth/resident/login',
    {
      config: { rateLimit: LOGIN_RATE },
      schema: {
        tags,
        summary: 'Card login, step 2: verify the signed challenge, open the account at the first login, start a session (cookie)',
        description:
          'Verifies the certificate chain, validity and revocation. A refused card answers 401 with a code saying why (identity.card_revoked, identity.card_expired, …) and a message saying what to do; 503 identity.card_check_unavailable when revocation could not be checked.',
        body: LoginBody,
        response: { 200: LoginResult, 400: problemResponse, 401: problemResponse, 415: problemResponse, 429: problemResponse, 503: problemResponse },
      },
      // JSON only: a cross-site HTML form cannot send it, so nobody can be signed in to another's account.
      preValidation: async (request) => {
        if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
          throw new AppError('identity.json_required', 'unsupported_media_type', 'Send the login as application/json.', { ja: 'ログイン情報は application/json で送信してください。' });
        }
      },
    },
    async (request, reply) => signInResident({ db, audience, secureCookies }, request, reply, request.body),
  );

  registerResidentPages(app, { db });
};
