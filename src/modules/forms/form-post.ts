// A form post (application/x-www-form-urlencoded, flat names like `applicant.kana` and
// `children[0].name`) to the nested data of a form, and the data back to flat fields. Values are
// converted by widget (numbers, yes/no, checkboxes); text that is not a number stays text, so
// validation can say 「数字で入力してください」 and the page shows what was typed.
import { isRecord, setValueAt, valueAt, type Data } from './conditions.ts';
import { isGroup, placedItems, type FieldDef, type FormLayout } from './definition.ts';

export type FormPostBody = Record<string, unknown>;

/** What the named buttons of a repeating group ask for: add a row, or remove one. */
export type GroupAction = { kind: 'add'; group: string } | { kind: 'remove'; group: string; index: number };

export const ACTION_FIELD = '_action';
/** Marks a row as present even when all its fields are empty. */
export const ROW_MARKER = '_row';
const MAX_ROWS = 50;

function first(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
}

function all(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter((v): v is string => typeof v === 'string' && v !== '');
}

function convert(field: FieldDef, raw: unknown): unknown {
  if (field.widget === 'checkbox' && field.options?.length) {
    const values = all(raw);
    return values.length > 0 ? values : undefined;
  }
  const text = first(raw)?.trim();
  if (text === undefined || text === '') return undefined;
  switch (field.widget) {
    case 'checkbox':
      return text === 'true' || text === 'on' || text === '1' ? true : undefined;
    case 'yes-no':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'number': {
      // Full-width digits are common from Japanese input methods.
      const ascii = text.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/,/g, '');
      return /^-?\d+(\.\d+)?$/.test(ascii) ? Number(ascii) : text;
    }
    default:
      return first(raw)!.slice(0, 5000);
  }
}

export function parseAction(body: FormPostBody | undefined): GroupAction | null {
  const action = first(body?.[ACTION_FIELD]);
  if (!action) return null;
  const [kind, group, index] = action.split(':');
  if (kind === 'add' && group) return { kind: 'add', group };
  if (kind === 'remove' && group && /^\d+$/.test(index ?? '')) return { kind: 'remove', group, index: Number(index) };
  return null;
}

/**
 * The data of a post: only the fields of the layout (of one step, when given). Repeating groups
 * take their rows from the posted names; a group action (add or remove a row) is applied.
 */
export function parseFormPost(layout: FormLayout, posted: FormPostBody | undefined, options: { stepId?: string } = {}): { data: Data; action: GroupAction | null } {
  // A POST without a body (no form at all) is an empty form, not a crash (issue #11, point 2).
  const body = posted ?? {};
  const data: Data = {};
  const action = parseAction(body);
  for (const { step, item, path } of placedItems(layout)) {
    if (options.stepId !== undefined && step.id !== options.stepId) continue;
    if (!isGroup(item)) {
      const value = convert(item, body[path]);
      if (value !== undefined) setValueAt(data, path, value);
      continue;
    }
    const indices = new Set<number>();
    const prefix = `${path}[`;
    for (const key of Object.keys(body)) {
      if (!key.startsWith(prefix)) continue;
      const m = /^\[(\d+)\]\./.exec(key.slice(path.length));
      if (m && Number(m[1]) < MAX_ROWS) indices.add(Number(m[1]));
    }
    let rows = [...indices]
      .sort((a, b) => a - b)
      .map((i) => {
        const row: Data = {};
        for (const field of item.fields) {
          const value = convert(field, body[`${path}[${i}].${field.id}`]);
          if (value !== undefined) row[field.id] = value;
        }
        return row;
      });
    if (action?.group === path && action.kind === 'remove') rows = rows.filter((_, i) => i !== action.index);
    if (action?.group === path && action.kind === 'add' && rows.length < (item.maxItems ?? MAX_ROWS)) rows.push({});
    setValueAt(data, path, rows);
  }
  return { data, action };
}

/** Replaces one step's part of the data with what was posted for it, keeping the other steps. */
export function mergeStepData(layout: FormLayout, base: unknown, stepData: Data, stepId: string): Data {
  const out: Data = isRecord(base) ? structuredClone(base) : {};
  for (const { step, path } of placedItems(layout)) {
    if (step.id !== stepId) continue;
    const value = valueAt(stepData, path);
    const keys = path.split('.');
    const parent = keys.length > 1 ? valueAt(out, keys.slice(0, -1).join('.')) : out;
    if (value === undefined) {
      if (isRecord(parent)) delete parent[keys[keys.length - 1]!];
    } else {
      setValueAt(out, path, value);
    }
  }
  return out;
}

/** The data as flat form fields (for a round trip, or an existing system's flat export). */
export function toFormFields(layout: FormLayout, data: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const put = (name: string, field: FieldDef, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) out[name] = value.map(String);
    else out[name] = field.widget === 'checkbox' && value === true ? 'true' : String(value);
  };
  for (const { item, path } of placedItems(layout)) {
    const value = valueAt(data, path);
    if (!isGroup(item)) {
      put(path, item, value);
      continue;
    }
    if (!Array.isArray(value)) continue;
    value.forEach((row, i) => {
      out[`${path}[${i}].${ROW_MARKER}`] = '1';
      for (const field of item.fields) put(`${path}[${i}].${field.id}`, field, isRecord(row) ? row[field.id] : undefined);
    });
  }
  return out;
}
