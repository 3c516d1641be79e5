// Validation of a form's data (ADR 0013): the data is cleaned to the visible fields of the layout
// (conditions.ts), then checked by an Ajv validator compiled once per form version and cached —
// published versions never change, so their id is a safe cache key. Errors are per field, one per
// field, with a stable rule name and our own Japanese and English message.
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { cleanData, type Data } from './conditions.ts';
import { isGroup, placedItems, type FieldDef, type FormDefinition, type GroupDef, type LocalizedText, type StepDef } from './definition.ts';
import { messageFor, type MessageTarget } from './messages.ts';

export interface FieldError {
  /** The field's name as on the page and in the data: `applicant.kana`, `children[0].name`. */
  field: string;
  rule: string;
  message: LocalizedText;
}

// ajv-formats is CommonJS; its default export arrives as the module object under Node's ESM loader.
type AddFormats = (ajv: Ajv2020, formats: string[]) => Ajv2020;
const addFormats = ((addFormatsModule as unknown as { default?: AddFormats }).default ?? addFormatsModule) as unknown as AddFormats;

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
addFormats(ajv, ['date', 'email']);

interface Compiled {
  validate: ValidateFunction;
  /** Field and group definitions by their path without row indices (`children.name`). */
  targets: Map<string, { field?: FieldDef; group?: GroupDef; step: StepDef }>;
}

const CACHE_LIMIT = 500;
const cache = new Map<string, Compiled>();

function compile(definition: FormDefinition): Compiled {
  const targets = new Map<string, { field?: FieldDef; group?: GroupDef; step: StepDef }>();
  for (const { step, item, path } of placedItems(definition.layout)) {
    if (isGroup(item)) {
      targets.set(path, { group: item, step });
      for (const field of item.fields) targets.set(`${path}.${field.id}`, { field, group: item, step });
    } else {
      targets.set(path, { field: item, step });
    }
  }
  return { validate: ajv.compile(definition.schema), targets };
}

/** The compiled validator of a version; `cacheKey` must change whenever the definition does. */
export function compiledFor(cacheKey: string, definition: FormDefinition): Compiled {
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const compiled = compile(definition);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(cacheKey, compiled);
  return compiled;
}

/** `/children/0/name` → `children[0].name` */
function fieldNameOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

/** `children[0].name` → `children.name` */
export function definitionPathOf(fieldName: string): string {
  return fieldName.replace(/\[\d+\]/g, '');
}

function targetOf(compiled: Compiled, name: string): MessageTarget & { step?: StepDef } {
  const found = compiled.targets.get(definitionPathOf(name));
  if (!found) return { label: { ja: name, en: name } };
  const row = /\[(\d+)\]/.exec(name);
  if (found.field && found.group && row) {
    const n = Number(row[1]) + 1;
    return { label: found.field.label, field: found.field, row: { ja: `${found.group.itemLabel.ja} ${n}`, en: `${found.group.itemLabel.en} ${n}` }, step: found.step };
  }
  if (found.group && !found.field) return { label: found.group.label, group: found.group, step: found.step };
  return { label: found.field!.label, ...(found.field ? { field: found.field } : {}), step: found.step };
}

const RULE_ORDER = ['required', 'type', 'enum', 'const', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'uniqueItems'];

function toFieldErrors(compiled: Compiled, errors: ErrorObject[]): FieldError[] {
  const byField = new Map<string, FieldError & { rank: number }>();
  for (const e of errors) {
    // `if` only says which branch failed; the branch's own errors name the fields.
    if (e.keyword === 'if' || e.keyword === 'allOf') continue;
    let name = fieldNameOf(e.instancePath);
    let params = e.params as Record<string, unknown>;
    if (e.keyword === 'required') {
      const missing = String(params.missingProperty);
      name = name ? `${name}.${missing}` : missing;
      const group = compiled.targets.get(definitionPathOf(name))?.group;
      if (group && !compiled.targets.get(definitionPathOf(name))?.field) params = { minItems: group.minItems ?? 1 };
    }
    const target = targetOf(compiled, name);
    // A missing section object reports the section, not a field; its fields say more (the
    // cleaned data always has the objects of visible sections, so this is rare).
    const rank = RULE_ORDER.indexOf(e.keyword) < 0 ? RULE_ORDER.length : RULE_ORDER.indexOf(e.keyword);
    const current = byField.get(name);
    if (current && current.rank <= rank) continue;
    byField.set(name, { field: name, rule: e.keyword, message: messageFor(target, e.keyword, params), rank });
  }
  return [...byField.values()].map(({ field, rule, message }) => ({ field, rule, message }));
}

/** Validates already-cleaned data; optionally only the fields of one step. */
export function validateCleanData(cacheKey: string, definition: FormDefinition, data: Data, stepId?: string): FieldError[] {
  const compiled = compiledFor(cacheKey, definition);
  if (compiled.validate(data)) return [];
  let errors = toFieldErrors(compiled, compiled.validate.errors ?? []);
  if (stepId !== undefined) errors = errors.filter((e) => compiled.targets.get(definitionPathOf(e.field))?.step.id === stepId);
  return orderByLayout(compiled, errors);
}

/** Errors in the order the fields appear on the page (the error summary reads top to bottom). */
function orderByLayout(compiled: Compiled, errors: FieldError[]): FieldError[] {
  const order = [...compiled.targets.keys()];
  const rank = (e: FieldError) => {
    const i = order.indexOf(definitionPathOf(e.field));
    return i < 0 ? order.length : i;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.e.field.localeCompare(b.e.field, 'en', { numeric: true }) || a.i - b.i)
    .map(({ e }) => e);
}

export function validateDefinitionData(cacheKey: string, definition: FormDefinition, data: unknown, stepId?: string): FieldError[] {
  return validateCleanData(cacheKey, definition, cleanData(definition.layout, data), stepId);
}
