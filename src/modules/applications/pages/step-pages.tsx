// The form, step by step (PRODUCT.md §3.4): rendered on the server, saved as the resident goes, the
// errors of a step shown at its fields; a row added or removed is saved without judging it yet.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, sendPage } from '../../../web/page.ts';
import { mergeStepData, parseFormPost, type FieldError, type FormVersion } from '../../forms/index.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { discardDraft } from '../discard-draft.ts';
import { getDraft, type DraftView } from '../get-draft.ts';
import { saveDraft } from '../save-draft.ts';
import { StepPage } from '../views/step-page.tsx';
import { hide, resident, residentOf, stepNotFound, versionOf } from './common.ts';

export function registerStepPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  function stepPage(request: FastifyRequest, reply: FastifyReply, draft: DraftView, version: FormVersion, stepId: string, errors: FieldError[], status = 200) {
    return sendPage(reply, <StepPage ctx={pageContext(request, 'resident')} draft={draft} version={version} stepId={stepId} errors={errors} />, status);
  }

  app.get<{ Params: { draftId: string; stepId: string } }>('/applications/drafts/:draftId/steps/:stepId', { config: resident, schema: hide }, async (request, reply) => {
    const draft = await getDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
    const version = await versionOf(deps.db, draft);
    if (!version.definition.layout.steps.some((s) => s.id === request.params.stepId)) throw stepNotFound();
    return stepPage(request, reply, draft, version, request.params.stepId, []);
  });

  app.post<{ Params: { draftId: string; stepId: string }; Body: Record<string, unknown> }>(
    '/applications/drafts/:draftId/steps/:stepId',
    { config: resident, schema: hide },
    async (request, reply) => {
      const residentId = residentOf(request);
      const { draftId, stepId } = request.params;
      const current = await getDraft(deps, { residentId, draftId });
      const version = await versionOf(deps.db, current);
      const steps = version.definition.layout.steps;
      const index = steps.findIndex((s) => s.id === stepId);
      if (index < 0) throw stepNotFound();
      const { data, action } = parseFormPost(version.definition.layout, request.body ?? {}, { stepId });
      const merged = mergeStepData(version.definition.layout, current.data, data, stepId);
      // The draft read above goes along: the save validates before it writes (the next step in the
      // same write) and answers without reading the draft again (issue 11 point 11).
      const known = { draft: current, version };
      // A row added or removed: save as typed and show the step again, without judging it yet.
      if (action) {
        const { draft } = await saveDraft(deps, { residentId, draftId, data: merged, currentStep: stepId, current: known });
        return stepPage(request, reply, draft, version, stepId, []);
      }
      const next = steps[index + 1];
      const { draft, errors } = await saveDraft(deps, { residentId, draftId, data: merged, currentStep: stepId, validateStep: stepId, ...(next ? { nextStep: next.id } : {}), current: known });
      if (errors.length > 0) return stepPage(request, reply, draft, version, stepId, errors, 400);
      return reply.redirect(next ? `/applications/drafts/${draftId}/steps/${next.id}` : `/applications/drafts/${draftId}/attachments`, 303);
    },
  );

  app.post<{ Params: { draftId: string } }>('/applications/drafts/:draftId/discard', { config: resident, schema: hide }, async (request, reply) => {
    await discardDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
    return reply.redirect('/me/applications?discarded=1', 303);
  });
}
