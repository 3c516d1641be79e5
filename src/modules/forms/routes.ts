// The forms API (§3.4, §6): published forms are public facts — like the paper forms on a
// municipality's web site — so another front end or an existing system can render and check them.
// Drafts are never exposed.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors.ts';
import { problemResponse } from '../../platform/http/schemas.ts';
import { findVersionById, findVersionForService, isServicePublished, listPublishedForms, type FormVersionRow } from './repository.ts';

const tags = ['forms'];
const Labels = Type.Object({ ja: Type.String(), en: Type.String() });
const Json = Type.Object({}, { additionalProperties: true });

const FormListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      kind: Type.Union([Type.Literal('national_template'), Type.Literal('adopted'), Type.Literal('own')]),
      procedureId: Type.Union([Type.String(), Type.Null()]),
      municipalityCode: Type.Union([Type.String(), Type.Null()]),
      title: Labels,
      latestVersion: Type.Object({ id: Type.String(), version: Type.Integer() }),
    }),
  ),
});

const FormVersionSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  formId: Type.String({ format: 'uuid' }),
  version: Type.Integer(),
  municipalityCode: Type.Union([Type.String(), Type.Null()]),
  title: Labels,
  publishedAt: Type.String({ format: 'date-time' }),
  templateVersionId: Type.Union([Type.String(), Type.Null()]),
  layout: Type.Object({ steps: Type.Array(Json) }, { additionalProperties: true, description: 'steps → sections → fields, with Japanese and English text, widgets, conditions (`when`) and prefill sources' }),
  schema: Type.Object({}, { additionalProperties: true, description: 'JSON Schema (draft 2020-12) of the data; local (上乗せ) fields are under `local`' }),
});

function notFound(): AppError {
  return new AppError('forms.not_found', 'not_found', 'There is no such published form.', { ja: '公開されているフォームが見つかりません。' });
}

function present(row: FormVersionRow) {
  return {
    id: row.id,
    formId: row.form_id,
    version: row.version,
    municipalityCode: row.municipality_code,
    title: { ja: row.title, en: row.title_en },
    publishedAt: row.published_at.toISOString(),
    templateVersionId: row.template_version_id,
    layout: row.layout as unknown as { steps: Record<string, unknown>[] },
    schema: row.schema,
  };
}

export const formsApiRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/v1/forms',
    {
      schema: {
        tags,
        summary: 'Published forms: the national templates, and a municipality’s forms when it is named',
        querystring: Type.Object({ municipality: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: '6-digit municipality code' })) }, { additionalProperties: false }),
        response: { 200: FormListSchema, 400: problemResponse },
      },
    },
    async (request) => {
      // Platform read of published facts: templates, plus the named municipality's forms.
      const rows = await listPublishedForms(db.kysely, request.query.municipality ? { municipalityCode: request.query.municipality } : {});
      const items = rows.map((f) => ({
        id: f.id,
        kind: f.kind,
        procedureId: f.procedure_id,
        municipalityCode: f.municipality_code,
        title: { ja: f.title, en: f.title_en },
        latestVersion: { id: f.latest_version_id, version: f.latest_version },
      }));
      return { items };
    },
  );

  app.get(
    '/api/v1/forms/versions/:id',
    {
      schema: {
        tags,
        summary: 'One published form version: layout and JSON Schema (an application keeps this id)',
        params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
        response: { 200: FormVersionSchema, 404: problemResponse },
      },
    },
    async (request) => {
      const row = await findVersionById(db.kysely, request.params.id);
      if (!row) throw notFound();
      return present(row);
    },
  );

  app.get(
    '/api/v1/forms/for-service/:serviceId',
    {
      schema: {
        tags,
        summary: 'The published form version a service uses now',
        params: Type.Object({ serviceId: Type.String({ maxLength: 64 }) }),
        response: { 200: FormVersionSchema, 404: problemResponse },
      },
    },
    async (request) => {
      // Only a published service's form: a draft service is not public yet.
      const row = (await isServicePublished(db.kysely, request.params.serviceId)) ? await findVersionForService(db.kysely, request.params.serviceId) : undefined;
      if (!row) throw notFound();
      return present(row);
    },
  );
};
