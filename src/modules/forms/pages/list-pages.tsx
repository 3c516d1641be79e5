// The builder's list (§3.3, §3.4): a municipality's forms, adopting a national template, and a new
// form of its own.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../platform/db/index.ts';
import { isAppError } from '../../../platform/errors.ts';
import { pageContext, sendPage } from '../../../web/page.ts';
import { listFormsFor } from '../read-forms.ts';
import { adoptTemplate, createOwnForm } from '../save-form.ts';
import { BASE, field } from '../views/builder-controls.tsx';
import { ListPage } from '../views/list-page.tsx';
import { config, writerOf } from './common.ts';

export function registerListPages(app: FastifyInstance, deps: { db: Db }): void {
  app.get(BASE, { schema: { hide: true }, config }, async (request, reply) => {
    const { own, templates } = await listFormsFor(deps, writerOf(request));
    return sendPage(reply, <ListPage ctx={pageContext(request, 'staff')} own={own} templates={templates} />);
  });

  app.post(BASE, { schema: { hide: true }, config }, async (request, reply) => {
    const writer = writerOf(request);
    try {
      const form = await createOwnForm(deps, writer, { title: { ja: field(request.body, 'title', 200), en: field(request.body, 'titleEn', 200) } });
      return await reply.redirect(`${BASE}/${form.id}?done=created`, 303);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'bad_request') throw error;
      const { own, templates } = await listFormsFor(deps, writer);
      return sendPage(reply, <ListPage ctx={pageContext(request, 'staff')} own={own} templates={templates} error={error} posted={request.body} />, error.status);
    }
  });

  app.post(`${BASE}/adopt`, { schema: { hide: true }, config }, async (request, reply) => {
    const form = await adoptTemplate(deps, writerOf(request), { templateFormId: field(request.body, 'templateFormId', 60) });
    return reply.redirect(`${BASE}/${form.id}?done=adopted`, 303);
  });
}
