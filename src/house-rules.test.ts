// The house rules that lint enforces (issue #11, points 9 and 10), proven on small snippets: each
// rule fails the violation it is for and lets the allowed form through. The snippets are linted as
// if they were files at the given paths, with the repository's own eslint.config.js.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { before, describe, test } from 'node:test';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('house rules in eslint.config.js', () => {
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: root });
  });

  /** The house-rule messages ESLint gives `code` as the file at `path`. */
  async function houseRules(path: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
    return result!.messages.filter((m) => m.ruleId?.startsWith('onestop/')).map((m) => `${m.ruleId}: ${m.message}`);
  }

  test('a module that imports another past its index.ts fails; through index.ts it passes', async () => {
    const deep = await houseRules('src/modules/applications/example.ts', "import { findForm } from '../forms/repository.ts';\nexport const f = findForm;\n");
    assert.equal(deep.length, 1);
    assert.match(deep[0]!, /^onestop\/module-boundaries: .*modules\/forms\/index\.ts/);
    assert.deepEqual(await houseRules('src/modules/applications/example.ts', "import { loadFormVersion } from '../forms/index.ts';\nexport const f = loadFormVersion;\n"), []);
    // Deeper folders resolve the same way, and a module's own files are its own business.
    assert.equal((await houseRules('src/modules/catalogue/pages/example.ts', "export { listForms } from '../../forms/repository.ts';\n")).length, 1);
    assert.deepEqual(await houseRules('src/modules/catalogue/pages/example.ts', "export { searchServices } from '../search/search-services.ts';\n"), []);
  });

  test('tests may use another module’s testing.ts, nothing else past its index', async () => {
    assert.deepEqual(await houseRules('src/modules/forms/example.test.ts', "export { signedInStaff } from '../identity/testing.ts';\n"), []);
    assert.equal((await houseRules('src/modules/forms/example.test.ts', "export { verifyPassword } from '../identity/passwords.ts';\n")).length, 1);
    assert.equal((await houseRules('src/modules/forms/example.ts', "export { signedInStaff } from '../identity/testing.ts';\n")).length, 1);
  });

  test('a module import that closes a circle fails', async () => {
    // catalogue imports forms (its pages show a service's form), so forms may not import catalogue.
    const circle = await houseRules('src/modules/forms/example.ts', "export { ensureNationalProcedures } from '../catalogue/index.ts';\n");
    assert.deepEqual(circle, ['onestop/module-boundaries: the catalogue module imports forms (directly or through others): a circle. Invert one side (inject it, or move what both need).']);
  });

  test('only repositories touch the database: driver values, db-layer values and query builders fail elsewhere', async () => {
    const useCase = 'src/modules/forms/example.ts';
    assert.match((await houseRules(useCase, "import { sql } from 'kysely';\nexport const q = sql`select 1`;\n"))[0]!, /^onestop\/database-access: .*'kysely'/);
    assert.match((await houseRules(useCase, "import pg from 'pg';\nexport const p = pg;\n"))[0]!, /^onestop\/database-access: .*'pg'/);
    assert.match((await houseRules(useCase, "export { openDatabase } from '../../platform/db/index.ts';\n"))[0]!, /^onestop\/database-access: .*db layer/);
    const query = "import type { Db } from '../../platform/db/index.ts';\nexport const q = (db: Db) => db.kysely.selectFrom('forms').selectAll().execute();\n";
    assert.match((await houseRules(useCase, query))[0]!, /^onestop\/database-access: .*selectFrom/);
    assert.match((await houseRules('src/demo/example.ts', query))[0]!, /^onestop\/database-access/);

    // Allowed: the same statement in a repository, types, the scoped transaction, tests and the platform's db code.
    assert.deepEqual(await houseRules('src/modules/forms/repository.ts', query), []);
    assert.deepEqual(await houseRules('src/modules/identity/repository/example.ts', query.replace('../../platform', '../../../platform')), []);
    assert.deepEqual(await houseRules(useCase, "import type { Kysely, Transaction } from 'kysely';\nimport type { Db } from '../../platform/db/index.ts';\nexport type T = [Kysely<never>, Transaction<never>, Db];\n"), []);
    assert.deepEqual(await houseRules(useCase, "export { withScope } from '../../platform/db/tenancy.ts';\n"), []);
    assert.deepEqual(await houseRules('src/modules/forms/example.test.ts', query), []);
    assert.deepEqual(await houseRules('src/platform/db/example.ts', "import { sql } from 'kysely';\nexport const q = sql`select 1`;\n"), []);
  });

  test('no arrows up: platform code imports no module, web or app code; modules import no demo data', async () => {
    for (const specifier of ['../../modules/forms/index.ts', '../../web/page.ts', '../../app.ts', '../../demo/seed.ts']) {
      const messages = await houseRules('src/platform/http/example.ts', `export * from '${specifier}';\n`);
      assert.ok(messages.some((m) => m.startsWith('onestop/layers: platform code imports only platform code')), `${specifier}: ${messages.join('; ')}`);
    }
    assert.match((await houseRules('src/platform/cli/example.ts', "export const load = () => import('../../server.ts');\n"))[0]!, /^onestop\/layers/);
    assert.match((await houseRules('src/platform/testing/example.ts', "export { buildApp } from '../../app.ts';\n"))[0]!, /^onestop\/layers/);
    assert.deepEqual(await houseRules('src/platform/http/example.ts', "export { AppError } from '../errors.ts';\n"), []);
    assert.match((await houseRules('src/modules/identity/example.tsx', "export { DEMO_RESIDENTS } from '../../demo/demo-data.ts';\n"))[0]!, /^onestop\/layers: a module does not import demo data/);
    assert.deepEqual(await houseRules('src/app-example.ts', "export { DEMO_RESIDENTS } from './demo/demo-data.ts';\n"), []);
  });
});
