// Service maintenance in the staff console (§3.3): a municipality's service editors list, create,
// edit, preview, publish and unpublish their services, see the history, adopt what the national
// side pre-registered, and import or export files; national administrators do the same for
// national services and pre-register services for a municipality (seed 000 §2.2 B-3).
// Thin handlers: read the form, call one use case, re-render the form with its errors or move on.
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import type { ServiceStatus, StaffRole } from '../../../platform/db/tables.ts';
import { AppError, isAppError } from '../../../platform/errors.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { acceptMultipart, municipalityOfStaff, type StaffPrincipal } from '../../identity/index.ts';
import { listProcedures, municipalityExists } from '../repository.ts';
import type { ServiceInput } from '../service-input.ts';
import { exportServices } from './export-services.ts';
import { importServices } from './import-services.ts';
import { parseRecordsFile } from './open-data-layout.ts';
import { findServiceOf, listPreRegistrations, listServiceHistory, listServices } from './read-services.ts';
import { adoptService, createService, setServiceStatus, updateService, type Writer } from './save-service.ts';
import { inputOfRow, nationalWriterOf, writerOf } from './service-fields.ts';
import {
  ImportPage,
  PreRegistrationsSection,
  ServiceFormPage,
  ServiceHistoryPage,
  ServiceListPage,
  ServicePreviewPage,
  type Area,
  type FormPageProps,
} from './views.tsx';

type Form = Record<string, unknown>;

const EDITOR_ROLES: StaffRole[] = ['service_editor', 'municipality_admin'];
const PAGE_SIZE = 50;
const IMPORT_LIMIT = 8 * 1024 * 1024;

function field(body: unknown, name: string, max = 10_000): string {
  const value = (body as Form | undefined)?.[name];
  const text = Array.isArray(value) ? value[0] : value;
  return typeof text === 'string' ? text.slice(0, max) : typeof text === 'number' ? String(text) : '';
}

/** An uploaded file's bytes (a file part stays bytes; a plain field is taken as its UTF-8). */
function fileBytes(body: unknown, name: string): Buffer {
  const value = (body as Form | undefined)?.[name];
  return Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'string' ? value : '', 'utf8');
}

function many(body: unknown, name: string): string[] {
  const value = (body as Form | undefined)?.[name];
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
}

function rowsOf(body: unknown, name: string): number {
  return Math.min(Math.max(Number.parseInt(field(body, name), 10) || 0, 0), 40);
}

/** The service a form describes, as typed (validation names what is wrong). */
export function inputFromForm(body: unknown): ServiceInput {
  const optional = (name: string) => field(body, name).trim() || null;
  const attachments = Array.from({ length: rowsOf(body, 'attachmentRows') }, (_, i) => ({
    name: field(body, `attachment-${i}-name`, 300).trim(),
    required: field(body, `attachment-${i}-required`) === '1',
    originalRequired: field(body, `attachment-${i}-original`) === '1',
    note: field(body, `attachment-${i}-note`, 600).trim(),
  }))
    .filter((a) => a.name !== '')
    .map(({ note, ...a }) => (note ? { ...a, note } : a));
  const relatedLinks = Array.from({ length: rowsOf(body, 'linkRows') }, (_, i) => ({ title: field(body, `link-${i}-title`, 300).trim(), url: field(body, `link-${i}-url`, 2100).trim() })).filter(
    (l) => l.title !== '' || l.url !== '',
  );
  return {
    title: field(body, 'title', 300).trim(),
    summary: field(body, 'summary'),
    support: field(body, 'support', 12_000),
    eligibility: field(body, 'eligibility'),
    applicant: field(body, 'applicant'),
    howToApply: field(body, 'howToApply'),
    acceptanceStart: optional('acceptanceStart'),
    acceptanceEnd: optional('acceptanceEnd'),
    deadlineNote: field(body, 'deadlineNote').trim(),
    detailUrl: optional('detailUrl'),
    contact: field(body, 'contact'),
    department: field(body, 'department').trim(),
    legalBasis: field(body, 'legalBasis').trim(),
    procedureId: optional('procedureId'),
    categories: many(body, 'categories') as ServiceInput['categories'],
    lifeEvents: many(body, 'lifeEvents') as ServiceInput['lifeEvents'],
    applyMethods: many(body, 'applyMethods') as ServiceInput['applyMethods'],
    tags: field(body, 'tags')
      .split(/[,、，]/)
      .map((t) => t.trim())
      .filter(Boolean),
    attachments,
    thingsToBring: field(body, 'thingsToBring')
      .split(/\r?\n/)
      .map((t) => t.trim())
      .filter(Boolean),
    relatedLinks,
  };
}

function versionOf(body: unknown): number | undefined {
  const n = Number.parseInt(field(body, 'version'), 10);
  // Within PostgreSQL's integer: a larger one would reach the database as an out-of-range error.
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : undefined;
}

function staffOf(request: FastifyRequest): StaffPrincipal {
  return request.principal as StaffPrincipal;
}

function municipalWriter(request: FastifyRequest): Writer {
  const p = staffOf(request);
  // Editor roles are municipal roles; an account without a municipality has nothing to edit here.
  municipalityOfStaff(p);
  return writerOf(p);
}

function statusFilter(value: string | undefined): ServiceStatus | undefined {
  return value === 'draft' || value === 'published' || value === 'unpublished' ? value : undefined;
}

/** The pages of one side: a municipality's editors, or the national side. */
function registerArea(app: FastifyInstance, deps: { db: Db }, area: Area, auth: { staff: { roles: StaffRole[] }; loginPage: string }, writerFor: (request: FastifyRequest) => Writer): void {
  const config = { auth };
  const procedures = () => listProcedures(deps.db.kysely);

  async function renderForm(request: FastifyRequest, reply: FastifyReply, props: Omit<FormPageProps, 'ctx' | 'area' | 'procedures'>, status = 200) {
    const page = <ServiceFormPage ctx={pageContext(request, 'staff')} area={area} procedures={await procedures()} {...props} />;
    return sendPage(reply, page, status);
  }

  /** Runs a form's use case; a validation error or a conflict re-renders the form with it. */
  async function orRerender(reply: FastifyReply, act: () => Promise<FastifyReply>, render: (error: AppError) => Promise<FastifyReply>): Promise<FastifyReply> {
    try {
      return await act();
    } catch (error) {
      if (!isAppError(error) || !['bad_request', 'conflict'].includes(error.kind)) throw error;
      return render(error);
    }
  }

  app.get<{ Querystring: { status?: string; offset?: string; done?: string } }>(area.base, { schema: { hide: true }, config }, async (request, reply) => {
    const status = statusFilter(request.query.status);
    // Bounded like the API's offset: "18446744073709551616" parses to a number no database integer holds.
    const offset = Math.min(Math.max(0, Number.parseInt(request.query.offset ?? '0', 10) || 0), 100_000);
    const page = await listServices(deps, writerFor(request), { status, limit: PAGE_SIZE, offset });
    const ctx = pageContext(request, 'staff');
    const preRegistrations = area.national ? await listPreRegistrations(deps) : null;
    return sendPage(
      reply,
      <ServiceListPage ctx={ctx} area={area} rows={page.rows} total={page.total} status={status} offset={offset} limit={PAGE_SIZE} done={request.query.done}>
        {preRegistrations ? <PreRegistrationsSection ctx={ctx} rows={preRegistrations} /> : ''}
      </ServiceListPage>,
    );
  });

  app.get(`${area.base}/new`, { schema: { hide: true }, config }, async (request, reply) => renderForm(request, reply, { values: { title: '' } }));

  app.post(area.base, { schema: { hide: true }, config }, async (request, reply) => {
    const values = inputFromForm(request.body);
    const ownerCode = area.national ? field(request.body, 'ownerCode', 20).trim() : '';
    return orRerender(
      reply,
      async () => {
        if (ownerCode && !(/^\d{6}$/.test(ownerCode) && (await municipalityExists(deps.db.kysely, ownerCode)))) {
          throw new AppError('catalogue.invalid_service', 'bad_request', 'The service is not valid.', {
            ja: 'サービスの内容に誤りがあります。',
            fields: [{ field: '/ownerCode', rule: 'municipality', message: { en: 'There is no municipality with this code (6 digits, e.g. 131130).', ja: 'この団体コードの市区町村はありません（6桁、例：131130）。' } }],
          });
        }
        const created = await createService(deps, writerFor(request), { input: values, ...(ownerCode ? { owner: { kind: 'municipality', municipalityCode: ownerCode } } : {}) });
        return reply.redirect(`${area.base}/${created.id}?done=created`, 303);
      },
      (error) => renderForm(request, reply, { values, ownerCode, error }, error.status),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { done?: string } }>(`${area.base}/:id`, { schema: { hide: true }, config }, async (request, reply) => {
    const service = await findServiceOf(deps, writerFor(request), request.params.id);
    return renderForm(request, reply, { values: inputOfRow(service), service, version: service.version, done: request.query.done });
  });

  app.post<{ Params: { id: string } }>(`${area.base}/:id`, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerFor(request);
    const service = await findServiceOf(deps, writer, request.params.id);
    const values = inputFromForm(request.body);
    const version = versionOf(request.body);
    return orRerender(
      reply,
      async () => {
        await updateService(deps, writer, { id: service.id, input: values, ...(version === undefined ? {} : { expectedVersion: version }) });
        return reply.redirect(`${area.base}/${service.id}?done=saved`, 303);
      },
      (error) => renderForm(request, reply, { values, service, version, error }, error.status),
    );
  });

  app.get<{ Params: { id: string } }>(`${area.base}/:id/preview`, { schema: { hide: true }, config }, async (request, reply) => {
    const service = await findServiceOf(deps, writerFor(request), request.params.id);
    const procedure = service.procedure_id ? (await procedures()).find((p) => p.id === service.procedure_id) : undefined;
    return sendPage(reply, <ServicePreviewPage ctx={pageContext(request, 'staff')} area={area} service={service} procedure={procedure} />);
  });

  app.get<{ Params: { id: string } }>(`${area.base}/:id/history`, { schema: { hide: true }, config }, async (request, reply) => {
    const { service, history } = await listServiceHistory(deps, writerFor(request), request.params.id);
    return sendPage(reply, <ServiceHistoryPage ctx={pageContext(request, 'staff')} area={area} service={service} history={history} />);
  });

  for (const action of ['publish', 'unpublish'] as const) {
    app.post<{ Params: { id: string } }>(`${area.base}/:id/${action}`, { schema: { hide: true }, config }, async (request, reply) => {
      const writer = writerFor(request);
      const service = await findServiceOf(deps, writer, request.params.id);
      const version = versionOf(request.body);
      return orRerender(
        reply,
        async () => {
          await setServiceStatus(deps, writer, { id: service.id, status: action === 'publish' ? 'published' : 'unpublished', ...(version === undefined ? {} : { expectedVersion: version }) });
          return reply.redirect(`${area.base}/${service.id}?done=${action}ed`, 303);
        },
        async (error) => {
          const current = await findServiceOf(deps, writer, service.id);
          return renderForm(request, reply, { values: inputOfRow(current), service: current, version: current.version, error }, error.status);
        },
      );
    });
  }
}

export const servicePages: FastifyPluginAsync<{ db: Db }> = async (app, deps) => {
  acceptMultipart(app, IMPORT_LIMIT);
  const editors = { staff: { roles: EDITOR_ROLES }, loginPage: '/staff/login' };
  const municipal: Area = { base: '/staff/services', national: false };

  // Static paths first in reading order; the router prefers them over /:id anyway.
  app.get('/staff/services/import', { schema: { hide: true }, config: { auth: editors } }, async (request, reply) => sendPage(reply, <ImportPage ctx={pageContext(request, 'staff')} />));

  app.post('/staff/services/import', { schema: { hide: true }, config: { auth: editors }, bodyLimit: IMPORT_LIMIT }, async (request, reply) => {
    const confirm = field(request.body, 'confirm') === '1';
    // The file's bytes (the confirmation sends them back in base64): the import decodes UTF-8 or Shift_JIS.
    const content = confirm ? Buffer.from(field(request.body, 'content', IMPORT_LIMIT * 2), 'base64') : fileBytes(request.body, 'file');
    const ctx = pageContext(request, 'staff');
    try {
      if (content.toString('latin1').trim() === '') {
        throw new AppError('catalogue.bad_import_file', 'bad_request', 'Choose a CSV or JSON file.', { ja: 'CSV または JSON のファイルを選んでください。', fields: [{ field: '/file', rule: 'required', message: { en: 'Choose a CSV or JSON file.', ja: 'CSV または JSON のファイルを選んでください。' } }] });
      }
      const records = parseRecordsFile(content);
      const report = await importServices(deps, municipalWriter(request), { records, dryRun: !confirm });
      return await sendPage(reply, <ImportPage ctx={ctx} report={report} content={content} />);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'bad_request') throw error;
      return sendPage(reply, <ImportPage ctx={ctx} error={error} />, error.status);
    }
  });

  for (const format of ['csv', 'json'] as const) {
    app.get(`/staff/services/export.${format}`, { schema: { hide: true }, config: { auth: editors } }, async (request, reply) => {
      const file = await exportServices(deps, municipalWriter(request), { format });
      return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
    });
  }

  app.post<{ Params: { id: string } }>('/staff/services/:id/adopt', { schema: { hide: true }, config: { auth: editors } }, async (request, reply) => {
    const writer = municipalWriter(request) as Writer & { kind: 'municipality' };
    const service = await findServiceOf(deps, writer, request.params.id);
    await adoptService(deps, writer, { id: service.id });
    return reply.redirect(`/staff/services/${service.id}?done=adopted`, 303);
  });

  registerArea(app, deps, municipal, editors, municipalWriter);
  registerArea(app, deps, { base: '/staff/national/services', national: true }, { staff: { roles: ['national_admin'] }, loginPage: '/staff/login' }, (request) => nationalWriterOf(staffOf(request)));
};
