// The open 制度 record layout of Japanese open data (CPSV-J compatible, as published for the
// Cabinet Secretariat's support-finder and by Civichat), both ways: a record read into the fields
// of a service it fills, and a service written back as a record.
//
// Round trip: what our fields cannot reproduce is kept in `open_data` as it was imported (制度番号,
// 公開日, a 受付開始日 written 2021/4/1, a second URL in 詳細参照先, a theme outside our
// taxonomy …), and written back on export while it still reads to the same fields. So exporting
// and importing again gives the same service, and re-importing a file changes nothing.
import { readCsv, writeCsv } from '../../../platform/csv.ts';
import { AppError } from '../../../platform/errors.ts';
import { decodeTextFile, NOT_A_TEXT_FILE } from '../../../platform/text-file.ts';
import type { ServiceInput } from '../service-input.ts';
import { CATEGORIES } from '../taxonomy.ts';

export const OPEN_DATA_COLUMNS = [
  'サービスID',
  '制度番号',
  '元制度番号',
  '制度変更区分',
  '制度所管組織',
  '都道府県',
  '市町村',
  'タイトル（制度名）',
  '概要',
  '支援内容',
  '対象者',
  '利用•申請方法',
  '受付開始日',
  '受付終了日',
  '詳細参照先',
  'お問い合わせ先',
  '公開日',
  'タグ',
  'テーマ',
  'タグ（カテゴリー）',
  'タグ（対象者）',
  'タグ（事業者分類）',
  'タグ（キーワード）',
  'タグ（テーマ）',
] as const;

export type OpenDataColumn = (typeof OPEN_DATA_COLUMNS)[number];

/** One record: every value a string or null (empty). */
export type OpenDataRecord = Record<string, string | null>;

/** The service fields the layout carries; the rest (attachments, apply methods, …) it has no column for. */
export const LAYOUT_FIELDS = [
  'title',
  'summary',
  'support',
  'eligibility',
  'howToApply',
  'acceptanceStart',
  'acceptanceEnd',
  'deadlineNote',
  'detailUrl',
  'contact',
  'department',
  'tags',
  'categories',
] as const satisfies ReadonlyArray<keyof ServiceInput>;

export type LayoutFields = Pick<ServiceInput, (typeof LAYOUT_FIELDS)[number]>;

/** Why a record cannot be taken, naming the column, in both languages. */
export interface RecordProblem {
  column: string;
  message: { ja: string; en: string };
}

/** Spellings seen in published files for the same column. */
const ALIASES: Record<string, OpenDataColumn> = {
  '利用・申請方法': '利用•申請方法',
  '利用･申請方法': '利用•申請方法',
  'タイトル(制度名)': 'タイトル（制度名）',
  'タグ(カテゴリー)': 'タグ（カテゴリー）',
  'タグ(対象者)': 'タグ（対象者）',
  'タグ(事業者分類)': 'タグ（事業者分類）',
  'タグ(キーワード)': 'タグ（キーワード）',
  'タグ(テーマ)': 'タグ（テーマ）',
};

const TAG_COLUMNS = ['タグ', 'テーマ', 'タグ（カテゴリー）', 'タグ（キーワード）', 'タグ（テーマ）'] as const;
const THEME_COLUMNS = ['タグ（テーマ）', 'テーマ', 'タグ（カテゴリー）', 'タグ'] as const;

// Open-data themes that are one of our categories. Our own labels and ids read as themselves.
const THEME_TO_CATEGORY: Record<string, string> = {
  '給付・助成': 'benefits',
  補助金: 'benefits',
  助成: 'benefits',
  暮らしの相談: 'consultation',
  相談: 'consultation',
  医療: 'medical-subsidy',
  子育て支援: 'consultation',
  ...Object.fromEntries(CATEGORIES.flatMap((c) => [[c.label.ja, c.id], [c.id, c.id]])),
};

function isEmpty(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

function textOf(value: string | null | undefined): string {
  return isEmpty(value) ? '' : value!;
}

function splitList(value: string | null | undefined): string[] {
  if (isEmpty(value)) return [];
  return value!
    .split(/[,、，\n]/)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

// --- dates ------------------------------------------------------------------------------------------------

const ERAS: Record<string, number> = { 令和: 2018, R: 2018, 平成: 1988, H: 1988, 昭和: 1925, S: 1925 };

/**
 * A date as published (2024/4/1, 2024-04-01, 2024年4月1日, 令和6年4月1日, R6.4.1, full-width
 * digits) as YYYY-MM-DD; 'invalid' for a date-shaped value that is no calendar date (2024/2/30);
 * null when the text is not a date at all.
 */
export function normaliseDate(text: string): string | 'invalid' | null {
  const s = text.normalize('NFKC').trim().replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ]?\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  let year: number, month: number, day: number;
  if (m) {
    [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(令和|平成|昭和|R|H|S)(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/i.exec(s);
    if (!m) return null;
    year = ERAS[m[1]!.toUpperCase()] ?? ERAS[m[1]!]!;
    year += m[2] === '元' ? 1 : Number(m[2]);
    [month, day] = [Number(m[3]), Number(m[4])];
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return 'invalid';
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function notADate(column: string, raw: string): RecordProblem {
  return {
    column,
    message: {
      ja: `${column}「${raw}」は日付として読み取れません（例：2024/4/1、2024-04-01、令和6年4月1日）`,
      en: `${column} "${raw}" is not a date (e.g. 2024/4/1, 2024-04-01, 令和6年4月1日)`,
    },
  };
}

// --- columns ----------------------------------------------------------------------------------------------

interface ColumnSpec {
  /** The fields a value of this column gives, or why it cannot be taken. */
  read(raw: string | null): Partial<LayoutFields> | RecordProblem;
  /** The value our fields give for this column. */
  write(fields: LayoutFields): string | null;
}

const text = (field: 'title' | 'summary' | 'support' | 'eligibility' | 'howToApply' | 'contact' | 'department'): ColumnSpec => ({
  read: (raw) => ({ [field]: textOf(raw) }),
  write: (f) => (f[field] ? f[field]! : null),
});

const URL_PATTERN = /https?:\/\/[^\s"'<>（）]+/;

/**
 * Modelled columns. 受付終了日 may be a deadline in words (「出産日」から起算して1年以内): that is
 * kept as the deadline note; a date-shaped value that is no date rejects the record.
 */
const MODELLED: Partial<Record<OpenDataColumn, ColumnSpec>> = {
  制度所管組織: text('department'),
  'タイトル（制度名）': text('title'),
  概要: text('summary'),
  支援内容: text('support'),
  対象者: text('eligibility'),
  '利用•申請方法': text('howToApply'),
  お問い合わせ先: text('contact'),
  受付開始日: {
    read(raw) {
      if (isEmpty(raw)) return { acceptanceStart: null };
      const date = normaliseDate(raw!);
      return date === null || date === 'invalid' ? notADate('受付開始日', raw!) : { acceptanceStart: date };
    },
    write: (f) => f.acceptanceStart ?? null,
  },
  受付終了日: {
    read(raw) {
      if (isEmpty(raw)) return { acceptanceEnd: null };
      const date = normaliseDate(raw!);
      if (date === 'invalid') return notADate('受付終了日', raw!);
      return date === null ? { acceptanceEnd: null, deadlineNote: raw!.trim() } : { acceptanceEnd: date };
    },
    write: (f) => f.acceptanceEnd ?? (f.deadlineNote ? f.deadlineNote : null),
  },
  // Some records give several addresses: the first is the detail page; the text is kept whole.
  詳細参照先: {
    read(raw) {
      if (isEmpty(raw)) return { detailUrl: null };
      const url = URL_PATTERN.exec(raw!)?.[0];
      if (!url) {
        return { column: '詳細参照先', message: { ja: `詳細参照先「${raw}」に URL がありません`, en: `詳細参照先 "${raw}" holds no URL` } };
      }
      return { detailUrl: url };
    },
    write: (f) => f.detailUrl ?? null,
  },
};

/** Categories from the theme columns (those in our taxonomy); tags from keywords and the other themes. */
function readTags(record: OpenDataRecord): Pick<LayoutFields, 'tags' | 'categories'> {
  const categories: string[] = [];
  const tags: string[] = [];
  for (const column of THEME_COLUMNS) {
    for (const value of splitList(record[column])) {
      const category = THEME_TO_CATEGORY[value];
      if (category) categories.push(category);
      else tags.push(value);
    }
  }
  tags.unshift(...splitList(record['タグ（キーワード）']));
  return { categories: unique(categories) as LayoutFields['categories'], tags: unique(tags) };
}

function writeTag(column: string, fields: LayoutFields): string | null {
  if (column === 'タグ（テーマ）') {
    const labels = (fields.categories ?? []).map((id) => CATEGORIES.find((c) => c.id === id)?.label.ja ?? id);
    return labels.length > 0 ? labels.join(',') : null;
  }
  if (column === 'タグ（キーワード）') return (fields.tags ?? []).length > 0 ? fields.tags!.join(',') : null;
  return null;
}

function sameTags(read: Pick<LayoutFields, 'tags' | 'categories'>, fields: LayoutFields): boolean {
  return JSON.stringify([read.tags ?? [], read.categories ?? []]) === JSON.stringify([fields.tags ?? [], fields.categories ?? []]);
}

function same(a: string | null | undefined, b: string | null | undefined): boolean {
  return textOf(a) === textOf(b);
}

// --- records → fields -------------------------------------------------------------------------------------

function cell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((v) => cell(v) ?? '').join(',');
  return JSON.stringify(value);
}

/** A record with every value a string or null and the columns under their canonical names. */
export function normaliseRecord(value: unknown): OpenDataRecord | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const record: OpenDataRecord = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const name = ALIASES[key.trim()] ?? key.trim();
    record[name] = cell(v);
  }
  return record;
}

// NUL cannot be stored in a PostgreSQL text or jsonb value, and a lone surrogate is no character:
// both reject the record naming the column, before anything is written (issue #11 point 4).
// eslint-disable-next-line no-control-regex -- NUL is what this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unstorable(text: string): boolean {
  return UNSTORABLE.test(text);
}

function unstorableText(record: OpenDataRecord): RecordProblem[] {
  const problems: RecordProblem[] = [];
  for (const [column, value] of Object.entries(record)) {
    if (!unstorable(column) && (value === null || !unstorable(value))) continue;
    const name = JSON.stringify(column).slice(1, -1);
    problems.push({
      column: name,
      message: {
        ja: `${name}に使えない文字（NUL または不完全なサロゲート）が含まれています`,
        en: `${name} holds a character that cannot be stored (NUL or a lone surrogate)`,
      },
    });
  }
  return problems;
}

export type ReadResult =
  | { ok: true; externalId: string; fields: LayoutFields; openData: Record<string, string> }
  | { ok: false; externalId: string | null; problems: RecordProblem[] };

/** A record read into the fields it fills and what it says beyond them (kept in open_data). */
export function readRecord(record: OpenDataRecord): ReadResult {
  const unreadable = unstorableText(record);
  if (unreadable.length > 0) {
    const id = record['サービスID'];
    return { ok: false, externalId: isEmpty(id) || unstorable(id!) ? null : id!.trim(), problems: unreadable };
  }
  const externalId = isEmpty(record['サービスID']) ? null : record['サービスID']!.trim();
  const problems: RecordProblem[] = [];
  if (!externalId) {
    problems.push({ column: 'サービスID', message: { ja: 'サービスIDがありません（再取込で同じサービスを更新するために必要です）', en: 'サービスID is missing (it identifies the service on re-import)' } });
  }
  let fields: LayoutFields = { title: '', ...readTags(record) };
  for (const [column, spec] of Object.entries(MODELLED)) {
    const read = spec.read(record[column] ?? null);
    if ('column' in read) problems.push(read as RecordProblem);
    else fields = { ...fields, ...read };
  }
  if (problems.length > 0 || !externalId) return { ok: false, externalId, problems };
  return { ok: true, externalId, fields, openData: keptOpenData(record, fields) };
}

/** What the record says that our fields would not write back the same: kept verbatim. */
export function keptOpenData(record: OpenDataRecord, fields: LayoutFields): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [column, raw] of Object.entries(record)) {
    if (column === 'サービスID' || isEmpty(raw)) continue;
    const spec = MODELLED[column as OpenDataColumn];
    const written = spec ? spec.write(fields) : (TAG_COLUMNS as readonly string[]).includes(column) ? writeTag(column, fields) : null;
    if (!same(raw, written)) kept[column] = raw!;
  }
  return kept;
}

// --- fields → records -------------------------------------------------------------------------------------

/** A service written as a record: our fields, and kept values where they still read the same. */
export function writeRecord(service: { externalId: string | null; fields: LayoutFields; openData: Record<string, unknown>; fallbackId: string }): OpenDataRecord {
  const { fields } = service;
  const kept = (column: string): string | null => {
    const v = service.openData[column];
    return typeof v === 'string' && v !== '' ? v : null;
  };
  const record: OpenDataRecord = {};
  for (const column of OPEN_DATA_COLUMNS) {
    if (column === 'サービスID') {
      record[column] = service.externalId ?? service.fallbackId;
      continue;
    }
    const spec = MODELLED[column];
    const raw = kept(column);
    if (spec) {
      const written = spec.write(fields);
      // The value as published, while it still says what the fields say (2021/4/1 for 2021-04-01).
      const reread = raw === null ? null : spec.read(raw);
      const stillSame = reread !== null && !('column' in reread) && Object.entries(reread).every(([k, v]) => JSON.stringify(v ?? null) === JSON.stringify(fields[k as keyof LayoutFields] ?? null));
      record[column] = stillSame ? raw : written;
    } else if ((TAG_COLUMNS as readonly string[]).includes(column)) {
      record[column] = raw ?? writeTag(column, fields);
    } else {
      record[column] = raw;
    }
  }
  // The tag columns as published, while together they still read to our tags and categories; once
  // staff changed those (or the demo added inferred categories), ours are written instead — else
  // the export would carry the old themes and importing it back would undo the change (issue #11).
  if (!sameTags(readTags(record), fields)) {
    for (const column of TAG_COLUMNS) record[column] = writeTag(column, fields);
  }
  // Columns outside the layout that the imported record had.
  for (const [column, v] of Object.entries(service.openData)) {
    if (!(column in record) && typeof v === 'string') record[column] = v;
  }
  return record;
}

// --- files ------------------------------------------------------------------------------------------------

export type FileFormat = 'csv' | 'json';

function badFile(en: string, ja: string): AppError {
  return new AppError('catalogue.bad_import_file', 'bad_request', en, { ja });
}

/** The format of a file from its content: JSON starts with [ or {, anything else is CSV. */
export function detectFormat(content: string): FileFormat {
  return /^\s*[[{]/.test(content.replace(/^\uFEFF/, '')) ? 'json' : 'csv';
}

/**
 * Records of a file: JSON (an array, or { "systemsData": [...] }) or CSV (RFC 4180, header row, BOM
 * allowed). Bytes are decoded as UTF-8 or Shift_JIS (CP932), the encodings municipal spreadsheets
 * save in; the console and the command line both come here, so both read the same.
 */
export function parseRecordsFile(content: string | Uint8Array, format?: FileFormat): unknown[] {
  let textContent: string;
  if (typeof content === 'string') {
    textContent = content;
  } else {
    const decoded = decodeTextFile(content);
    if (!decoded.ok) throw badFile(NOT_A_TEXT_FILE.en, NOT_A_TEXT_FILE.ja);
    textContent = decoded.text;
  }
  textContent = textContent.replace(/^\uFEFF/, '');
  if ((format ?? detectFormat(textContent)) === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(textContent);
    } catch (error) {
      throw badFile(`The file is not valid JSON: ${(error as Error).message}`, 'ファイルが JSON として読み取れません。');
    }
    const records = Array.isArray(data) ? data : (data as { systemsData?: unknown } | null)?.systemsData;
    if (!Array.isArray(records)) {
      throw badFile('JSON must be an array of records or { "systemsData": [...] }.', 'JSON は制度レコードの配列か { "systemsData": [...] } にしてください。');
    }
    return records;
  }
  let rows: string[][];
  try {
    rows = readCsv(textContent);
  } catch (error) {
    throw badFile(`The file is not valid CSV: ${(error as Error).message}`, 'ファイルが CSV として読み取れません（列の数や引用符を確認してください）。');
  }
  const header = (rows[0] ?? []).map((h) => h.trim());
  // Without the key column no row can be taken: say so once (an encoding read wrongly shows here too).
  if (rows.length > 0 && !header.some((h) => (ALIASES[h] ?? h) === 'サービスID')) {
    throw badFile(
      `The header row has no サービスID column (it has: ${header.slice(0, 5).join(', ')}${header.length > 5 ? ', …' : ''}). Is the file CSV in the open 制度 layout, in UTF-8 or Shift_JIS (CP932)?`,
      '1 行目（見出し）に「サービスID」の列がありません。オープンデータの制度レコードの形式で、UTF-8 か Shift_JIS（CP932）の CSV か確認してください。',
    );
  }
  return rows.slice(1).map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

/** Records as CSV through the platform's one writer (UTF-8 with a BOM, CRLF, formula cells neutralised). */
export function recordsToCsv(records: OpenDataRecord[]): string {
  const extra = unique(records.flatMap((r) => Object.keys(r).filter((k) => !(OPEN_DATA_COLUMNS as readonly string[]).includes(k))));
  const columns = [...OPEN_DATA_COLUMNS, ...extra];
  return writeCsv([columns, ...records.map((r) => columns.map((c) => r[c] ?? ''))]);
}

/** Records as the published JSON shape. */
export function recordsToJson(records: OpenDataRecord[]): string {
  return `${JSON.stringify({ systemsData: records }, null, 2)}\n`;
}
