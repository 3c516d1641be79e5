// The help API under /api/v1/help (§3.10): the published FAQ and its search (public), sending an
// inquiry (anyone; signed-in residents may name one of their applications), a resident's own
// inquiries, the desks' queue and actions (municipal staff for their municipality, national
// administrators for the national helpdesk), FAQ editing, and the response times (national side).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { problemResponse } from '../../platform/http/schemas.ts';
import type { ResidentPrincipal } from '../identity/index.ts';
import { deskActorOf, DESK_ROLES, EDITOR_ROLES, editorOf } from './access.ts';
import { createEntry, getEntryForEditor, getPublicEntry, listEntriesForEditor, searchFaq, setEntryPublished, updateEntry } from './faq.ts';
import { assignInquiry, closeInquiry, getDeskInquiry, getMyInquiry, listDeskQueue, listMyInquiries, replyToInquiry, submitInquiry } from './inquiries.ts';
import { responseTimeReport } from './response-times.ts';

const tags = ['help'];
const Open = (description: string) => Type.Object({}, { additionalProperties: true, description });
const Labels = Type.Object({ ja: Type.String(), en: Type.String() });
const Id = Type.String({ format: 'uuid' });
const Status = Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('closed')]);

const PublicEntrySchema = Type.Object({
  id: Id,
  key: Type.String({ description: 'a national entry’s stable name, or the entry id' }),
  municipalityCode: Type.Union([Type.String(), Type.Null()]),
  topic: Type.String(),
  question: Labels,
  answer: Labels,
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});

const EntryBody = Type.Object({
  topic: Type.String({ maxLength: 40 }),
  questionJa: Type.String({ maxLength: 2000 }),
  questionEn: Type.Optional(Type.String({ maxLength: 2000 })),
  answerJa: Type.String({ maxLength: 20000 }),
  answerEn: Type.Optional(Type.String({ maxLength: 20000 })),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  revision: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })),
});

const InquiryBody = Type.Object({
  topic: Type.Optional(Type.String({ maxLength: 40 })),
  subject: Type.String({ maxLength: 1000 }),
  body: Type.String({ maxLength: 20000 }),
  email: Type.Optional(Type.String({ maxLength: 1000 })),
  municipalityCode: Type.Optional(Type.String({ maxLength: 20 })),
  applicationId: Type.Optional(Type.String({ maxLength: 100 })),
});

const errors = { 400: problemResponse, 401: problemResponse, 403: problemResponse, 404: problemResponse, 409: problemResponse };
const desk = { auth: { staff: { roles: DESK_ROLES } } };
const editors = { auth: { staff: { roles: EDITOR_ROLES } } };
const national = { auth: { staff: { roles: ['national_admin' as const] } } };

function residentOf(request: FastifyRequest): string | null {
  return request.principal?.kind === 'resident' ? (request.principal as ResidentPrincipal).residentId : null;
}

export const helpApiRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const deps = { db };

  // --- the FAQ (public) ---------------------------------------------------------------------------------
  app.get(
    '/api/v1/help/faq',
    {
      schema: {
        tags,
        summary: 'Search the published FAQ (national entries, and a municipality’s own when given), with the services search’s Japanese normalisation',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          municipality: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
          topic: Type.Optional(Type.String({ maxLength: 40 })),
        }),
        response: { 200: Type.Object({ total: Type.Integer(), items: Type.Array(PublicEntrySchema) }), 400: problemResponse },
      },
    },
    async (request) => {
      const { q, municipality, topic } = request.query;
      return searchFaq(deps, { ...(q ? { q } : {}), ...(municipality ? { municipalityCode: municipality } : {}), ...(topic ? { topic } : {}) });
    },
  );

  app.get(
    '/api/v1/help/faq/:key',
    { schema: { tags, summary: 'One published FAQ entry', params: Type.Object({ key: Type.String({ maxLength: 100 }) }), response: { 200: PublicEntrySchema, 404: problemResponse } } },
    async (request) => getPublicEntry(deps, request.params.key),
  );

  // --- inquiries (residents and visitors) -----------------------------------------------------------------
  app.post(
    '/api/v1/help/inquiries',
    {
      config: { auth: { optional: true } },
      schema: {
        tags,
        summary: 'Send an operation inquiry: signed in, or with a contact e-mail address; about one of your applications (to its municipality), to a municipality, or to the national helpdesk',
        body: InquiryBody,
        response: { 201: Type.Object({ id: Id, reference: Type.String(), municipalityCode: Type.Union([Type.String(), Type.Null()]) }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await submitInquiry(deps, { residentId: residentOf(request), inquiry: request.body })),
  );

  app.get(
    '/api/v1/help/inquiries/mine',
    { config: { auth: { resident: true } }, schema: { tags, summary: 'My inquiries, newest first', response: { 200: Type.Object({ items: Type.Array(Open('an inquiry')) }), 401: problemResponse } } },
    async (request) => ({ items: await listMyInquiries(deps, residentOf(request)!) }),
  );

  app.get(
    '/api/v1/help/inquiries/mine/:id',
    { config: { auth: { resident: true } }, schema: { tags, summary: 'One of my inquiries, with the replies', params: Type.Object({ id: Type.String({ maxLength: 100 }) }), response: { 200: Open('an inquiry with its replies'), 401: problemResponse, 404: problemResponse } } },
    async (request) => getMyInquiry(deps, residentOf(request)!, request.params.id),
  );

  // --- the desk (staff) -----------------------------------------------------------------------------------
  app.get(
    '/api/v1/staff/help/inquiries',
    {
      config: desk,
      schema: {
        tags,
        summary: 'The desk’s queue: the municipality’s inquiries, or the national helpdesk’s for national administrators (open and answered; or by status)',
        querystring: Type.Object({ status: Type.Optional(Status) }),
        response: { 200: Type.Object({ items: Type.Array(Open('a queued inquiry')) }), ...errors },
      },
    },
    async (request) => ({ items: await listDeskQueue(deps, deskActorOf(request), request.query.status ? { status: request.query.status } : {}) }),
  );

  app.get(
    '/api/v1/staff/help/inquiries/:id',
    { config: desk, schema: { tags, summary: 'One inquiry of the desk, with replies, history and the desk’s staff', params: Type.Object({ id: Type.String({ maxLength: 100 }) }), response: { 200: Open('an inquiry'), ...errors } } },
    async (request) => getDeskInquiry(deps, deskActorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/staff/help/inquiries/:id/assign',
    { config: desk, schema: { tags, summary: 'Assign the inquiry to a member of the desk', params: Type.Object({ id: Type.String({ maxLength: 100 }) }), body: Type.Object({ assignee: Type.String({ maxLength: 100 }) }), response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await assignInquiry(deps, deskActorOf(request), request.params.id, request.body.assignee);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/staff/help/inquiries/:id/reply',
    {
      config: desk,
      schema: {
        tags,
        summary: 'Reply: shown to a signed-in resident in their inquiries; for a contact address, the e-mail is recorded in the outbox (delivery is not connected yet)',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        body: Type.Object({ body: Type.String({ maxLength: 20000 }) }),
        response: { 200: Type.Object({ emailRecorded: Type.Boolean() }), ...errors },
      },
    },
    async (request) => replyToInquiry(deps, deskActorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/staff/help/inquiries/:id/close',
    { config: desk, schema: { tags, summary: 'Close the inquiry', params: Type.Object({ id: Type.String({ maxLength: 100 }) }), response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await closeInquiry(deps, deskActorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  // --- FAQ editing (municipal administrators: their own; national administrators: the national FAQ) ------
  app.get(
    '/api/v1/staff/help/faq',
    { config: editors, schema: { tags, summary: 'The entries the caller keeps, drafts included', response: { 200: Type.Object({ items: Type.Array(Open('an entry')) }), ...errors } } },
    async (request) => ({ items: await listEntriesForEditor(deps, editorOf(request)) }),
  );

  app.post(
    '/api/v1/staff/help/faq',
    { config: editors, schema: { tags, summary: 'Create an entry (a draft)', body: EntryBody, response: { 201: Open('the entry'), ...errors } } },
    async (request, reply) => reply.status(201).send(await createEntry(deps, editorOf(request), request.body)),
  );

  app.get(
    '/api/v1/staff/help/faq/:id',
    { config: editors, schema: { tags, summary: 'One entry with its history', params: Type.Object({ id: Id }), response: { 200: Open('the entry and its history'), ...errors } } },
    async (request) => getEntryForEditor(deps, editorOf(request), request.params.id),
  );

  app.put(
    '/api/v1/staff/help/faq/:id',
    { config: editors, schema: { tags, summary: 'Save the working copy (residents read the published copy until it is published again)', params: Type.Object({ id: Id }), body: EntryBody, response: { 200: Open('the entry'), ...errors } } },
    async (request) => updateEntry(deps, editorOf(request), request.params.id, request.body),
  );

  for (const [action, publish] of [['publish', true], ['unpublish', false]] as const) {
    app.post(
      `/api/v1/staff/help/faq/:id/${action}`,
      {
        config: editors,
        schema: {
          tags,
          summary: publish ? 'Publish the working copy' : 'Withdraw the entry from residents (back to draft)',
          params: Type.Object({ id: Id }),
          body: Type.Optional(Type.Object({ revision: Type.Optional(Type.Integer({ minimum: 1, maximum: 2147483647 })) })),
          response: { 200: Open('the entry'), ...errors },
        },
      },
      async (request) => setEntryPublished(deps, editorOf(request), request.params.id, publish, request.body?.revision),
    );
  }

  // --- response times (national side) ---------------------------------------------------------------------
  app.get(
    '/api/v1/admin/help/response-times',
    {
      config: national,
      schema: {
        tags,
        summary: 'Median and 90th percentile of the time to first reply and to closing, per municipality (and the national helpdesk), in seconds',
        querystring: Type.Object({ days: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })) }),
        response: { 200: Type.Object({ since: Type.String(), rows: Type.Array(Open('one desk')) }), ...errors },
      },
    },
    async (request) => responseTimeReport(deps, { days: request.query.days ?? 90 }),
  );
};

