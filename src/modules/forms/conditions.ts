// Conditions and the data a form keeps. One evaluator serves the page (what to show), cleaning (what
// to keep) and — through the same semantics compiled into the JSON Schema (schema.ts) — validation:
// a hidden section's fields are never required and its data is dropped.
import { isGroup, placedItems, sectionPath, type Condition, type ConditionValue, type FieldDef, type FormLayout, type PlacedItem } from './definition.ts';

export type Data = Record<string, unknown>;

export function isRecord(value: unknown): value is Data {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path (`applicant.kana`), or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const key of path.split('.')) {
    if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** Sets a value at a dotted path, making the objects on the way. */
export function setValueAt(data: Data, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = data;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (!isRecord(next)) current[key] = {};
    current = current[key] as Data;
  }
  current[keys[keys.length - 1]!] = value;
}

/** Falsy for conditions: absent, null, false, '' and 0 (the same list as in schema.ts). */
export const FALSY_VALUES: readonly (ConditionValue | null)[] = [false, null, '', 0];

export function holds(condition: Condition | undefined, data: unknown): boolean {
  if (!condition) return true;
  const value = valueAt(data, condition.field);
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return condition.in.some((v) => v === value);
  if ('includes' in condition) return Array.isArray(value) && value.includes(condition.includes);
  return value !== undefined && !FALSY_VALUES.includes(value as ConditionValue | null);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function cleanRow(fields: FieldDef[], row: Data): Data {
  const out: Data = {};
  for (const field of fields) {
    if (!holds(field.when, row)) continue;
    const value = row[field.id];
    if (!isEmpty(value)) out[field.id] = value;
  }
  return out;
}

/** A layout's items in page order with their paths split once: cleaning runs on every save and submit. */
interface CleanPlan {
  sections: Array<{ when: Condition | undefined; base: string; items: Array<{ item: PlacedItem['item']; path: string }> }>;
  /** Whether anything in the layout is shown only under a condition (else one pass cleans). */
  conditional: boolean;
}

// Keyed by the layout object: layouts of form versions never change, and the builder edits copies.
const plans = new WeakMap<FormLayout, CleanPlan>();

function planOf(layout: FormLayout): CleanPlan {
  let plan = plans.get(layout);
  if (plan) return plan;
  const sections = new Map<PlacedItem['section'], CleanPlan['sections'][number]>();
  let conditional = false;
  for (const { section, item, path } of placedItems(layout)) {
    let entry = sections.get(section);
    if (!entry) sections.set(section, (entry = { when: section.when, base: sectionPath(section), items: [] }));
    entry.items.push({ item, path });
    conditional ||= Boolean(section.when || item.when || (isGroup(item) && item.fields.some((f) => f.when)));
  }
  plan = { sections: [...sections.values()], conditional };
  plans.set(layout, plan);
  return plan;
}

function cleanOnce(plan: CleanPlan, source: unknown): Data {
  const out: Data = {};
  for (const { when, base, items } of plan.sections) {
    if (!holds(when, source)) continue;
    // Visible sections exist as objects, so a missing one reports its own fields as required.
    if (base && !isRecord(valueAt(out, base))) setValueAt(out, base, {});
    for (const { item, path } of items) {
      if (!holds(item.when, source)) continue;
      const value = valueAt(source, path);
      if (isGroup(item)) {
        const rows = Array.isArray(value) ? value : [];
        setValueAt(out, path, rows.map((row) => (isRecord(row) ? cleanRow(item.fields, row) : row)));
      } else if (!isEmpty(value)) {
        setValueAt(out, path, value);
      }
    }
  }
  return out;
}

/**
 * The data the form keeps: only fields of the layout, only visible ones, no empty values. Hiding
 * can cascade (a hidden field hides what depends on it), so this repeats until nothing changes.
 */
export function cleanData(layout: FormLayout, data: unknown): Data {
  const plan = planOf(layout);
  let current = cleanOnce(plan, data);
  if (!plan.conditional) return current;
  for (let i = 0; i < 8; i++) {
    const next = cleanOnce(plan, current);
    if (JSON.stringify(next) === JSON.stringify(current)) return next;
    current = next;
  }
  return current;
}
