// What a form is (PRODUCT.md §3.4): a layout — steps → sections → fields and repeating groups, each
// with Japanese and English text, a widget, conditions and prefill sources — from which the JSON
// Schema of its data is derived (schema.ts). Both are stored with every published version, so an
// application keeps the exact form it was made with and an existing system can read the schema.

export interface LocalizedText {
  ja: string;
  en: string;
}

export const WIDGETS = ['text', 'textarea', 'date', 'select', 'radio', 'checkbox', 'number', 'tel', 'email', 'postal-code', 'yes-no'] as const;
export type Widget = (typeof WIDGETS)[number];

export type ConditionValue = string | number | boolean;

/**
 * When a section, group or field is shown. `field` is a data path from the root (`account.kind`);
 * inside a repeating group, a field's condition names a field of the same row (`livesApart`).
 * Hidden parts are not required and their data is dropped before validation and storage.
 */
export type Condition =
  | { field: string; equals: ConditionValue }
  | { field: string; in: ConditionValue[] }
  /** A checkbox answer (an array) that includes the value. */
  | { field: string; includes: string }
  | { field: string; truthy: true };

export interface FieldOption {
  value: string;
  label: LocalizedText;
}

export interface FieldDef {
  kind?: 'field';
  /** The property name within its section (or group row): letters, digits and `_`, starting with a letter. */
  id: string;
  label: LocalizedText;
  help?: LocalizedText;
  widget: Widget;
  required?: boolean;
  /** select, radio, checkbox (several answers); a checkbox without options is one yes box. */
  options?: FieldOption[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** What to tell the resident when `pattern` fails (e.g. 「カタカナで入力してください」). */
  patternHint?: LocalizedText;
  minimum?: number;
  maximum?: number;
  /** Whole numbers only (number widget). */
  integer?: boolean;
  /** `basic4.name|address|birthDate|sex` (signature certificate) or `profile.<path>`. */
  prefill?: string;
  /**
   * What the answer means across forms (see shared.ts): a top-level field names a key of the shared
   * answers (`applicant.name`); a field of a shared group names its key within the row (`birthDate`).
   * Fields with the same key are asked once for a one-stop bundle and reused for later drafts.
   */
  shared?: string;
  when?: Condition;
  /** HTML autocomplete token. */
  autocomplete?: string;
}

export interface GroupDef {
  kind: 'group';
  /** The array's property name within its section. */
  id: string;
  label: LocalizedText;
  /** The name of one row, numbered on the page: 児童 1, 児童 2. */
  itemLabel: LocalizedText;
  help?: LocalizedText;
  minItems?: number;
  maxItems?: number;
  /** The key of the rows in the shared answers (`children`); its fields with a `shared` key are shared. */
  shared?: string;
  when?: Condition;
  fields: FieldDef[];
}

export type ItemDef = FieldDef | GroupDef;

export interface SectionDef {
  id: string;
  title: LocalizedText;
  help?: LocalizedText;
  /** The object its fields live under (`applicant` → `applicant.kana`); fields sit at the root without one. */
  key?: string;
  /**
   * 上乗せ・独自利用事務: a municipality's own addition to a national template. Its data lives under
   * `local.` (`local.<key>.<field>`), so the national part of the data keeps its shape.
   */
  local?: boolean;
  when?: Condition;
  items: ItemDef[];
}

export interface StepDef {
  id: string;
  title: LocalizedText;
  sections: SectionDef[];
}

export interface FormLayout {
  steps: StepDef[];
}

/** A JSON Schema (draft 2020-12 subset) as plain data. */
export type JsonSchema = Record<string, unknown>;

export interface FormDefinition {
  layout: FormLayout;
  /** Derived from the layout by `schemaOfLayout`; never edited by hand. */
  schema: JsonSchema;
}

export function isGroup(item: ItemDef): item is GroupDef {
  return item.kind === 'group';
}

/** The data path of a section's object: '' (root), 'applicant', 'local', 'local.extra'. */
export function sectionPath(section: SectionDef): string {
  const parts = [section.local ? 'local' : '', section.key ?? ''].filter(Boolean);
  return parts.join('.');
}

export function joinPath(base: string, id: string): string {
  return base ? `${base}.${id}` : id;
}

/** Every visible-or-not leaf and group of the layout with its data path, in page order. */
export interface PlacedItem {
  step: StepDef;
  section: SectionDef;
  item: ItemDef;
  path: string;
}

export function placedItems(layout: FormLayout): PlacedItem[] {
  const out: PlacedItem[] = [];
  for (const step of layout.steps) {
    for (const section of step.sections) {
      const base = sectionPath(section);
      for (const item of section.items) out.push({ step, section, item, path: joinPath(base, item.id) });
    }
  }
  return out;
}
