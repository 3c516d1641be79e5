// One code, one status, one owner (issue #11, point 13). Each module lists the codes it throws with
// their kind in its errors.ts; the types already refuse a code thrown with another kind. This test
// reads the source for what types cannot see: a code listed twice, a list naming another module's
// codes, and a code made (`new AppError('…'`) outside the module that owns it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { platformErrorCodes, STATUS_OF_KIND, type ErrorKind } from './platform/errors.ts';

const src = fileURLToPath(new URL('.', import.meta.url));
const modules = readdirSync(join(src, 'modules'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

interface Made {
  file: string;
  code: string;
  kind: string;
}

/** Every `new AppError(code, kind, …)` with a literal code (a template's fixed part up to `${`). */
function errorsMade(): { made: Made[]; unread: string[] } {
  const made: Made[] = [];
  const unread: string[] = [];
  for (const path of sourceFiles(src)) {
    const file = relative(src, path).split('\\').join('/');
    const text = readFileSync(path, 'utf8');
    for (const match of text.matchAll(/new AppError\(\s*([\s\S]{0,200})/g)) {
      const args = match[1]!;
      const literal = /^(['"`])((?:(?!\1).)*)\1\s*(?:as const\s*)?,\s*(['"])([a-z_]+)\3/.exec(args);
      if (literal) made.push({ file, code: literal[2]!, kind: literal[4]! });
      // Passing on an existing error's code and kind (a field renamed) makes no new code.
      else if (!/^(\w+)\.code\s*,\s*\1\.kind\s*,/.test(args)) unread.push(`${file}: ${args.slice(0, 60)}`);
    }
  }
  return { made, unread };
}

/** Whose a file's codes are: its module's, or the platform's (platform/, app files). */
function ownerOf(file: string): string {
  return /^modules\/([^/]+)\//.exec(file)?.[1] ?? 'platform';
}

async function codeLists(): Promise<Map<string, Record<string, ErrorKind>>> {
  const lists = new Map<string, Record<string, ErrorKind>>([['platform', platformErrorCodes]]);
  for (const name of modules) {
    const path = join(src, 'modules', name, 'errors.ts');
    if (!existsSync(path)) continue;
    const exported = (await import(pathToFileURL(path).href)) as { errorCodes?: Record<string, ErrorKind> };
    assert.ok(exported.errorCodes, `modules/${name}/errors.ts exports no errorCodes`);
    lists.set(name, exported.errorCodes);
  }
  return lists;
}

test('every module that makes errors lists its codes in its errors.ts, and only its own', async () => {
  const lists = await codeLists();
  const { made } = errorsMade();
  for (const owner of new Set(made.map((m) => ownerOf(m.file)))) {
    assert.ok(lists.has(owner), `modules/${owner} makes errors but has no errors.ts listing its codes`);
  }
  for (const [owner, codes] of lists) {
    for (const [code, kind] of Object.entries(codes)) {
      if (owner === 'platform') assert.ok(!modules.some((m) => code.startsWith(`${m}.`)), `the platform lists a module's code: ${code}`);
      else assert.ok(code.startsWith(`${owner}.`), `modules/${owner}/errors.ts lists ${code}, which is not its own`);
      assert.ok(STATUS_OF_KIND[kind] !== undefined, `${code} has an unknown kind ${kind}`);
    }
  }
});

test('no code is listed twice', async () => {
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const [owner, codes] of await codeLists()) {
    for (const code of Object.keys(codes)) {
      if (seen.has(code)) twice.push(`${code} (${seen.get(code)} and ${owner})`);
      seen.set(code, owner);
    }
  }
  assert.deepEqual(twice, []);
});

test('every error is made by the module that owns its code, with the status its list gives', async () => {
  const lists = await codeLists();
  const { made, unread } = errorsMade();
  assert.deepEqual(unread, [], 'an AppError whose code this test cannot read: give it a literal code');
  assert.ok(made.length > 100, `only ${made.length} errors found: the scan is broken`);
  const problems: string[] = [];
  for (const m of made) {
    const owner = ownerOf(m.file);
    const codes = lists.get(owner) ?? {};
    // A template code (`identity.${code}`) is checked by its fixed part here and by its type in tsc.
    const templated = m.code.includes('${');
    if (templated) {
      if (!m.code.startsWith(`${owner}.`)) problems.push(`${m.file}: ${m.code} is not ${owner}'s`);
      continue;
    }
    if (!(m.code in codes)) {
      const other = [...lists].find(([, c]) => m.code in c)?.[0];
      problems.push(other ? `${m.file}: makes ${m.code}, a code of ${other}: call ${other}'s own function instead` : `${m.file}: ${m.code} is listed nowhere`);
    } else if (codes[m.code] !== m.kind) {
      problems.push(`${m.file}: ${m.code} made as ${m.kind}, listed as ${codes[m.code]}`);
    }
  }
  assert.deepEqual(problems, []);
});

test('applications.no_form is one status everywhere: 404', async () => {
  const lists = await codeLists();
  assert.equal(STATUS_OF_KIND[lists.get('applications')!['applications.no_form']!], 404);
});
