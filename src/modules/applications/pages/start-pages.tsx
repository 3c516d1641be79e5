// Starting an application from a service page (PRODUCT.md §3.4): the drafts already started for it,
// a new draft on the server, and a draft resumed at the step reached (on any device).
import type { FastifyInstance } from 'fastify';
import { pageContext, sendPage } from '../../../web/page.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { getDraft, listMyDrafts } from '../get-draft.ts';
import { loadServiceForApplication } from '../service-rules.ts';
import { startDraft } from '../start-draft.ts';
import { StartPage } from '../views/start-page.tsx';
import { hide, resident, residentOf, versionOf } from './common.ts';

export function registerStartPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  app.get<{ Params: { serviceId: string } }>('/services/:serviceId/apply', { config: resident, schema: hide }, async (request, reply) => {
    const ctx = pageContext(request, 'resident');
    const service = await loadServiceForApplication(deps.db, request.params.serviceId);
    const drafts = (await listMyDrafts(deps, { residentId: residentOf(request) })).filter((d) => d.service.id === service.id);
    return sendPage(reply, <StartPage ctx={ctx} service={service} drafts={drafts} />);
  });

  app.post<{ Params: { serviceId: string } }>('/services/:serviceId/apply', { config: resident, schema: hide }, async (request, reply) => {
    const draft = await startDraft(deps, { residentId: residentOf(request), serviceId: request.params.serviceId });
    return reply.redirect(`/applications/drafts/${draft.id}`, 303);
  });

  app.get<{ Params: { draftId: string } }>('/applications/drafts/:draftId', { config: resident, schema: hide }, async (request, reply) => {
    const draft = await getDraft(deps, { residentId: residentOf(request), draftId: request.params.draftId });
    const version = await versionOf(deps.db, draft);
    const step = draft.currentStep && version.definition.layout.steps.some((s) => s.id === draft.currentStep) ? draft.currentStep : version.definition.layout.steps[0]!.id;
    return reply.redirect(`/applications/drafts/${draft.id}/steps/${step}`, 303);
  });
}
