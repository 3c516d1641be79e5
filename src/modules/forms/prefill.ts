// Prefill: what the account already knows goes into the form, so the resident enters it once —
// the basic four items (基本4情報) read from the signature certificate, and profile data entered
// before. A field's own `prefill` source comes first; a field with a `shared` key then takes the
// answer given before to the same key (shared.ts). Only top-level fields (not group rows) are
// prefilled; the resident can change them.
import { isRecord, setValueAt, valueAt, type Data } from './conditions.ts';
import { isGroup, placedItems, type FieldDef, type FormLayout } from './definition.ts';

export interface KnownData {
  basic4?: { name: string; address: string; birthDate: string; sex: string };
  profile?: Record<string, unknown>;
  /** Shared answers given before (`{ applicant: { kana, phone, … } }`), by `shared` key. */
  shared?: Record<string, unknown>;
}

export const PREFILL_SOURCES = ['basic4.name', 'basic4.address', 'basic4.birthDate', 'basic4.sex'] as const;

/** The certificate gives the date as YYYYMMDD (or with separators, or in 和暦 text we cannot read). */
function isoDate(value: string): string | undefined {
  const digits = value.replace(/[年月/.-]/g, '-').replace(/日$/, '');
  const m = /^(\d{4})-?(\d{1,2})-?(\d{1,2})$/.exec(digits);
  if (!m) return undefined;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** 性別 in the certificate: 1 男, 2 女, 3 不明 (住民基本台帳 codes) or the words themselves. */
function sexValue(value: string, field: FieldDef): string | undefined {
  const normalised = ({ '1': 'male', '男': 'male', '男性': 'male', male: 'male', '2': 'female', '女': 'female', '女性': 'female', female: 'female' } as Record<string, string>)[value.trim()];
  const options = field.options ?? [];
  if (options.length === 0) return value;
  return options.find((o) => o.value === normalised || o.value === value || o.label.ja === value)?.value;
}

function fits(field: FieldDef, value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  switch (field.widget) {
    case 'date':
      return typeof value === 'string' ? isoDate(value) : undefined;
    case 'number':
      return typeof value === 'number' ? value : undefined;
    case 'yes-no':
      return typeof value === 'boolean' ? value : undefined;
    case 'checkbox':
      return field.options?.length ? (Array.isArray(value) ? value : undefined) : typeof value === 'boolean' ? value : undefined;
    case 'select':
    case 'radio':
      return typeof value === 'string' && field.options?.some((o) => o.value === value) ? value : undefined;
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  }
}

export function prefillLayout(layout: FormLayout, known: KnownData): Data {
  const out: Data = {};
  for (const { item, path } of placedItems(layout)) {
    if (isGroup(item) || (!item.prefill && !item.shared)) continue;
    const [source, ...rest] = (item.prefill ?? '').split('.');
    let value: unknown;
    if (source === 'basic4' && known.basic4) {
      const raw = known.basic4[rest.join('.') as keyof NonNullable<KnownData['basic4']>];
      value = typeof raw === 'string' && rest[0] === 'sex' ? sexValue(raw, item) : raw;
    } else if (source === 'profile' && isRecord(known.profile)) {
      value = valueAt(known.profile, rest.join('.'));
    }
    let fitted = fits(item, value);
    if (fitted === undefined && item.shared && isRecord(known.shared)) fitted = fits(item, valueAt(known.shared, item.shared));
    if (fitted !== undefined) setValueAt(out, path, fitted);
  }
  return out;
}
