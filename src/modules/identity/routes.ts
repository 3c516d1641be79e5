// JSON API of identity: who am I.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { problemResponse } from '../../platform/http/schemas.ts';
import { signOut } from './sign-out.ts';

const Me = Type.Union([
  Type.Object({ kind: Type.Literal('resident'), residentId: Type.String(), homeMunicipalityCode: Type.Union([Type.String(), Type.Null()]) }),
  Type.Object({
    kind: Type.Literal('staff'),
    staffId: Type.String(),
    loginId: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(Type.String()),
    municipalityCode: Type.Union([Type.String(), Type.Null()]),
    prefectureCode: Type.Union([Type.String(), Type.Null()]),
    stage: Type.String({ description: 'active, or the sign-in step still to do' }),
  }),
  Type.Object({ kind: Type.Literal('system'), clientId: Type.String(), name: Type.String(), municipalityCode: Type.String(), scopes: Type.Array(Type.String()) }),
]);

export const identityRoutes: FastifyPluginAsyncTypebox<{ db: Db; secureCookies: boolean }> = async (app, deps) => {
  // Sign-out from a page: a form post with the session's CSRF token, then back to the start page.
  const allStages = ['active', 'password_change', 'totp', 'totp_enroll'] as const;
  for (const [path, everywhere, kind] of [
    ['/logout', false, 'resident'],
    ['/logout/everywhere', true, 'resident'],
    ['/staff/logout', false, 'staff'],
    ['/staff/logout/everywhere', true, 'staff'],
  ] as const) {
    app.post(
      path,
      { config: { auth: kind === 'resident' ? { resident: true } : { staff: { stages: [...allStages] } } }, schema: { hide: true } },
      async (request, reply) => {
        await signOut(deps, request, reply, { everywhere });
        return reply.redirect(kind === 'resident' ? '/?signedOut=1' : '/staff/login?signedOut=1', 303);
      },
    );
  }

  app.get(
    '/api/v1/me',
    {
      config: { auth: { resident: true, staff: { stages: ['active', 'password_change', 'totp', 'totp_enroll'] }, system: true } },
      schema: { tags: ['identity'], summary: 'The caller: a resident, a member of staff or an API client', response: { 200: Me, 401: problemResponse } },
    },
    async (request) => {
      const p = request.principal!;
      if (p.kind === 'resident') return { kind: 'resident' as const, residentId: p.residentId, homeMunicipalityCode: p.homeMunicipalityCode };
      if (p.kind === 'staff') {
        const { kind, staffId, loginId, displayName, roles, municipalityCode, prefectureCode, stage } = p;
        return { kind, staffId, loginId, displayName, roles, municipalityCode, prefectureCode, stage };
      }
      return { kind: 'system' as const, clientId: p.clientId, name: p.name, municipalityCode: p.municipalityCode, scopes: p.scopes };
    },
  );
};
