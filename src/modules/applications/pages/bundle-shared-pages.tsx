// A bundle's shared answers (PRODUCT.md §3.4): asked once, written into every draft of the bundle.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext, sendPage } from '../../../web/page.ts';
import { parseFormPost, SHARED_STEP_ID, type FieldError } from '../../forms/index.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { getBundle, type BundleView } from '../get-bundle.ts';
import { saveSharedAnswers } from '../save-shared-answers.ts';
import { BundleSharedPage } from '../views/bundle-shared-page.tsx';
import { hide, resident, residentOf } from './common.ts';

export function registerBundleSharedPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  function sharedPage(request: FastifyRequest, reply: FastifyReply, bundle: BundleView, values: Record<string, unknown>, errors: FieldError[], status = 200) {
    return sendPage(reply, <BundleSharedPage ctx={pageContext(request, 'resident')} bundle={bundle} values={values} errors={errors} />, status);
  }

  app.get<{ Params: { bundleKey: string } }>('/applications/bundles/:bundleKey/shared', { config: resident, schema: hide }, async (request, reply) => {
    const bundle = await getBundle(deps, { residentId: residentOf(request), bundleKey: request.params.bundleKey });
    return sharedPage(request, reply, bundle, bundle.answers, []);
  });

  app.post<{ Params: { bundleKey: string }; Body: Record<string, unknown> }>('/applications/bundles/:bundleKey/shared', { config: resident, schema: hide }, async (request, reply) => {
    const residentId = residentOf(request);
    const { bundleKey } = request.params;
    const bundle = await getBundle(deps, { residentId, bundleKey });
    const { data, action } = parseFormPost(bundle.shared.definition.layout, request.body ?? {}, { stepId: SHARED_STEP_ID });
    // A row added or removed: saved as typed and shown again, not judged yet (as the step pages do).
    const { errors } = await saveSharedAnswers(deps, { residentId, bundleKey, answers: data, validate: !action });
    if (action) return sharedPage(request, reply, await getBundle(deps, { residentId, bundleKey }), data, []);
    if (errors.length > 0) return sharedPage(request, reply, await getBundle(deps, { residentId, bundleKey }), data, errors, 400);
    return reply.redirect(`/applications/bundles/${bundleKey}`, 303);
  });
}
