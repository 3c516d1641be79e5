// Readying a database for the app: the platform migrates it, then the modules load the reference
// data every node needs. It lives beside app.ts, not in platform/, because it names modules
// (issue #11, point 10: the platform imports no module).
import type { Db } from './platform/db/index.ts';
import { migrateDatabase } from './platform/db/configured.ts';
import type { Progress } from './platform/progress.ts';
import { ensureNationalProcedures } from './modules/catalogue/index.ts';
import { ensureMunicipalityMaster } from './modules/municipalities/index.ts';
import { ensureNationalFaq } from './modules/help/index.ts';

/** The municipality master, the national procedures (which the forms' templates refer to) and the national FAQ. */
export async function ensureReferenceData(db: Db, progress?: Progress): Promise<void> {
  const step = <T,>(title: string, run: () => Promise<T>, done: (r: T) => string) => (progress ? progress.step(title, run, done) : run());
  await step(
    'Checking the municipality master',
    () => ensureMunicipalityMaster(db.kysely),
    (r) => `${r.prefectures} prefectures, ${r.municipalities} municipalities${r.loaded ? ' loaded' : ''}`,
  );
  await step('Checking the national procedures', () => ensureNationalProcedures(db.kysely), (n) => `${n} focus procedures`);
  await step('Checking the national FAQ', () => ensureNationalFaq(db), (n) => `${n} entries`);
}

/** Migrations, then the reference data: what `start`, `worker`, `migrate` and `seed` do first. */
export async function prepareDatabase(db: Db, progress: Progress): Promise<void> {
  await migrateDatabase(db, progress);
  await ensureReferenceData(db, progress);
}
