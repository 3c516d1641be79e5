// One-stop for a life event (PRODUCT.md §3.4, issue 6 point 5): choosing the municipality's services
// for the event (a birth: 児童手当 認定請求, 乳幼児医療, 保育施設等の利用申込 …) starts a draft for
// each; the overview lists them with what each still needs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { findMunicipalityName, LIFE_EVENTS } from '../../catalogue/index.ts';
import type { ApplicationsDeps } from '../deps.ts';
import { getBundle } from '../get-bundle.ts';
import { residentHome } from '../repository.ts';
import { listBundleCandidates, startBundle } from '../start-bundle.ts';
import { BundleChoosePage } from '../views/bundle-choose-page.tsx';
import { BundleOverviewPage } from '../views/bundle-overview-page.tsx';
import { hide, resident, residentOf } from './common.ts';

const MUNICIPALITY_CODE = /^\d{6}$/;

function lifeEventNotFound(): AppError {
  return new AppError('applications.life_event_not_found', 'not_found', 'There is no such life event.', { ja: '該当するライフイベントはありません。' });
}

function asList(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
}

export function registerBundleStartPages(app: FastifyInstance, deps: ApplicationsDeps): void {
  async function choosePage(request: FastifyRequest, reply: FastifyReply, input: { lifeEvent: string; municipality: string | null; chosen: string[] }, error: AppError | null, status = 200) {
    const ctx = pageContext(request, 'resident');
    const event = LIFE_EVENTS.find((e) => e.id === input.lifeEvent);
    if (!event) throw lifeEventNotFound();
    const code = input.municipality && MUNICIPALITY_CODE.test(input.municipality) ? input.municipality : await residentHome(deps.db.kysely, residentOf(request));
    const municipality = code ? await findMunicipalityName(deps.db.kysely, code) : undefined;
    const candidates = municipality ? await listBundleCandidates(deps, { municipalityCode: municipality.code, lifeEvent: event.id }) : [];
    return sendPage(reply, <BundleChoosePage ctx={ctx} event={event} municipality={municipality} candidates={candidates} chosen={input.chosen} error={error} />, status);
  }

  app.get<{ Querystring: { lifeEvent?: string; municipality?: string } }>('/applications/bundles/new', { config: resident, schema: hide }, async (request, reply) =>
    choosePage(request, reply, { lifeEvent: request.query.lifeEvent ?? '', municipality: request.query.municipality ?? null, chosen: [] }, null),
  );

  app.post<{ Body: { lifeEvent?: string; municipality?: string; serviceIds?: string | string[] } }>('/applications/bundles/new', { config: resident, schema: hide }, async (request, reply) => {
    const chosen = asList(request.body?.serviceIds);
    const input = { lifeEvent: typeof request.body?.lifeEvent === 'string' ? request.body.lifeEvent : '', municipality: typeof request.body?.municipality === 'string' ? request.body.municipality : null, chosen };
    try {
      const { bundleKey } = await startBundle(deps, { residentId: residentOf(request), serviceIds: chosen });
      return reply.redirect(`/applications/bundles/${bundleKey}/shared`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return choosePage(request, reply, input, error, error.status === 404 ? 400 : error.status);
    }
  });

  app.get<{ Params: { bundleKey: string } }>('/applications/bundles/:bundleKey', { config: resident, schema: hide }, async (request, reply) => {
    const bundle = await getBundle(deps, { residentId: residentOf(request), bundleKey: request.params.bundleKey });
    return sendPage(reply, <BundleOverviewPage ctx={pageContext(request, 'resident')} bundle={bundle} />);
  });
}
