// A bundle checked together and signed once (PRODUCT.md §3.4): each draft becomes its own
// application with its own reference number and arrival time (R1). The card step needs JavaScript;
// without it, each draft can still be sent on its own where the service allows.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../../platform/errors.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { getBundle, type BundleView } from '../get-bundle.ts';
import { BundleCheckPage } from '../views/bundle-check-page.tsx';
import { hide, loadDemoCards, resident, residentOf, signingNeedsScript } from './common.ts';

export function registerBundleCheckPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  const { demoCards } = app.deps;

  async function checkPage(request: FastifyRequest, reply: FastifyReply, bundle: BundleView, error: AppError | null, status = 200) {
    // The card step is offered only once every draft of the bundle can be sent.
    const cards = bundle.ready ? await loadDemoCards(deps.db, demoCards, request) : null;
    return sendPage(reply, <BundleCheckPage ctx={pageContext(request, 'resident')} bundle={bundle} error={error} cards={cards} />, status);
  }

  app.get<{ Params: { bundleKey: string } }>('/applications/bundles/:bundleKey/check', { config: resident, schema: hide }, async (request, reply) => {
    const bundle = await getBundle(deps, { residentId: residentOf(request), bundleKey: request.params.bundleKey });
    return checkPage(request, reply, bundle, null);
  });

  // Without JavaScript the card cannot sign: the page says so (the script posts to the API instead).
  app.post<{ Params: { bundleKey: string } }>('/applications/bundles/:bundleKey/submit', { config: resident, schema: hide }, async (request, reply) => {
    const bundle = await getBundle(deps, { residentId: residentOf(request), bundleKey: request.params.bundleKey });
    const error = signingNeedsScript();
    return checkPage(request, reply, bundle, error, error.status);
  });
}
