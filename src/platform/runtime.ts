// Opening the platform's resources in order, shared by `start`, `worker`, `migrate` and `seed`.
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type Db } from './db/index.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Progress } from './progress.ts';
import { ensureNationalProcedures } from '../modules/catalogue/index.ts';
import { ensureMunicipalityMaster } from '../modules/municipalities/index.ts';

export async function openConfiguredDatabase(config: Config, progress: Progress): Promise<Db> {
  const where =
    config.database.kind === 'postgres'
      ? 'PostgreSQL'
      : config.database.dataDir
        ? `embedded PostgreSQL (PGlite) in ${config.database.dataDir}`
        : 'embedded PostgreSQL (PGlite) in memory';
  return progress.step(`Opening ${where}`, () =>
    openDatabase(
      config.database.kind === 'postgres'
        ? { kind: 'postgres', url: config.database.url, poolSize: config.DB_POOL_SIZE }
        : { kind: 'pglite', dataDir: config.database.dataDir },
    ),
  );
}

export async function prepareDatabase(db: Db, progress: Progress): Promise<void> {
  await progress.step(
    'Applying migrations',
    () => migrateToLatest(db.kysely, ({ name, index, total }) => progress.detail(`${index}/${total} ${name}`)),
    (applied) => (applied.length === 0 ? 'up to date' : `${applied.length} applied`),
  );
  await progress.step(
    'Checking the municipality master',
    () => ensureMunicipalityMaster(db.kysely),
    (r) => `${r.prefectures} prefectures, ${r.municipalities} municipalities${r.loaded ? ' loaded' : ''}`,
  );
  await progress.step('Checking the national procedures', () => ensureNationalProcedures(db.kysely), (n) => `${n} focus procedures`);
}

/** Closes everything in reverse order on SIGINT/SIGTERM; a second signal forces the exit. */
export function onShutdown(logger: Logger, close: () => Promise<void>): void {
  let closing = false;
  const handler = (signal: string) => {
    if (closing) process.exit(1);
    closing = true;
    logger.info({ signal }, 'shutting down');
    close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}
