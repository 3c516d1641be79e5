// CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Japanese right), CRLF lines,
// RFC 4180 quoting, and cells that would start a formula defused.
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${rows.map((r) => `${r.map(csvField).join(',')}\r\n`).join('')}`;
}
