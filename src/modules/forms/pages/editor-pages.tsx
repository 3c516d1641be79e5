// Editing a form in the builder (§3.3, §3.4): one edit per submit on the draft with the revision it
// was made on, publishing a version, taking a national template's new version, and choosing the
// services that use it. A refused edit shows the page again, the problem at the editor it came from.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import { AppError, isAppError } from '../../../platform/errors.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { applyBuilderOp, type BuilderOp } from '../builder-ops.ts';
import { findFormFor } from '../read-forms.ts';
import { linkServiceForm, publishForm, saveFormDraft, takeNewestTemplate } from '../save-form.ts';
import { attemptOf, BASE, field, postedFieldInput, type Attempt } from '../views/builder-controls.tsx';
import { EditorPage } from '../views/editor-page.tsx';
import { config, writerOf } from './common.ts';

function opOf(body: unknown): BuilderOp {
  const op = field(body, 'op', 30);
  const sectionId = field(body, 'sectionId', 60);
  const fieldId = field(body, 'fieldId', 60);
  const group = field(body, 'groupId', 60) ? { groupId: field(body, 'groupId', 60) } : {};
  const titleJa = field(body, 'titleJa', 200);
  const titleEn = field(body, 'titleEn', 200);
  switch (op) {
    case 'add-step':
      return { op, titleJa, titleEn };
    case 'add-section':
      return { op, stepId: field(body, 'stepId', 60), titleJa, titleEn };
    case 'remove-section':
    case 'section-up':
    case 'section-down':
      return { op, sectionId };
    case 'add-group':
      return { op, sectionId, group: { titleJa, titleEn, itemJa: field(body, 'itemJa', 100), itemEn: field(body, 'itemEn', 100), maxItems: field(body, 'maxItems', 10) } };
    case 'add-field':
      return { op, sectionId, ...group, field: postedFieldInput(body) };
    case 'update-field':
      return { op, sectionId, ...group, fieldId, field: postedFieldInput(body) };
    case 'remove-field':
    case 'field-up':
    case 'field-down':
      return { op, sectionId, ...group, fieldId };
    default:
      throw new AppError('forms.invalid_edit', 'bad_request', 'Unknown change.', { ja: '不明な操作です。' });
  }
}

export function registerEditorPages(app: FastifyInstance, deps: { db: Db }): void {
  async function rerender(request: FastifyRequest, reply: FastifyReply, id: string, error: AppError, attempt?: Attempt): Promise<FastifyReply> {
    const detail = await findFormFor(deps, writerOf(request), id);
    return sendPage(reply, <EditorPage ctx={pageContext(request, 'staff')} detail={detail} error={error} attempt={attempt} />, error.status);
  }

  app.get<{ Params: { id: string }; Querystring: { done?: string; edit?: string } }>(`${BASE}/:id`, { schema: { hide: true }, config }, async (request, reply) => {
    const detail = await findFormFor(deps, writerOf(request), request.params.id);
    return sendPage(reply, <EditorPage ctx={pageContext(request, 'staff')} detail={detail} done={request.query.done} editing={request.query.edit} />);
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/edit`, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerOf(request);
    const { form } = await findFormFor(deps, writer, request.params.id);
    const revision = Number.parseInt(field(request.body, 'revision', 10), 10);
    try {
      const op = opOf(request.body);
      const layout = applyBuilderOp(form.draft, op, form.kind === 'adopted');
      await saveFormDraft(deps, writer, { formId: form.id, layout, ...(Number.isInteger(revision) ? { expectedRevision: revision } : {}), summary: op.op });
      return await reply.redirect(`${BASE}/${form.id}?done=saved`, 303);
    } catch (error) {
      if (!isAppError(error) || !['bad_request', 'conflict'].includes(error.kind)) throw error;
      return rerender(request, reply, form.id, error, attemptOf(request.body));
    }
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/publish`, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerOf(request);
    const { form } = await findFormFor(deps, writer, request.params.id);
    const revision = Number.parseInt(field(request.body, 'revision', 10), 10);
    try {
      await publishForm(deps, writer, { formId: form.id, ...(Number.isInteger(revision) ? { expectedRevision: revision } : {}) });
      return await reply.redirect(`${BASE}/${form.id}?done=published`, 303);
    } catch (error) {
      if (!isAppError(error) || !['bad_request', 'conflict'].includes(error.kind)) throw error;
      return rerender(request, reply, form.id, error);
    }
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/take-template`, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerOf(request);
    const { form } = await findFormFor(deps, writer, request.params.id);
    const revision = Number.parseInt(field(request.body, 'revision', 10), 10);
    try {
      const taken = await takeNewestTemplate(deps, writer, { formId: form.id, ...(Number.isInteger(revision) ? { expectedRevision: revision } : {}) });
      return await reply.redirect(`${BASE}/${form.id}?done=${taken.templateVersion === null ? 'template-current' : 'template-taken'}`, 303);
    } catch (error) {
      if (!isAppError(error) || !['bad_request', 'conflict'].includes(error.kind)) throw error;
      return rerender(request, reply, form.id, error);
    }
  });

  app.post<{ Params: { id: string } }>(`${BASE}/:id/link`, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerOf(request);
    const { form } = await findFormFor(deps, writer, request.params.id);
    await linkServiceForm(deps, writer, { serviceId: field(request.body, 'serviceId', 60), formId: form.id });
    return reply.redirect(`${BASE}/${form.id}?done=linked`, 303);
  });
}
