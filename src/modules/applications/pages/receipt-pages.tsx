// The receipt and my applications (PRODUCT.md §3.4, R1): the reference number and arrival time, the
// status timeline, replies to requests with more documents, withdrawal, the proof of arrival from
// the evidence log (issue #12), and the receipt as a PDF.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import type { Text } from '../../../platform/i18n.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { currentVerifierKey } from '../../evidence/index.ts';
import { limitsOf, type ApplicationsDeps } from '../deps.ts';
import { listMyDrafts } from '../get-draft.ts';
import { getMyReceiptPdf } from '../get-receipt-pdf.ts';
import { isMultipartBody } from '../multipart.ts';
import { getMyApplication, listMyApplications } from '../my-applications.ts';
import type { ApplicationDetail } from '../present.ts';
import { replyToRequest } from '../reply-to-request.ts';
import { withdrawApplication } from '../withdraw-application.ts';
import { ApplicationPage, MyApplicationsPage } from '../views/receipt-pages.tsx';
import { hide, resident, residentOf } from './common.ts';

export function registerReceiptPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  app.get<{ Querystring: { discarded?: string } }>('/me/applications', { config: resident, schema: hide }, async (request, reply) => {
    const residentId = residentOf(request);
    const [{ items: applications }, drafts] = await Promise.all([listMyApplications(deps, { residentId, limit: 100 }), listMyDrafts(deps, { residentId })]);
    return sendPage(reply, <MyApplicationsPage ctx={pageContext(request, 'resident')} applications={applications} drafts={drafts} discarded={Boolean(request.query.discarded)} />);
  });

  function applicationPage(request: FastifyRequest, reply: FastifyReply, application: ApplicationDetail, error: AppError | null, notice: Text | null, status = 200) {
    const sent = Boolean(notice && status === 200 && (request.query as { sent?: string }).sent);
    return sendPage(reply, <ApplicationPage ctx={pageContext(request, 'resident')} application={application} error={error} notice={notice} sent={sent} />, status);
  }

  app.get<{ Params: { id: string }; Querystring: { sent?: string; done?: string } }>('/applications/:id', { config: resident, schema: hide }, async (request, reply) => {
    const application = await getMyApplication(deps, { residentId: residentOf(request), applicationId: request.params.id });
    const notice = request.query.sent
      ? { ja: '市区町村に到達しました。受付番号と到達日時を控えてください。', en: 'Your application has arrived at the municipality. Keep the reference number and arrival time.' }
      : request.query.done === 'withdrawn'
        ? { ja: '申請を取り下げました。', en: 'The application was withdrawn.' }
        : request.query.done === 'replied'
          ? { ja: '回答を送りました。', en: 'Your reply was sent.' }
          : null;
    return applicationPage(request, reply, application, null, notice);
  });

  // The receipt as a PDF with its Japanese font embedded (docs/adr/0017-receipt-pdf.md).
  app.get<{ Params: { id: string } }>('/applications/:id/receipt.pdf', { config: resident, schema: hide }, async (request, reply) => {
    const pdf = await getMyReceiptPdf(deps, { residentId: residentOf(request), applicationId: request.params.id, verifierKey: currentVerifierKey(app.deps.evidenceKeys) });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${pdf.filename}"`)
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(pdf.bytes.buffer, pdf.bytes.byteOffset, pdf.bytes.byteLength));
  });

  app.post<{ Params: { id: string }; Body: { reason?: string } }>('/applications/:id/withdraw', { config: resident, schema: hide }, async (request, reply) => {
    const reason = typeof request.body?.reason === 'string' && request.body.reason.trim() !== '' ? request.body.reason.trim() : undefined;
    await withdrawApplication(deps, { residentId: residentOf(request), applicationId: request.params.id, ...(reason ? { reason } : {}) });
    return reply.redirect(`/applications/${request.params.id}?done=withdrawn`, 303);
  });

  app.post<{ Params: { id: string } }>(
    '/applications/:id/replies',
    { config: resident, schema: hide, bodyLimit: limitsOf(deps).maxBytes + 256 * 1024 },
    async (request, reply) => {
      const residentId = residentOf(request);
      const body = request.body;
      const message = isMultipartBody(body) && typeof body.message === 'string' ? body.message : '';
      const files = isMultipartBody(body) ? body.files.filter((f) => f.bytes.byteLength > 0).map((f) => ({ filename: f.filename, bytes: f.bytes })) : [];
      try {
        await replyToRequest(deps, { residentId, applicationId: request.params.id, message, files });
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        return applicationPage(request, reply, await getMyApplication(deps, { residentId, applicationId: request.params.id }), error, null, error.status);
      }
      return reply.redirect(`/applications/${request.params.id}?done=replied`, 303);
    },
  );
}
