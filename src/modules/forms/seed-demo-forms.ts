// Demo forms: the national templates, every demo service of a focus procedure using its template,
// and 渋谷区 having adopted the 児童手当 認定請求 template with one field of its own (上乗せ).
// Idempotent: running it again changes nothing.
import type { Db } from '../../platform/db/index.ts';
import type { SectionDef } from './definition.ts';
import { ensureNationalFormTemplates } from './ensure-templates.ts';
import { findNationalTemplate, findServiceFormLink, listForms, listServicesOfProcedure } from './repository.ts';
import { adoptTemplate, linkServiceForm, publishForm, saveFormDraft, type FormWriter } from './save-form.ts';
import { NATIONAL_TEMPLATES } from './templates/index.ts';

const SHIBUYA = '131130';
const SHIBUYA_ADOPTS = 'child-allowance.certification';

export const SHIBUYA_LOCAL_SECTION: SectionDef = {
  id: 'shibuyaLocal',
  key: 'shibuya',
  local: true,
  title: { ja: '渋谷区からの確認事項', en: 'Questions from Shibuya City' },
  help: { ja: 'この項目は渋谷区独自の項目です（国の様式にはありません）。', en: 'Shibuya City asks this in addition to the national form.' },
  items: [
    {
      id: 'childcareNewsletter',
      label: { ja: '渋谷区の子育て情報メール（子育てネウボラ便り）の配信を希望しますか', en: 'Would you like Shibuya’s childcare newsletter by email?' },
      widget: 'yes-no',
      required: true,
    },
  ],
};

export async function seedDemoForms(db: Db): Promise<{ templates: number; linkedServices: number }> {
  const { templates } = await ensureNationalFormTemplates(db);
  let linkedServices = 0;
  const shibuya: FormWriter & { kind: 'municipality' } = { kind: 'municipality', municipalityCode: SHIBUYA, label: 'デモデータ' };
  // 渋谷区 adopts the template once and adds its own section.
  const template = (await findNationalTemplate(db.kysely, SHIBUYA_ADOPTS))!;
  let adopted = (await listForms(db.kysely, { kind: 'adopted', municipalityCode: SHIBUYA })).find((f) => f.template_form_id === template.id);
  if (!adopted) {
    const form = await adoptTemplate({ db }, shibuya, { templateFormId: template.id });
    const layout = structuredClone(form.draft);
    layout.steps[layout.steps.length - 1]!.sections.unshift(SHIBUYA_LOCAL_SECTION);
    await saveFormDraft({ db }, shibuya, { formId: form.id, layout, expectedRevision: form.revision, summary: '区独自の項目を追加' });
    await publishForm({ db }, shibuya, { formId: form.id });
    adopted = (await listForms(db.kysely, { kind: 'adopted', municipalityCode: SHIBUYA })).find((f) => f.id === form.id)!;
  }
  for (const t of NATIONAL_TEMPLATES) {
    const national = (await findNationalTemplate(db.kysely, t.procedureId))!;
    for (const service of await listServicesOfProcedure(db.kysely, t.procedureId)) {
      if (await findServiceFormLink(db.kysely, service.id)) continue;
      const writer: FormWriter = service.municipality_code ? { kind: 'municipality', municipalityCode: service.municipality_code, label: 'デモデータ' } : { kind: 'national', label: 'デモデータ' };
      const formId = service.municipality_code === SHIBUYA && t.procedureId === SHIBUYA_ADOPTS ? adopted.id : national.id;
      await linkServiceForm({ db }, writer, { serviceId: service.id, formId });
      linkedServices += 1;
    }
  }
  return { templates, linkedServices };
}
