// A draft's attachments (PRODUCT.md §3.4, R4, R5): what the service needs, upload (the type read from
// the content) and removal; a refused file shows the page again with the reason at the field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { limitsOf, type ApplicationsDeps } from '../deps.ts';
import { getDraft, type DraftView } from '../get-draft.ts';
import { isMultipartBody } from '../multipart.ts';
import { removeAttachment } from '../remove-attachment.ts';
import { uploadAttachment } from '../upload-attachment.ts';
import { AttachmentsPage } from '../views/attachments-page.tsx';
import { hide, noFileChosen, resident, residentOf, versionOf } from './common.ts';

export function registerAttachmentPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  async function attachmentsPage(request: FastifyRequest, reply: FastifyReply, draft: DraftView, error: AppError | null, status = 200) {
    const version = await versionOf(deps.db, draft);
    return sendPage(reply, <AttachmentsPage ctx={pageContext(request, 'resident')} draft={draft} version={version} limits={limitsOf(deps)} error={error} />, status);
  }

  app.get<{ Params: { draftId: string } }>('/applications/drafts/:draftId/attachments', { config: resident, schema: hide }, async (request, reply) => {
    const draft = await getDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
    return attachmentsPage(request, reply, draft, null);
  });

  app.post<{ Params: { draftId: string } }>(
    '/applications/drafts/:draftId/attachments',
    { config: resident, schema: hide, bodyLimit: limitsOf(deps).maxBytes + 256 * 1024 },
    async (request, reply) => {
      const residentId = residentOf(request);
      const { draftId } = request.params;
      const body = request.body;
      const file = isMultipartBody(body) ? body.files.find((f) => f.field === 'file' && f.bytes.byteLength > 0) : undefined;
      try {
        if (!file) throw noFileChosen();
        const requirement = isMultipartBody(body) && typeof body.requirement === 'string' && body.requirement !== '' ? body.requirement : null;
        await uploadAttachment(deps, { residentId, draftId, filename: file.filename, requirement, bytes: file.bytes });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        return attachmentsPage(request, reply, await getDraft(deps, { residentId, draftId }), error, error.status);
      }
      return reply.redirect(`/applications/drafts/${draftId}/attachments`, 303);
    },
  );

  app.post<{ Params: { draftId: string; attachmentId: string } }>(
    '/applications/drafts/:draftId/attachments/:attachmentId/remove',
    { config: resident, schema: hide },
    async (request, reply) => {
      await removeAttachment(deps, { residentId: residentOf(request), draftId: request.params.draftId, attachmentId: request.params.attachmentId });
      return reply.redirect(`/applications/drafts/${request.params.draftId}/attachments`, 303);
    },
  );
}
