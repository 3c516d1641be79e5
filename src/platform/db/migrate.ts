// Applies the forward-only migrations in migrations/ (date-prefixed file names, in name order).
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

export async function listMigrationFiles(dir = MIGRATIONS_DIR): Promise<string[]> {
  return (await readdir(dir)).filter((f) => /^\d{12}_[a-z0-9_]+\.ts$/.test(f)).sort();
}

async function loadMigrations(dir: string): Promise<Record<string, Migration>> {
  const migrations: Record<string, Migration> = {};
  for (const file of await listMigrationFiles(dir)) {
    migrations[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(join(dir, file)).href)) as Migration;
  }
  return migrations;
}

export interface MigrateProgress {
  (event: { name: string; index: number; total: number }): void;
}

/** Brings the schema up to date; returns the names applied. Throws on the first failure. */
export async function migrateToLatest(db: Kysely<any>, onProgress?: MigrateProgress, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await loadMigrations(dir);
  const names = Object.keys(migrations);
  let index = 0;
  // Wrap each migration so progress can be reported as it runs.
  const wrapped: Record<string, Migration> = {};
  for (const name of names) {
    const m = migrations[name]!;
    wrapped[name] = {
      up: async (trx) => {
        onProgress?.({ name, index: ++index, total: names.length });
        await m.up(trx);
      },
    };
  }
  const migrator = new Migrator({ db, provider: { getMigrations: async () => wrapped } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
