// The resident catalogue pages (PRODUCT.md §3.2): service search, the service page, and attribute
// search entered from a life event. Public: published, live services are public facts, read
// platform-wide. `auth: { optional: true }` only lets the header show a signed-in resident.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import { AppError, isAppError } from '../../../platform/errors.ts';
import { sendError } from '../../../platform/http/problems.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { listParticipating } from '../../municipalities/index.ts';
import { estimateBenefits } from '../benefits/estimate-benefits.ts';
import { APPLY_METHOD_IDS, CATEGORY_IDS, LIFE_EVENT_IDS } from '../taxonomy.ts';
import { emptyHouseholdValues, parseHousehold, readHouseholdValues, type FieldError } from './household-form.ts';
import { LifeEventPage, LifeEventsIndexPage } from './life-event-pages.tsx';
import { matchServices } from './match-services.ts';
import { resolveMunicipality, searchServices, todayInJapan, type SearchDeps, type ServiceSearchQuery, type ServiceSearchResult } from '../search/search-services.ts';
import { findMunicipalityName, findOwners, findServiceDetail, listLifeEventServices } from './repository.ts';
import { PAGE_SIZE, SearchPage, type Participating, type SearchParams } from './search-page.tsx';
import { ServicePage } from './service-page.tsx';
import { formVersionForService } from '../../forms/index.ts';

export interface CataloguePagesOptions {
  db: Db;
  /** The search (the search module's searchServices unless a test gives another). */
  searchServices?: (deps: SearchDeps, query: ServiceSearchQuery) => Promise<ServiceSearchResult>;
  /** The date the pages treat as today (tests); Japan's date otherwise. */
  today?: () => string;
}

const PUBLIC = { schema: { hide: true }, config: { auth: { optional: true } } } as const;

function notFound(): AppError {
  return new AppError('catalogue.service_not_found', 'not_found', 'There is no such service, or it is not published.', {
    ja: 'お探しのサービスは見つかりません。公開されていないか、削除された可能性があります。',
  });
}

function pick(value: unknown, allowed: readonly string[]): string {
  return typeof value === 'string' && allowed.includes(value) ? value : '';
}

async function participatingOf(db: Db): Promise<Participating[]> {
  return (await listParticipating(db.kysely)).map((m) => ({ code: m.code, name: m.name, prefectureName: m.prefectureName }));
}

export const cataloguePages: FastifyPluginAsync<CataloguePagesOptions> = async (app, options) => {
  const { db } = options;
  const today = options.today ?? (() => todayInJapan());
  const search = options.searchServices ?? searchServices;

  app.get<{ Querystring: Record<string, string | undefined> }>('/services', PUBLIC, async (request, reply) => {
    const ctx = pageContext(request, 'resident');
    const query = request.query;
    const participating = await participatingOf(db);
    const params: SearchParams = {
      q: (query.q ?? '').slice(0, 100).trim(),
      municipality: pick(query.municipality, participating.map((m) => m.code)),
      place: (query.place ?? '').slice(0, 20).trim(),
      category: pick(query.category, CATEGORY_IDS),
      lifeEvent: pick(query.lifeEvent, LIFE_EVENT_IDS),
      applyMethod: pick(query.applyMethod, APPLY_METHOD_IDS),
      open: query.open === '1',
      page: Math.min(Math.max(1, Number.parseInt(query.page ?? '1', 10) || 1), 500),
    };
    let result: ServiceSearchResult;
    let placeName: string | null;
    try {
      // A typed place (any municipality, by code or name) wins over the select of participating ones.
      const place = params.place ? await resolveMunicipality(db, params.place) : null;
      placeName = place?.name ?? null;
      const municipality = place?.code ?? params.municipality;
      result = await search(
        { db, today: today() },
        {
          ...(params.q ? { q: params.q } : {}),
          ...(municipality ? { municipality } : {}),
          ...(params.category ? { category: params.category } : {}),
          ...(params.lifeEvent ? { lifeEvent: params.lifeEvent } : {}),
          ...(params.applyMethod ? { applyMethod: params.applyMethod } : {}),
          ...(params.open ? { open: true } : {}),
          limit: PAGE_SIZE,
          offset: (params.page - 1) * PAGE_SIZE,
        },
      );
    } catch (error) {
      if (!isAppError(error) || error.fields.length === 0) throw error;
      const errors: FieldError[] = error.fields.map((f) => ({
        field: f.field === 'municipality' ? (params.place ? 'place' : 'municipality') : f.field,
        message: {
          ja: `${f.message.ja}${f.field === 'municipality' ? ' 6桁の地方公共団体コード（例：131130）か、市区町村の名前を入力してください。' : ''}`,
          en: `${f.message.en}${f.field === 'municipality' ? ' Enter a 6-digit local government code (e.g. 131130) or a municipality name.' : ''}`,
        },
      }));
      return sendPage(reply, <SearchPage ctx={ctx} params={params} participating={participating} placeName={null} owners={[]} errors={errors} result={null} />, 400);
    }
    const owners = await findOwners(db.kysely, result.items.map((i) => i.id));
    return sendPage(reply, <SearchPage ctx={ctx} params={params} participating={participating} placeName={placeName} owners={owners} errors={[]} result={result} />);
  });

  app.get<{ Params: { id: string } }>('/services/:id', PUBLIC, async (request, reply) => {
    const service = await findServiceDetail(db.kysely, request.params.id);
    if (!service) return sendError(request, reply, notFound());
    // Online application needs a published form (the forms module) and a service that is live.
    const form = await formVersionForService(db, service.id);
    const applyHref = form && service.mode === 'live' ? `/services/${service.id}/apply` : null;
    return sendPage(reply, <ServicePage ctx={pageContext(request, 'resident')} s={service} today={today()} applyHref={applyHref} />);
  });

  app.get('/life-events', PUBLIC, async (request, reply) => sendPage(reply, <LifeEventsIndexPage ctx={pageContext(request, 'resident')} />));

  async function lifeEventPage(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, body: Record<string, unknown> | null) {
    const eventId = request.params.id;
    if (!LIFE_EVENT_IDS.includes(eventId)) {
      return sendError(request, reply, new AppError('catalogue.life_event_not_found', 'not_found', 'There is no such life event.', { ja: 'お探しのライフイベントは見つかりません。' }));
    }
    const ctx = pageContext(request, 'resident');
    const participating = await participatingOf(db);
    const date = today();
    if (!body) {
      const chosen = pick((request.query as Record<string, unknown>).municipality, participating.map((m) => m.code));
      return sendPage(reply, <LifeEventPage ctx={ctx} eventId={eventId} values={emptyHouseholdValues(chosen)} participating={participating} errors={[]} result={null} today={date} />);
    }
    const { values } = readHouseholdValues(body);
    // "Add rows" only redraws the form with more empty rows; nothing is checked yet.
    if (body.more !== undefined) {
      return sendPage(reply, <LifeEventPage ctx={ctx} eventId={eventId} values={values} participating={participating} errors={[]} result={null} today={date} />);
    }
    const parsed = parseHousehold(values, date);
    if (!parsed.ok) {
      return sendPage(reply, <LifeEventPage ctx={ctx} eventId={eventId} values={values} participating={participating} errors={parsed.errors} result={null} today={date} />, 400);
    }
    const { household } = parsed;
    const place = await findMunicipalityName(db.kysely, household.municipalityCode);
    if (!place) {
      const errors: FieldError[] = [
        { field: values.municipalityCode ? 'municipalityCode' : 'municipality', message: { ja: 'その地方公共団体コードの市区町村は見つかりません。', en: 'There is no municipality with that code.' } },
      ];
      return sendPage(reply, <LifeEventPage ctx={ctx} eventId={eventId} values={values} participating={participating} errors={errors} result={null} today={date} />, 400);
    }
    const [services, estimate] = await Promise.all([
      listLifeEventServices(db.kysely, { municipalityCode: household.municipalityCode, lifeEvent: eventId }),
      Promise.resolve(estimateBenefits(household.input)),
    ]);
    const matches = matchServices({ services, lifeEvent: eventId, household, estimates: estimate.benefits });
    const result = { municipalityName: `${place.prefectureName}${place.name}`, matches, estimates: estimate.benefits, incomeGiven: household.incomeGiven };
    return sendPage(reply, <LifeEventPage ctx={ctx} eventId={eventId} values={values} participating={participating} errors={[]} result={result} today={date} />);
  }

  app.get<{ Params: { id: string } }>('/life-events/:id', PUBLIC, async (request, reply) => lifeEventPage(request, reply, null));
  app.post<{ Params: { id: string }; Body: Record<string, unknown> }>('/life-events/:id', PUBLIC, async (request, reply) => lifeEventPage(request, reply, (request.body ?? {}) as Record<string, unknown>));
};
