// Keeps the national form templates in the database in step with the code (like the procedures):
// a template whose layout changed gets a new published version; an unchanged one is left alone,
// so running this at every start is idempotent. Earlier versions stay, since applications keep them.
import type { Db } from '../../platform/db/index.ts';
import { ensureNationalProcedures } from '../catalogue/index.ts';
import { saveNationalTemplate } from './save-form.ts';
import { layoutOfTemplate, NATIONAL_TEMPLATES } from './templates/index.ts';

export async function ensureNationalFormTemplates(db: Db): Promise<{ templates: number; newVersions: number }> {
  await ensureNationalProcedures(db.kysely);
  let newVersions = 0;
  for (const template of NATIONAL_TEMPLATES) {
    const result = await saveNationalTemplate({ db }, { kind: 'national', label: 'national-templates' }, { procedureId: template.procedureId, title: template.title, layout: layoutOfTemplate(template) });
    if (result.changed) newVersions += 1;
  }
  return { templates: NATIONAL_TEMPLATES.length, newVersions };
}
