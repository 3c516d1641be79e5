// Reading forms in the caller's scope (R15): a municipality sees its own forms and the national
// templates, never another municipality's.
import type { Db } from '../../platform/db/index.ts';
import { findForm, findLatestVersion, listForms, listHistory, listServicesWithForms, listVersions, type FormListRow, type FormRow, type FormVersionRow, type LinkedService } from './repository.ts';
import { formNotFound, inFormTransaction, type FormWriter } from './save-form.ts';

export async function listFormsFor(deps: { db: Db }, writer: FormWriter): Promise<{ own: FormListRow[]; templates: FormListRow[] }> {
  return inFormTransaction(deps.db, writer, async (trx) => {
    const rows = await listForms(trx);
    return { own: rows.filter((r) => r.kind !== 'national_template'), templates: rows.filter((r) => r.kind === 'national_template') };
  });
}

export interface FormDetail {
  form: FormRow;
  versions: FormVersionRow[];
  services: LinkedService[];
  history: Awaited<ReturnType<typeof listHistory>>;
  /** For an adopted form: the national template's newer version it has not taken yet, if any. */
  newerTemplate: { version: number; title: string } | null;
}

export async function findFormFor(deps: { db: Db }, writer: FormWriter, id: string): Promise<FormDetail> {
  return inFormTransaction(deps.db, writer, async (trx) => {
    const form = await findForm(trx, id);
    if (!form) throw formNotFound();
    const services = writer.kind === 'municipality' ? await listServicesWithForms(trx, writer.municipalityCode) : [];
    const newest = form.kind === 'adopted' && form.template_form_id ? await findLatestVersion(trx, form.template_form_id) : undefined;
    const newerTemplate = newest && newest.id !== form.template_version_id ? { version: newest.version, title: newest.title } : null;
    return { form, versions: await listVersions(trx, id), services, history: await listHistory(trx, id), newerTemplate };
  });
}
