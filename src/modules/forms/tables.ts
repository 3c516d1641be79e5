// The forms module's tables as Kysely sees them (migrations/202611221000_create_forms.ts).
import type { ColumnType, Generated } from 'kysely';
import type { FormLayout, JsonSchema } from './definition.ts';

type Json<T> = ColumnType<T, string, string>;

export type FormKind = 'national_template' | 'adopted' | 'own';
export type FormChange = 'created' | 'adopted' | 'edited' | 'published' | 'linked' | 'unlinked';

export interface FormTable {
  id: Generated<string>;
  municipality_code: string | null;
  kind: FormKind;
  procedure_id: string | null;
  template_form_id: string | null;
  template_version_id: string | null;
  title: string;
  title_en: string;
  draft: Json<FormLayout>;
  revision: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FormVersionTable {
  id: Generated<string>;
  form_id: string;
  municipality_code: string | null;
  version: number;
  title: string;
  title_en: string;
  layout: Json<FormLayout>;
  schema: Json<JsonSchema>;
  template_version_id: string | null;
  published_by: string | null;
  published_at: Generated<Date>;
}

export interface ServiceFormTable {
  service_id: string;
  municipality_code: string | null;
  form_id: string;
  linked_by: string | null;
  linked_at: Generated<Date>;
}

export interface FormHistoryTable {
  id: Generated<string>;
  form_id: string;
  municipality_code: string | null;
  change: FormChange;
  revision: number;
  version: number | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  changed_by: string | null;
  changed_at: Generated<Date>;
  /** The transaction that wrote the row: the commit-time guard matches a change to its history by it. */
  tx: ColumnType<number, never, never>;
}

export interface FormsTables {
  forms: FormTable;
  form_versions: FormVersionTable;
  service_forms: ServiceFormTable;
  form_history: FormHistoryTable;
}

// These tables join the platform's Database type from here: the platform names no module (issue #11,
// point 10).
declare module '../../platform/db/tables.ts' {
  interface Database extends FormsTables {}
}
