// The builder's preview (§3.4): the draft exactly as a resident will see it, one step at a time;
// posting checks the answers with the same validation (nothing is stored).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { cleanData } from '../conditions.ts';
import { parseFormPost } from '../form-post.ts';
import { draftVersionOf } from '../form-version.ts';
import { findFormFor } from '../read-forms.ts';
import { validateCleanData } from '../validate.ts';
import { BASE } from '../views/builder-controls.tsx';
import { PreviewPage } from '../views/preview-page.tsx';
import { config, writerOf } from './common.ts';

export function registerPreviewPages(app: FastifyInstance, deps: { db: Db }): void {
  async function preview(request: FastifyRequest<{ Params: { id: string }; Querystring: { step?: string } }>, reply: FastifyReply, posted: boolean): Promise<FastifyReply> {
    const { form } = await findFormFor(deps, writerOf(request), request.params.id);
    const version = draftVersionOf(form);
    const layout = version.definition.layout;
    const stepId = layout.steps.find((s) => s.id === request.query.step)?.id ?? layout.steps[0]?.id ?? '';
    let values = {};
    let errors: ReturnType<typeof validateCleanData> = [];
    let checked = false;
    if (posted) {
      const parsed = parseFormPost(layout, request.body as Record<string, unknown>, { stepId });
      values = parsed.data;
      checked = !parsed.action;
      if (checked) errors = validateCleanData(version.id, version.definition, cleanData(layout, values), stepId);
    }
    return sendPage(
      reply,
      <PreviewPage ctx={pageContext(request, 'staff')} form={form} version={version} stepId={stepId} values={values} errors={errors} checked={checked} />,
      posted && errors.length > 0 ? 400 : 200,
    );
  }
  app.get<{ Params: { id: string }; Querystring: { step?: string } }>(`${BASE}/:id/preview`, { schema: { hide: true }, config }, (request, reply) => preview(request, reply, false));
  app.post<{ Params: { id: string }; Querystring: { step?: string } }>(`${BASE}/:id/preview`, { schema: { hide: true }, config }, (request, reply) => preview(request, reply, true));
}
