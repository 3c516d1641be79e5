// The staff API over applications (the minimum to move the timeline; the console inbox and packages
// are the intake module's): list, read, download an attachment, change the status. Scoped to the
// staff member's municipality (R15): another municipality's application answers 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { problemResponse } from '../../platform/http/schemas.ts';
import type { StaffRole } from '../../platform/db/tables.ts';
import { scopeOf, type StaffPrincipal } from '../identity/index.ts';
import type { ApplicationsDeps } from './deps.ts';
import { changeApplicationStatus, getApplicationForStaff, listApplicationsForStaff, readAttachmentForStaff, type StaffActor } from './handle-application.ts';
import * as S from './schemas.ts';
import { sendFile } from './routes.ts';

const tags = ['applications (staff)'];
const READERS: StaffRole[] = ['municipality_admin', 'application_handler', 'viewer'];
const HANDLERS: StaffRole[] = ['municipality_admin', 'application_handler'];

function actorOf(request: FastifyRequest): StaffActor {
  const principal = request.principal as StaffPrincipal;
  return { staffId: principal.staffId, scope: scopeOf(principal) };
}

export const staffApplicationRoutes: FastifyPluginAsyncTypebox<{ deps: ApplicationsDeps }> = async (app, { deps }) => {
  const errors = { 400: problemResponse, 401: problemResponse, 403: problemResponse, 404: problemResponse, 409: problemResponse };

  app.get(
    '/api/v1/staff/applications',
    {
      config: { auth: { staff: { roles: READERS } } },
      schema: { tags, summary: 'The municipality’s applications, newest arrival first', querystring: S.StaffListQuery, response: { 200: S.ReceiptListSchema, ...errors } },
    },
    async (request) => listApplicationsForStaff(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/staff/applications/:id',
    {
      config: { auth: { staff: { roles: READERS } } },
      schema: { tags, summary: 'One application: receipt, data, originals checklist (R5), timeline, and who signed it beside whose account it is (R17)', params: S.ApplicationParams, response: { 200: S.StaffDetailSchema, ...errors } },
    },
    async (request) => getApplicationForStaff(deps, actorOf(request), { applicationId: request.params.id }),
  );

  app.get(
    '/api/v1/staff/applications/:id/attachments/:attachmentId',
    {
      config: { auth: { staff: { roles: READERS } } },
      schema: { tags, summary: 'Download an attachment', params: S.ApplicationAttachmentParams, response: { 404: problemResponse } },
    },
    async (request, reply) => {
      const file = await readAttachmentForStaff(deps, actorOf(request), { applicationId: request.params.id, attachmentId: request.params.attachmentId });
      return sendFile(reply, file);
    },
  );

  app.post(
    '/api/v1/staff/applications/:id/status',
    {
      config: { auth: { staff: { roles: HANDLERS } } },
      schema: {
        tags,
        summary: 'Move an application on: received, in review, information requested (with a message), accepted or rejected',
        params: S.ApplicationParams,
        body: S.StaffStatusBody,
        response: { 200: S.DetailSchema, ...errors },
      },
    },
    async (request) =>
      changeApplicationStatus(deps, actorOf(request), { applicationId: request.params.id, status: request.body.status, message: request.body.message ?? null }),
  );
};
