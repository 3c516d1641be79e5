// Shared answers (PRODUCT.md §3.4, one-stop for a life event): fields that mean the same thing on
// several forms — the applicant's name, kana, birth date, address, phone; each child's name and
// birth date — carry the same `shared` key in the layouts. For a bundle they are asked once, on one
// step built from the chosen forms, and written into every draft; for a later draft they are what
// the account already knows. The key, not the field's path, is the contract: a municipality's own
// form may keep the phone number elsewhere and still share it by marking it `applicant.phone`.
import { createHash } from 'node:crypto';
import { isRecord, setValueAt, valueAt, type Data } from './conditions.ts';
import { isGroup, placedItems, type FieldDef, type FormLayout, type GroupDef, type LocalizedText, type SectionDef } from './definition.ts';
import type { FormVersion } from './form-version.ts';
import { schemaOfLayout } from './schema.ts';

export const SHARED_STEP_ID = 'shared';

/** Titles for the usual prefixes; another prefix takes the title of the section it came from. */
const SECTION_TITLES: Record<string, LocalizedText> = {
  applicant: { ja: '申請者（請求者・申込者）', en: 'Applicant' },
};

function splitKey(key: string): { prefix: string; id: string } {
  const i = key.lastIndexOf('.');
  return i < 0 ? { prefix: '', id: key } : { prefix: key.slice(0, i), id: key.slice(i + 1) };
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * One field for a key asked on several forms: the first form's wording, required if any form
 * requires it, the tighter length. Conditions are dropped (they name the form they came from).
 */
function mergeField(existing: FieldDef | undefined, field: FieldDef, id: string): FieldDef {
  if (!existing) {
    const { when: _when, prefill: _prefill, ...rest } = field;
    return { ...structuredClone(rest), id, ...(field.when ? { required: false } : {}) };
  }
  const required = existing.required === true || (field.required === true && !field.when);
  const maxLength = existing.maxLength !== undefined && field.maxLength !== undefined ? Math.min(existing.maxLength, field.maxLength) : (existing.maxLength ?? field.maxLength);
  return { ...existing, ...(required ? { required } : {}), ...(maxLength !== undefined ? { maxLength } : {}) };
}

/** The shared fields of these forms as one step, in the order they first appear. */
export function sharedLayout(layouts: readonly FormLayout[]): FormLayout {
  const sections = new Map<string, { title: LocalizedText; fields: Map<string, FieldDef>; group?: GroupDef }>();
  const sectionOf = (key: string, title: LocalizedText) => {
    let s = sections.get(key);
    if (!s) sections.set(key, (s = { title, fields: new Map() }));
    return s;
  };
  for (const layout of layouts) {
    for (const { item, section } of placedItems(layout)) {
      if (isGroup(item)) {
        const rowFields = item.fields.filter((f) => f.shared);
        if (!item.shared || rowFields.length === 0) continue;
        const target = sectionOf(`group:${item.shared}`, item.label);
        const group: GroupDef = (target.group ??= {
          kind: 'group',
          id: splitKey(item.shared).id,
          label: item.label,
          itemLabel: item.itemLabel,
          ...(item.help ? { help: item.help } : {}),
          ...(item.minItems !== undefined ? { minItems: item.minItems } : {}),
          ...(item.maxItems !== undefined ? { maxItems: item.maxItems } : {}),
          fields: [],
        });
        if (item.minItems !== undefined) group.minItems = Math.max(group.minItems ?? 0, item.minItems);
        if (item.maxItems !== undefined) group.maxItems = Math.min(group.maxItems ?? item.maxItems, item.maxItems);
        for (const f of rowFields) {
          const at = group.fields.findIndex((g) => g.shared === f.shared);
          const merged = mergeField(at < 0 ? undefined : group.fields[at], f, f.shared!);
          if (at < 0) group.fields.push(merged);
          else group.fields[at] = merged;
        }
      } else if (item.shared) {
        const { prefix, id } = splitKey(item.shared);
        const target = sectionOf(`fields:${prefix}`, SECTION_TITLES[prefix] ?? section.title);
        target.fields.set(id, mergeField(target.fields.get(id), item, id));
      }
    }
  }
  const out: SectionDef[] = [];
  let n = 0;
  for (const [name, s] of sections) {
    n += 1;
    if (s.group) {
      const { prefix } = splitKey(name.slice('group:'.length));
      out.push({ id: `shared${n}`, title: s.title, ...(prefix ? { key: prefix } : {}), items: [s.group] });
    } else {
      const prefix = name.slice('fields:'.length);
      out.push({ id: `shared${n}`, title: s.title, ...(prefix ? { key: prefix } : {}), items: [...s.fields.values()] });
    }
  }
  return { steps: [{ id: SHARED_STEP_ID, title: { ja: '共通の項目', en: 'Shared answers' }, sections: out }] };
}

/**
 * The shared step as a form version, for rendering and validation. Its id names the versions it
 * was built from (published versions never change), so the compiled validator is cached safely.
 */
export function sharedFormVersion(versions: readonly FormVersion[]): FormVersion {
  const layout = sharedLayout(versions.map((v) => v.definition.layout));
  const ids = versions.map((v) => v.id).sort();
  return {
    id: `shared:${createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32)}`,
    formId: 'shared',
    version: 0,
    title: { ja: '共通の項目', en: 'Shared answers' },
    definition: { layout, schema: schemaOfLayout(layout) },
    municipalityCode: null,
  };
}

/** The shared answers in a form's data: `{ applicant: { name, … }, children: [{ name, birthDate }] }`. */
export function sharedAnswersOf(layout: FormLayout, data: unknown): Data {
  const out: Data = {};
  for (const { item, path } of placedItems(layout)) {
    if (!item.shared) continue;
    const value = valueAt(data, path);
    if (isGroup(item)) {
      if (!Array.isArray(value) || value.length === 0) continue;
      const fields = item.fields.filter((f) => f.shared);
      if (fields.length === 0) continue;
      const rows = value.map((row) => {
        const r: Data = {};
        for (const f of fields) if (isRecord(row) && !isEmpty(row[f.id])) r[f.shared!] = row[f.id];
        return r;
      });
      setValueAt(out, item.shared, rows);
    } else if (!isEmpty(value)) {
      setValueAt(out, item.shared, value);
    }
  }
  return out;
}

/** Merges answers: earlier sources win per key (a group's rows are taken whole, from the first that has them). */
export function mergeSharedAnswers(...sources: readonly Data[]): Data {
  const out: Data = {};
  const walk = (source: Data, base: string) => {
    for (const [key, value] of Object.entries(source)) {
      const path = base ? `${base}.${key}` : key;
      if (isRecord(value)) walk(value, path);
      else if (!isEmpty(value) && valueAt(out, path) === undefined) setValueAt(out, path, structuredClone(value));
    }
  };
  for (const s of sources) walk(s, '');
  return out;
}

/**
 * Which of a form's rows each shared row belongs to. A row whose shared fields already hold exactly
 * the shared row's answers is that child, wherever either now stands (the children were reordered,
 * or one before it removed), so the form's own answers about the child (relationship, living
 * together) stay with the right child. The shared rows left take the form's rows left in order (an
 * answer corrected), then new rows. The form's rows no shared row took stay, after them.
 */
function matchRows(existing: readonly unknown[], answer: readonly unknown[], fields: readonly FieldDef[]): Array<{ sharedRow: unknown; row: unknown } | { kept: unknown }> {
  const sameChild = (row: unknown, sharedRow: unknown) =>
    isRecord(row) &&
    isRecord(sharedRow) &&
    fields.some((f) => !isEmpty(sharedRow[f.shared!])) &&
    fields.every((f) => (isEmpty(row[f.id]) && isEmpty(sharedRow[f.shared!])) || row[f.id] === sharedRow[f.shared!]);
  const taken = new Set<number>();
  const paired: Array<number | undefined> = answer.map((sharedRow) => {
    const j = existing.findIndex((row, k) => !taken.has(k) && sameChild(row, sharedRow));
    if (j < 0) return undefined;
    taken.add(j);
    return j;
  });
  const left = existing.map((_, k) => k).filter((k) => !taken.has(k));
  const out = answer.map((sharedRow, i) => {
    let j = paired[i];
    if (j === undefined && left.length > 0) j = left.shift()!;
    return { sharedRow, row: j === undefined ? undefined : existing[j] };
  });
  return [...out, ...left.map((k) => ({ kept: existing[k] }))];
}

/**
 * Writes the shared answers into a form's data: each shared field takes the answer (or loses its
 * value when the answer was cleared); a shared group gets one row per answered row, each keeping the
 * form's own answers about that child (see matchRows), and rows the form has beyond them stay.
 */
export function applySharedAnswers(layout: FormLayout, data: unknown, shared: Data): Data {
  const out: Data = isRecord(data) ? structuredClone(data) : {};
  for (const { item, path } of placedItems(layout)) {
    if (!item.shared) continue;
    const answer = valueAt(shared, item.shared);
    if (isGroup(item)) {
      const fields = item.fields.filter((f) => f.shared);
      if (fields.length === 0 || !Array.isArray(answer)) continue;
      const existing = valueAt(out, path);
      const rows = matchRows(Array.isArray(existing) ? existing : [], answer, fields).map((match) => {
        if ('kept' in match) return match.kept;
        const { sharedRow, row } = match;
        const next: Data = isRecord(row) ? { ...row } : {};
        for (const f of fields) {
          const v = isRecord(sharedRow) ? sharedRow[f.shared!] : undefined;
          if (isEmpty(v)) delete next[f.id];
          else next[f.id] = v;
        }
        return next;
      });
      setValueAt(out, path, rows);
    } else if (isEmpty(answer)) {
      const keys = path.split('.');
      const parent = keys.length > 1 ? valueAt(out, keys.slice(0, -1).join('.')) : out;
      if (isRecord(parent)) delete parent[keys[keys.length - 1]!];
    } else {
      setValueAt(out, path, answer);
    }
  }
  return out;
}
