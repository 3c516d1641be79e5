// Keeps the national form templates in the database in step with the code (like the procedures):
// a template whose layout changed gets a new published version; an unchanged one is left alone,
// so running this at every start is idempotent. Earlier versions stay, since applications keep them.
// The national procedures they belong to must be there first: src/bootstrap.ts loads them (forms does
// not call catalogue, which calls forms: issue #11, point 10).
import type { Db } from '../../platform/db/index.ts';
import { saveNationalTemplate } from './save-form.ts';
import { layoutOfTemplate, NATIONAL_TEMPLATES } from './templates/index.ts';

export async function ensureNationalFormTemplates(db: Db): Promise<{ templates: number; newVersions: number }> {
  let newVersions = 0;
  for (const template of NATIONAL_TEMPLATES) {
    const result = await saveNationalTemplate({ db }, { kind: 'national', label: 'national-templates' }, { procedureId: template.procedureId, title: template.title, layout: layoutOfTemplate(template) });
    if (result.changed) newVersions += 1;
  }
  return { templates: NATIONAL_TEMPLATES.length, newVersions };
}
