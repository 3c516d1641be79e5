// Fresh, migrated databases for tests: PGlite always; PostgreSQL too when TEST_DATABASE_URL is set.
//
// PGlite: one migrated instance per test process, dumped once; every suite starts from a copy.
// PostgreSQL: one template database per migration set (built under an advisory lock, so parallel
// test processes share it); every suite gets its own database created from the template.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { openDatabase, type Db } from '../db/index.ts';
import { listMigrationFiles, migrateToLatest, MIGRATIONS_DIR } from '../db/migrate.ts';

export type DatabaseKind = 'pglite' | 'postgres';

let pgliteDump: Promise<Blob> | null = null;

async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await listMigrationFiles()) {
    hash.update(file).update(await readFile(join(MIGRATIONS_DIR, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function freshPglite(): Promise<Db> {
  pgliteDump ??= (async () => {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    await migrateToLatest(db.kysely);
    const dump = await db.dump!();
    await db.close();
    return dump;
  })();
  return openDatabase({ kind: 'pglite', dataDir: null, loadDataDir: await pgliteDump });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A test database; `url` is set for PostgreSQL so that child processes can connect to it. */
export type TestDb = Db & { url?: string };

async function freshPostgres(url: string): Promise<TestDb> {
  const template = `onestop_template_${await migrationsHash()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock(742201)');
    try {
      const exists = await admin.query('select 1 from pg_database where datname = $1', [template]);
      if (exists.rowCount === 0) {
        await admin.query(`create database "${template}"`);
        const db = await openDatabase({ kind: 'postgres', url: withDatabase(url, template), poolSize: 1 });
        try {
          await migrateToLatest(db.kysely);
        } catch (error) {
          await db.close();
          await admin.query(`drop database "${template}"`);
          throw error;
        }
        await db.close();
      }
    } finally {
      await admin.query('select pg_advisory_unlock(742201)');
    }
    const name = `onestop_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database "${name}" template "${template}"`);
    const db = await openDatabase({ kind: 'postgres', url: withDatabase(url, name), poolSize: 4 });
    return {
      ...db,
      url: withDatabase(url, name),
      close: async () => {
        await db.close();
        const cleanup = new pg.Client({ connectionString: url });
        await cleanup.connect();
        await cleanup.query(`drop database if exists "${name}" with (force)`);
        await cleanup.end();
      },
    };
  } finally {
    await admin.end();
  }
}

/** A fresh migrated database of the given kind. The caller closes it. */
export async function openTestDatabase(kind: DatabaseKind): Promise<TestDb> {
  if (kind === 'pglite') return freshPglite();
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return freshPostgres(url);
}

/** The database kinds this run covers, with the reason when PostgreSQL is left out. */
export function databaseKinds(): { kinds: DatabaseKind[]; skipped?: string } {
  if (process.env.TEST_DATABASE_URL) return { kinds: ['pglite', 'postgres'] };
  if (process.env.CI) throw new Error('CI must run the database tests on PostgreSQL: set TEST_DATABASE_URL');
  return { kinds: ['pglite'], skipped: 'TEST_DATABASE_URL is not set: PostgreSQL tests skipped' };
}

/**
 * Declares the suite once per database kind. Inside, `ctx.db` is a fresh migrated database for the
 * suite, and `ctx.kind` says which one.
 */
export function describeOnDatabases(title: string, body: (ctx: { readonly db: Db; readonly kind: DatabaseKind }) => void): void {
  const { kinds, skipped } = databaseKinds();
  for (const kind of kinds) {
    describe(`${title} [${kind}]`, () => {
      let db: Db | undefined;
      before(async () => {
        db = await openTestDatabase(kind);
      });
      after(async () => {
        await db?.close();
      });
      body({
        get db() {
          if (!db) throw new Error('database not open yet: use it inside a test or hook');
          return db;
        },
        kind,
      });
    });
  }
  if (skipped) describe(`${title} [postgres]`, { skip: skipped }, () => {});
}
