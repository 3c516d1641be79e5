// Every CSV the platform writes or reads goes through here (issue #11 point 3); `csv.test.ts` fails
// when another file imports csv-stringify or csv-parse, or answers text/csv without this writer.
//
// Written for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Japanese right), CRLF
// lines, RFC 4180 quoting, any value holding CR or LF quoted, and formula cells neutralised as
// OWASP's CSV injection guidance asks: a cell starting with = + - @ tab or CR gets a leading `'`,
// which spreadsheets show as text instead of running it.
//
// The neutralisation is reversible without guessing: the writer adds one `'` before every value
// matching /^'*[=+\-@\t\r]/ (so a value that already starts with quotes before such a character,
// like `'-5`, gets one more: `''-5`), and the reader takes one `'` off every cell matching
// /^'+[=+\-@\t\r]/. Those two sets are the same values one quote apart, so reading what was
// written gives back exactly the value (-5, +81 3 0000 0000, 'quoted and '-5 alike), and a cell
// with a leading `'` before anything else is left as it is.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** A cell as written: a formula start neutralised with one leading `'`. */
export function neutraliseCell(text: string): string {
  return NEEDS_GUARD.test(text) ? `'${text}` : text;
}

/** A cell as read: exactly the `'` that `neutraliseCell` added taken off. */
export function restoreCell(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Rows as a CSV file: BOM, CRLF, quoted where needed, formula cells neutralised. */
export function writeCsv(rows: readonly (readonly unknown[])[]): string {
  const cells = rows.map((row) => row.map((value) => neutraliseCell(textOf(value))));
  return `\uFEFF${stringify(cells, { record_delimiter: '\r\n', quoted_match: /[\r\n]/ })}`;
}

/**
 * The rows of a CSV text (RFC 4180, a BOM allowed), every cell restored. Throws csv-parse's error
 * for text that is not CSV (an unterminated quote, a row with another number of cells).
 */
export function readCsv(text: string): string[][] {
  const rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  return rows.map((row) => row.map(restoreCell));
}
