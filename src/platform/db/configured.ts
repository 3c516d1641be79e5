// Opening and migrating the configured database (DATABASE_URL or the embedded one), shared by
// every process and command that needs it.
import type { Config } from '../config.ts';
import type { Progress } from '../progress.ts';
import { openDatabase, type Db } from './index.ts';
import { migrateToLatest } from './migrate.ts';

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

export async function migrateDatabase(db: Db, progress: Progress): Promise<void> {
  await progress.step(
    'Applying migrations',
    () => migrateToLatest(db.kysely, ({ name, index, total }) => progress.detail(`${index}/${total} ${name}`)),
    (applied) => (applied.length === 0 ? 'up to date' : `${applied.length} applied`),
  );
}
