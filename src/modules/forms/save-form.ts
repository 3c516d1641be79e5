// Every change to forms: adopting a national template, creating a municipality's own form, saving
// the builder's draft, publishing a version, linking a service to a form. Each is one transaction
// that writes its form_history row, inside the writer's scope (R15): a municipality changes only
// its own forms and reads the national templates; the national side writes templates.
import canonicalize from 'canonicalize';
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/tables.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import { AppError } from '../../platform/errors.ts';
import { uniqueIdentifier } from './builder-ops.ts';
import { assertLayout, invalidLayout, nationalPartProblems, publishProblems } from './check-layout.ts';
import type { FormLayout, LocalizedText } from './definition.ts';
import {
  findForm,
  findLatestVersion,
  findNationalTemplate,
  findServiceFormLink,
  findServiceOwner,
  findVersionById,
  writeForm,
  type FormRow,
  type FormVersionRow,
} from './repository.ts';
import { schemaOfLayout } from './schema.ts';

export type FormWriter = { kind: 'municipality'; municipalityCode: string; label: string } | { kind: 'national'; label: string };

type Trx = Transaction<Database>;

export function inFormTransaction<T>(db: Db, writer: FormWriter, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (writer.kind === 'municipality') return withScope(db.kysely, { kind: 'municipality', municipalityCode: writer.municipalityCode }, fn);
  return db.kysely.transaction().execute(fn);
}

export function formNotFound(): AppError {
  return new AppError('forms.not_found', 'not_found', 'There is no such form.', { ja: 'フォームが見つかりません。' });
}

function revisionConflict(current: number): AppError {
  return new AppError('forms.revision_conflict', 'conflict', `The form was changed by someone else (now revision ${current}). Reload and try again.`, {
    ja: `ほかの人がこのフォームを変更しました（現在の版 ${current}）。再読み込みしてからやり直してください。`,
    extra: { currentRevision: current },
  });
}

/** A form the writer may change: its own (a municipality never changes a national template). */
async function ownFormForUpdate(trx: Trx, writer: FormWriter, id: string): Promise<FormRow> {
  const form = await findForm(trx, id, { forUpdate: true });
  if (!form) throw formNotFound();
  const mine = writer.kind === 'municipality' ? form.municipality_code === writer.municipalityCode : form.municipality_code === null;
  if (!mine) throw formNotFound();
  return form;
}

export function sameLayout(a: FormLayout, b: FormLayout): boolean {
  return canonicalize(a) === canonicalize(b);
}

async function publishRow(trx: Trx, form: FormRow, writer: FormWriter): Promise<FormVersionRow> {
  assertLayout(form.draft);
  const unfinished = publishProblems(form.draft);
  if (unfinished.length > 0) throw invalidLayout(unfinished);
  const latest = await findLatestVersion(trx, form.id);
  if (latest && sameLayout(latest.layout, form.draft) && latest.title === form.title && latest.title_en === form.title_en) return latest;
  return writeForm(
    trx,
    {
      write: 'publish',
      form,
      version: {
        form_id: form.id,
        municipality_code: form.municipality_code,
        version: (latest?.version ?? 0) + 1,
        title: form.title,
        title_en: form.title_en,
        layout: form.draft,
        schema: schemaOfLayout(form.draft),
        template_version_id: form.template_version_id,
        published_by: writer.label,
      },
    },
    { changedBy: writer.label },
  );
}

/** The national side keeps a template in step with the code: a new version when the layout changed. */
export async function saveNationalTemplate(
  deps: { db: Db },
  writer: FormWriter & { kind: 'national' },
  args: { procedureId: string; title: LocalizedText; layout: FormLayout },
): Promise<{ form: FormRow; version: FormVersionRow; changed: boolean }> {
  assertLayout(args.layout);
  return inFormTransaction(deps.db, writer, async (trx) => {
    const existing = await findNationalTemplate(trx, args.procedureId, { forUpdate: true });
    let form: FormRow;
    if (!existing) {
      const row = { municipality_code: null, kind: 'national_template' as const, procedure_id: args.procedureId, template_form_id: null, template_version_id: null, title: args.title.ja, title_en: args.title.en, draft: args.layout };
      form = await writeForm(trx, { write: 'create', change: 'created', form: row }, { changedBy: writer.label });
    } else {
      form = existing;
      if (!sameLayout(form.draft, args.layout) || form.title !== args.title.ja || form.title_en !== args.title.en) {
        const changes = { draft: args.layout, title: args.title.ja, title_en: args.title.en, revision: form.revision + 1 };
        form = await writeForm(trx, { write: 'edit', change: 'edited', formId: form.id, changes }, { changedBy: writer.label });
      }
    }
    const before = await findLatestVersion(trx, form.id);
    const version = await publishRow(trx, form, writer);
    return { form, version, changed: version.id !== before?.id };
  });
}

/** A municipality takes a national template as its form; it may then add local sections. */
export async function adoptTemplate(deps: { db: Db }, writer: FormWriter & { kind: 'municipality' }, args: { templateFormId: string }): Promise<FormRow> {
  return inFormTransaction(deps.db, writer, async (trx) => {
    const template = await findForm(trx, args.templateFormId);
    if (!template || template.kind !== 'national_template') throw formNotFound();
    const version = await findLatestVersion(trx, template.id);
    if (!version) throw formNotFound();
    const row = {
      municipality_code: writer.municipalityCode,
      kind: 'adopted' as const,
      procedure_id: template.procedure_id,
      template_form_id: template.id,
      template_version_id: version.id,
      title: version.title,
      title_en: version.title_en,
      draft: version.layout,
    };
    return writeForm(trx, { write: 'create', change: 'adopted', form: row }, { changedBy: writer.label, details: { templateFormId: template.id, templateVersion: version.version } });
  });
}

/**
 * The national template's layout with an adopted form's local sections (上乗せ・独自利用事務) carried
 * over: each goes into the step of the same id, after that step's national sections and in the order
 * it had, or into the last step when the template no longer has that step.
 */
export function withLocalSections(template: FormLayout, adopted: FormLayout): FormLayout {
  const next = structuredClone(template);
  const last = next.steps[next.steps.length - 1];
  // A section's id only names it in the layout (its data lives under local.<key>, a key no national
  // section may have), so a local section whose id the new version took gets a fresh one.
  const taken = new Set(next.steps.flatMap((s) => s.sections.map((x) => x.id)));
  for (const step of adopted.steps) {
    const local = step.sections.filter((s) => s.local);
    if (local.length === 0) continue;
    const target = next.steps.find((s) => s.id === step.id) ?? last;
    for (const section of structuredClone(local)) {
      const id = uniqueIdentifier(section.id, taken);
      taken.add(id);
      target?.sections.push({ ...section, id });
    }
  }
  return next;
}

function notAdopted(): AppError {
  return new AppError('forms.not_adopted', 'bad_request', 'Only a form adopted from a national template takes the template’s new versions.', {
    ja: '国の様式を採用したフォームだけが、国の様式の新しい版を反映できます。',
  });
}

/**
 * An adopted form takes its national template's newest version: the national part and the title are
 * replaced and the local sections kept (`withLocalSections`). It is a change of the draft, published when the
 * municipality is ready. When a local condition names a national field the new version no longer
 * has, the whole change is refused with the layout's problems and nothing is written. Returns the
 * template version taken, or null when the form already had the newest.
 */
export async function takeNewestTemplate(
  deps: { db: Db },
  writer: FormWriter,
  args: { formId: string; expectedRevision?: number },
): Promise<{ form: FormRow; templateVersion: number | null }> {
  return inFormTransaction(deps.db, writer, async (trx) => {
    const form = await ownFormForUpdate(trx, writer, args.formId);
    if (form.kind !== 'adopted' || !form.template_form_id) throw notAdopted();
    if (args.expectedRevision !== undefined && args.expectedRevision !== form.revision) throw revisionConflict(form.revision);
    const newest = await findLatestVersion(trx, form.template_form_id);
    if (!newest || newest.id === form.template_version_id) return { form, templateVersion: null };
    const layout = withLocalSections(newest.layout, form.draft);
    assertLayout(layout);
    const changes = { draft: layout, title: newest.title, title_en: newest.title_en, template_version_id: newest.id, revision: form.revision + 1 };
    const updated = await writeForm(
      trx,
      { write: 'edit', change: 'adopted', formId: form.id, changes },
      { changedBy: writer.label, details: { templateFormId: form.template_form_id, templateVersion: newest.version } },
    );
    return { form: updated, templateVersion: newest.version };
  });
}

/** A municipality's own form for a service of its own (no national template). */
export async function createOwnForm(deps: { db: Db }, writer: FormWriter & { kind: 'municipality' }, args: { title: LocalizedText }): Promise<FormRow> {
  const title = { ja: args.title.ja.trim(), en: args.title.en.trim() };
  if (!title.ja || !title.en) {
    throw invalidLayout([
      ...(title.ja ? [] : [{ field: 'title', rule: 'required', message: { ja: 'フォームの名前（日本語）を入力してください', en: 'Enter the form’s title in Japanese' } }]),
      ...(title.en ? [] : [{ field: 'titleEn', rule: 'required', message: { ja: 'フォームの名前（英語）を入力してください', en: 'Enter the form’s title in English' } }]),
    ]);
  }
  const layout: FormLayout = {
    steps: [{ id: 'main', title: { ja: '申請内容', en: 'Your application' }, sections: [{ id: 'main', key: 'main', title: { ja: '申請内容', en: 'Your application' }, items: [] }] }],
  };
  return inFormTransaction(deps.db, writer, async (trx) => {
    const row = { municipality_code: writer.municipalityCode, kind: 'own' as const, procedure_id: null, template_form_id: null, template_version_id: null, title: title.ja.slice(0, 200), title_en: title.en.slice(0, 200), draft: layout };
    return writeForm(trx, { write: 'create', change: 'created', form: row }, { changedBy: writer.label });
  });
}

/**
 * Saves the builder's draft. An adopted form keeps the national part as adopted: only sections
 * marked local (上乗せ・独自利用事務) may be added, changed or removed.
 */
export async function saveFormDraft(
  deps: { db: Db },
  writer: FormWriter,
  args: { formId: string; layout: FormLayout; title?: LocalizedText; expectedRevision?: number; summary?: string },
): Promise<FormRow> {
  assertLayout(args.layout);
  return inFormTransaction(deps.db, writer, async (trx) => {
    const form = await ownFormForUpdate(trx, writer, args.formId);
    if (args.expectedRevision !== undefined && args.expectedRevision !== form.revision) throw revisionConflict(form.revision);
    if (form.kind === 'adopted') {
      const problems = nationalPartProblems(form.draft, args.layout);
      if (problems.length > 0) throw invalidLayout(problems);
    }
    if (form.kind === 'own' && args.layout.steps.some((s) => s.sections.some((x) => x.local))) {
      throw invalidLayout([{ field: 'layout', rule: 'local', message: { ja: '独自項目の区分は国の様式を採用したフォームでのみ使えます。', en: 'Local sections are only for forms adopted from a national template.' } }]);
    }
    const changes = { draft: args.layout, ...(args.title ? { title: args.title.ja, title_en: args.title.en } : {}), revision: form.revision + 1 };
    return writeForm(trx, { write: 'edit', change: 'edited', formId: form.id, changes }, { changedBy: writer.label, ...(args.summary ? { details: { summary: args.summary.slice(0, 200) } } : {}) });
  });
}

/** Freezes the draft into a new immutable version; residents get it from then on. */
export async function publishForm(deps: { db: Db }, writer: FormWriter, args: { formId: string; expectedRevision?: number }): Promise<FormVersionRow> {
  return inFormTransaction(deps.db, writer, async (trx) => {
    const form = await ownFormForUpdate(trx, writer, args.formId);
    if (args.expectedRevision !== undefined && args.expectedRevision !== form.revision) throw revisionConflict(form.revision);
    return publishRow(trx, form, writer);
  });
}

function serviceNotFound(): AppError {
  return new AppError('forms.service_not_found', 'not_found', 'There is no such service.', { ja: 'サービスが見つかりません。' });
}

/** Which form a service uses (null: none). The form must be the writer's own or a national template. */
export async function linkServiceForm(deps: { db: Db }, writer: FormWriter, args: { serviceId: string; formId: string | null }): Promise<void> {
  await inFormTransaction(deps.db, writer, async (trx) => {
    const service = await findServiceOwner(trx, args.serviceId);
    const owns = service && (writer.kind === 'municipality' ? service.municipality_code === writer.municipalityCode : true);
    if (!service || !owns) throw serviceNotFound();
    const previous = await findServiceFormLink(trx, service.id);
    if (args.formId === null) {
      if (previous) {
        const form = await findForm(trx, previous.form_id);
        await writeForm(trx, { write: 'unlink', form: { id: previous.form_id, revision: form?.revision ?? 0 }, service }, { changedBy: writer.label });
      }
      return;
    }
    const form = await findForm(trx, args.formId);
    const usable = form && (form.municipality_code === null || form.municipality_code === service.municipality_code);
    if (!form || !usable) throw formNotFound();
    if (previous?.form_id === form.id) return;
    // The history row goes with the municipality's link (a national template's history is the nation's).
    await writeForm(trx, { write: 'link', form, service, linkedBy: writer.label }, { changedBy: writer.label });
  });
}

export async function versionById(deps: { db: Db }, id: string): Promise<FormVersionRow | undefined> {
  return findVersionById(deps.db.kysely, id);
}
