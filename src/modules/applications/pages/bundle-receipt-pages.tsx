// The receipts of a bundle just sent: each application's reference number and arrival time (R1).
import type { FastifyInstance } from 'fastify';
import { pageContext, sendPage } from '../../../web/page.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { getSentBundle } from '../get-bundle.ts';
import { BundleReceiptPage } from '../views/bundle-receipt-page.tsx';
import { hide, resident, residentOf } from './common.ts';

export function registerBundleReceiptPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  app.get<{ Params: { bundleId: string } }>('/applications/bundles/sent/:bundleId', { config: resident, schema: hide }, async (request, reply) => {
    const applications = await getSentBundle(deps, { residentId: residentOf(request), bundleId: request.params.bundleId });
    return sendPage(reply, <BundleReceiptPage ctx={pageContext(request, 'resident')} applications={applications} />);
  });
}
