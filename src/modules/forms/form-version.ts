// The form a resident fills in: one published, immutable version (an application stores its id),
// and the data operations on it — clean, validate (whole form or one step), prefill.
import type { Db } from '../../platform/db/index.ts';
import { cleanData, type Data } from './conditions.ts';
import type { FormDefinition, FormLayout, LocalizedText } from './definition.ts';
import { prefillLayout, type KnownData } from './prefill.ts';
import { findVersionById, findVersionForService, type FormRow, type FormVersionRow } from './repository.ts';
import { schemaOfLayout } from './schema.ts';
import { validateCleanData, type FieldError } from './validate.ts';

export interface FormVersion {
  /** The form_versions id (a uuid); a builder preview has `draft:<formId>:<revision>`. */
  id: string;
  formId: string;
  version: number;
  title: LocalizedText;
  definition: FormDefinition;
  /** The owner: null for a national template. */
  municipalityCode: string | null;
}

export function versionOfRow(row: FormVersionRow): FormVersion {
  return {
    id: row.id,
    formId: row.form_id,
    version: row.version,
    title: { ja: row.title, en: row.title_en },
    definition: { layout: row.layout, schema: row.schema },
    municipalityCode: row.municipality_code,
  };
}

/** A form's unpublished draft as a version, for the builder's preview. */
export function draftVersionOf(form: FormRow, layout: FormLayout = form.draft): FormVersion {
  return {
    id: `draft:${form.id}:${form.revision}`,
    formId: form.id,
    version: 0,
    title: { ja: form.title, en: form.title_en },
    definition: { layout, schema: schemaOfLayout(layout) },
    municipalityCode: form.municipality_code,
  };
}

/** The published version a service uses now, or null (no form linked or none published). */
export async function formVersionForService(db: Db, serviceId: string): Promise<FormVersion | null> {
  const row = await findVersionForService(db.kysely, serviceId);
  return row ? versionOfRow(row) : null;
}

export async function loadFormVersion(db: Db, formVersionId: string): Promise<FormVersion | null> {
  const row = await findVersionById(db.kysely, formVersionId);
  return row ? versionOfRow(row) : null;
}

/**
 * The data to keep: fields of the form only, hidden sections and fields dropped, empty values
 * removed. Store this (not the raw post), so a hidden answer never travels with an application.
 */
export function cleanFormData(version: FormVersion, data: unknown): Data {
  return cleanData(version.definition.layout, data);
}

/** The data to keep and its errors ([] when valid), cleaning once: what submitting needs. */
export function checkFormData(version: FormVersion, data: unknown): { data: Data; errors: FieldError[] } {
  const clean = cleanData(version.definition.layout, data);
  return { data: clean, errors: validateCleanData(version.id, version.definition, clean) };
}

/** [] when valid. With `stepId`, only the fields of that step (the multi-step flow). */
export function validateFormData(version: FormVersion, data: unknown, options: { stepId?: string } = {}): FieldError[] {
  return validateCleanData(version.id, version.definition, cleanData(version.definition.layout, data), options.stepId);
}

export function prefillFormData(version: FormVersion, known: KnownData): Record<string, unknown> {
  return prefillLayout(version.definition.layout, known);
}
