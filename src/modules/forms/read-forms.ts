// Reading forms in the caller's scope (R15): a municipality sees its own forms and the national
// templates, never another municipality's.
import type { Db } from '../../platform/db/index.ts';
import { findForm, listForms, listHistory, listServicesWithForms, listVersions, type FormListRow, type FormRow, type FormVersionRow, type LinkedService } from './repository.ts';
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
}

export async function findFormFor(deps: { db: Db }, writer: FormWriter, id: string): Promise<FormDetail> {
  return inFormTransaction(deps.db, writer, async (trx) => {
    const form = await findForm(trx, id);
    if (!form) throw formNotFound();
    const services = writer.kind === 'municipality' ? await listServicesWithForms(trx, writer.municipalityCode) : [];
    return { form, versions: await listVersions(trx, id), services, history: await listHistory(trx, id) };
  });
}
