import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { neutraliseCell, readCsv, restoreCell, writeCsv } from './csv.ts';

// Values a spreadsheet would run, and values that only look like them or hold the escape itself.
const TRICKY = [
  '=1+1',
  '=HYPERLINK("https://evil.example","click")',
  '+81 3-0000-0000',
  '-5',
  '-',
  '@SUM(A1)',
  '\tindented',
  '\rcarriage',
  "'quoted",
  "'-5",
  "''=x",
  "'",
  "''",
  '',
  'a=b',
  ' =space first',
  '1行目\n2行目',
  'a\rb',
  'say "hi", twice',
  '０３−００００',
];

test('a formula cell gets one leading quote; reading takes exactly that quote off', () => {
  assert.equal(neutraliseCell('=1+1'), "'=1+1");
  assert.equal(neutraliseCell('-5'), "'-5");
  assert.equal(neutraliseCell("'-5"), "''-5");
  assert.equal(neutraliseCell("'quoted"), "'quoted");
  assert.equal(neutraliseCell('a=b'), 'a=b');
  assert.equal(restoreCell("'quoted"), "'quoted", "a quote before anything else is the value's own");
  for (const value of TRICKY) assert.equal(restoreCell(neutraliseCell(value)), value, JSON.stringify(value));
});

test('written cells never start a formula; a value holding CR or LF is quoted; BOM and CRLF', () => {
  const csv = writeCsv([['id', 'value'], ...TRICKY.map((v, i) => [i, v])]);
  assert.ok(csv.startsWith('\uFEFFid,value\r\n'));
  // As a spreadsheet reads the cells: unquoted, nothing taken off.
  const cells = (parse(csv, { bom: true }) as string[][]).flat();
  assert.equal(cells.length, 2 * (TRICKY.length + 1));
  for (const cell of cells) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, JSON.stringify(cell));
  assert.ok(csv.includes('"1行目\n2行目"'), 'LF quoted');
  assert.ok(csv.includes('"a\rb"'), 'CR quoted');
  assert.ok(csv.includes(`"'\rcarriage"`), 'a leading CR neutralised and quoted');
});

test('reading what was written gives back every value exactly', () => {
  const rows = [['id', 'value'], ...TRICKY.map((v, i) => [String(i), v])];
  assert.deepEqual(readCsv(writeCsv(rows)), rows);
  assert.deepEqual(readCsv(writeCsv([[null, undefined, 3, new Date('2026-01-02T03:04:05Z'), { a: '=x' }]])), [['', '', '3', '2026-01-02T03:04:05.000Z', '{"a":"=x"}']]);
});

// One writer for every CSV (issue #11 point 3): nothing else may reach the CSV libraries, and no
// hand-made quoting may appear again (the audit CSV had its own before).
test('no file but platform/csv.ts imports csv-stringify or csv-parse or quotes CSV by hand', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const offenders: string[] = [];
  for (const file of await sourceFiles(root)) {
    const path = relative(root, file).split('\\').join('/');
    if (path === 'platform/csv.ts' || path === 'platform/csv.test.ts') continue;
    const text = await readFile(file, 'utf8');
    if (/from\s+['"]csv-(stringify|parse)(\/[^'"]*)?['"]|import\(\s*['"]csv-(stringify|parse)/.test(text)) offenders.push(`${path}: imports a CSV library`);
    if (/replace\(\s*\/"\/g,\s*'""'\s*\)/.test(text)) offenders.push(`${path}: quotes CSV by hand`);
  }
  assert.deepEqual(offenders, [], 'write and read CSV through src/platform/csv.ts');
});

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = await Promise.all(
    entries.map((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(path);
      return Promise.resolve(/\.(ts|tsx|js|mjs)$/.test(e.name) ? [path] : []);
    }),
  );
  return files.flat();
}
