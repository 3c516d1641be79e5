// The house rules of ARCHITECTURE.md that ESLint checks (issue #11, points 9 and 10). A local
// plugin rather than `no-restricted-imports`: a relative specifier means different files from
// different folders, so the rules resolve each import to the file it names and judge that.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The file's path from the repository root, with forward slashes. */
function repoPath(absolute) {
  return relative(ROOT, absolute).split(sep).join('/');
}

/** `modules/<name>/…` → name; anything else → null. */
function moduleOf(path) {
  return /^src\/modules\/([^/]+)\//.exec(path)?.[1] ?? null;
}

/** Tests and the helpers that set up their data. */
export function isTestCode(path) {
  return /\.test\.tsx?$/.test(path) || /(^|\/)testing(\.tsx?$|\/)/.test(path) || /(^|\/)test-[^/]*\.tsx?$/.test(path) || /-fixtures\.tsx?$/.test(path);
}

/** Every import, re-export and literal dynamic import of a file, with its specifier node. */
function eachImport(context, visit) {
  const check = (node, typeOnly) => {
    if (node.source && node.source.type === 'Literal' && typeof node.source.value === 'string') visit(node, node.source.value, typeOnly);
  };
  return {
    ImportDeclaration(node) {
      const typeOnly = node.importKind === 'type' || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === 'type'));
      check(node, typeOnly);
    },
    ExportNamedDeclaration(node) {
      check(node, node.exportKind === 'type');
    },
    ExportAllDeclaration(node) {
      check(node, node.exportKind === 'type');
    },
    ImportExpression(node) {
      check(node, false);
    },
  };
}

function target(context, specifier) {
  if (!specifier.startsWith('.')) return null;
  return repoPath(resolve(dirname(context.physicalFilename), specifier));
}

let moduleGraph = null;

/**
 * Which modules each module imports (its non-test files), read once per lint run: the cycle check
 * needs the whole tree, not one file.
 */
function modulesImportedBy() {
  if (moduleGraph) return moduleGraph;
  moduleGraph = new Map();
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []));
  const specifiers = /(?:^|\n)\s*(?:import|export)\s[^'"]*?['"](\.[^'"]+)['"]/g;
  for (const file of walk(join(ROOT, 'src', 'modules'))) {
    const from = repoPath(file);
    if (isTestCode(from)) continue;
    const own = moduleOf(from);
    for (const match of readFileSync(file, 'utf8').matchAll(specifiers)) {
      const other = moduleOf(repoPath(resolve(dirname(file), match[1])));
      if (!other || other === own) continue;
      if (!moduleGraph.has(own)) moduleGraph.set(own, new Set());
      moduleGraph.get(own).add(other);
    }
  }
  return moduleGraph;
}

/** Whether `from` reaches `to` through the modules' imports. */
function reaches(from, to) {
  const graph = modulesImportedBy();
  const seen = new Set();
  const stack = [from];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === to) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(graph.get(next) ?? []));
  }
  return false;
}

/**
 * Modules import one another only through `modules/<name>/index.ts`, and never in a circle (one of
 * the two would have to be built, tested and understood without the other: issue #11, point 10); tests may also use a
 * module's `testing.ts`, the helpers it offers for setting up its data.
 */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'a module is entered only through its index.ts' },
    messages: {
      deep: "'{{path}}' is inside the {{module}} module: import it through modules/{{module}}/index.ts.",
      cycle: 'the {{module}} module imports {{own}} (directly or through others): a circle. Invert one side (inject it, or move what both need).',
    },
    schema: [],
  },
  create(context) {
    const from = repoPath(context.physicalFilename);
    const own = moduleOf(from);
    return eachImport(context, (node, specifier) => {
      const to = target(context, specifier);
      const other = to && moduleOf(to);
      if (!other || other === own) return;
      const entry = new RegExp(`^src/modules/${other}/index\\.tsx?$`);
      const testing = new RegExp(`^src/modules/${other}/testing\\.tsx?$`);
      if (!entry.test(to) && !(isTestCode(from) && testing.test(to))) {
        context.report({ node: node.source, messageId: 'deep', data: { path: to, module: other } });
      }
      if (own && !isTestCode(from) && reaches(other, own)) {
        context.report({ node: node.source, messageId: 'cycle', data: { module: other, own } });
      }
    });
  },
};

/**
 * No arrows up: platform code imports only platform code (never a module, web/, demo/ or the app
 * files that assemble them), and modules never import the demo data. Test files (`*.test.ts`) may
 * reach further to set up what they check; test helpers may not.
 */
const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'platform imports only platform; modules do not import demo data' },
    messages: {
      platform: "platform code imports only platform code, not '{{path}}': inject it from the app (src/app.ts, src/bootstrap.ts).",
      demo: "a module does not import demo data ('{{path}}'): pass it in from src/app.ts.",
    },
    schema: [],
  },
  create(context) {
    const from = repoPath(context.physicalFilename);
    if (/\.test\.tsx?$/.test(from)) return {};
    return eachImport(context, (node, specifier) => {
      const to = target(context, specifier);
      if (!to) return;
      if (from.startsWith('src/platform/') && to.startsWith('src/') && !to.startsWith('src/platform/')) {
        context.report({ node: node.source, messageId: 'platform', data: { path: to } });
      } else if (from.startsWith('src/modules/') && to.startsWith('src/demo/')) {
        context.report({ node: node.source, messageId: 'demo', data: { path: to } });
      }
    });
  },
};

const DRIVERS = /^(kysely|pg|pg-boss|@electric-sql\/pglite)(\/|$)/;
const QUERY_BUILDERS = new Set(['selectFrom', 'selectNoFrom', 'insertInto', 'updateTable', 'deleteFrom', 'mergeInto', 'replaceInto', 'executeSql']);

/** Where the database may be touched: repositories, the platform's db, jobs and testing code, tests. */
export function mayTouchDatabase(path) {
  return (
    /(^|\/)repository(\.tsx?$|\/)/.test(path) ||
    /^src\/platform\/(db|jobs|testing)\//.test(path) ||
    isTestCode(path)
  );
}

/**
 * Only repositories touch the database. "Touching" is a value import of a driver (kysely, pg,
 * PGlite, pg-boss) or of the db layer (`platform/db/`), or building a query. A use case may still
 * name types (`Db`, a table's row type, Kysely's `Transaction`) to pass the handle on to its
 * repository, and open its scoped transaction with `withScope` (platform/db/tenancy.ts), as
 * ARCHITECTURE.md's request flow has it.
 */
const databaseAccess = {
  meta: {
    type: 'problem',
    docs: { description: 'only repository files touch the database' },
    messages: {
      driver: "only repository files import '{{specifier}}' as a value (a type-only import is fine).",
      layer: "only repository files import values from the db layer ('{{path}}'); withScope (platform/db/tenancy.ts) and type-only imports are fine.",
      query: 'only repository files build queries ({{name}}): move this statement into the module’s repository.',
    },
    schema: [],
  },
  create(context) {
    const from = repoPath(context.physicalFilename);
    if (mayTouchDatabase(from)) return {};
    return {
      ...eachImport(context, (node, specifier, typeOnly) => {
        if (typeOnly) return;
        if (DRIVERS.test(specifier)) {
          context.report({ node: node.source, messageId: 'driver', data: { specifier } });
          return;
        }
        const to = target(context, specifier);
        if (to && to.startsWith('src/platform/db/') && !/^src\/platform\/db\/(tenancy|configured)\.tsx?$/.test(to)) {
          context.report({ node: node.source, messageId: 'layer', data: { path: to } });
        }
      }),
      'CallExpression > MemberExpression.callee > Identifier.property'(node) {
        if (QUERY_BUILDERS.has(node.name)) context.report({ node, messageId: 'query', data: { name: node.name } });
      },
    };
  },
};

export default {
  meta: { name: 'onestop' },
  rules: { 'module-boundaries': moduleBoundaries, layers, 'database-access': databaseAccess },
};
