// Check and send (PRODUCT.md §3.4, R3, R5): the answers and attachments to check, then the card step
// (JavaScript: the browser asks the card to sign) or, where the service allows it, the simple
// application, which works without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { FORMS } from '../forms.ts';
import { getDraft, type DraftView } from '../get-draft.ts';
import { submitApplication } from '../submit-application.ts';
import { CheckPage } from '../views/check-page.tsx';
import { hide, loadDemoCards, resident, residentOf, signingNeedsScript, versionOf } from './common.ts';

export function registerCheckPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  const { demoCards } = app.deps;

  async function checkPage(request: FastifyRequest, reply: FastifyReply, draft: DraftView, error: AppError | null, status = 200) {
    const version = await versionOf(deps.db, draft);
    const checked = FORMS.checkFormData(version, draft.data);
    // The card step is offered only once the draft can be sent.
    const ready = checked.errors.length === 0 && draft.attachmentCheck.missing.length === 0;
    const cards = ready ? await loadDemoCards(deps.db, demoCards, request) : null;
    return sendPage(reply, <CheckPage ctx={pageContext(request, 'resident')} draft={draft} version={version} checked={checked} error={error} cards={cards} />, status);
  }

  app.get<{ Params: { draftId: string } }>('/applications/drafts/:draftId/check', { config: resident, schema: hide }, async (request, reply) => {
    const draft = await getDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
    return checkPage(request, reply, draft, null);
  });

  // Without JavaScript: the simple application posts here; a signed one cannot come without the card step.
  app.post<{ Params: { draftId: string }; Body: { method?: string; idempotencyKey?: string } }>(
    '/applications/drafts/:draftId/submit',
    { config: resident, schema: hide },
    async (request, reply) => {
      const residentId = residentOf(request);
      const { draftId } = request.params;
      const key = typeof request.body?.idempotencyKey === 'string' && /^[\w-]{8,100}$/.test(request.body.idempotencyKey) ? request.body.idempotencyKey : undefined;
      try {
        if (request.body?.method !== 'simple') throw signingNeedsScript();
        const { application } = await submitApplication(deps, { residentId, draftId, method: 'simple', ...(key ? { idempotencyKey: key } : {}) });
        return reply.redirect(`/applications/${application.id}?sent=1`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
        // A retry after the draft became an application: the key finds it (handled above); otherwise show why.
        return checkPage(request, reply, await getDraft(deps, { residentId, draftId }), error, error.status);
      }
    },
  );
}
