// The one way into the database: PGlite (embedded, the default) or PostgreSQL (DATABASE_URL).
// Both speak the same SQL, run the same migrations and return values of the same JavaScript types.
import { mkdir } from 'node:fs/promises';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.ts';
import { Mutex, PGliteDialect } from './pglite-dialect.ts';
import { usePreparedStatements } from './prepared-statements.ts';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string | null; /** start from this dump (tests) */ loadDataDir?: Blob };

/** Runs raw SQL outside Kysely: for libraries that bring their own SQL (the job queue). */
export type SqlExecutor = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface Db {
  readonly kind: 'postgres' | 'pglite';
  readonly kysely: Kysely<Database>;
  readonly executeSql: SqlExecutor;
  /** Resolves when the database answers (readiness), so no code outside the db layer runs SQL. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the whole database as a tarball, to start copies from (tests). */
  dump?: () => Promise<Blob | File>;
}

// One mapping of PostgreSQL types to JavaScript for both drivers: bigint counts as numbers (they
// stay far below 2^53), dates as 'YYYY-MM-DD' strings (never a local-midnight Date), numeric as
// strings (exact), timestamps with time zone as Date.
const INT8 = 20;
const DATE = 1082;
const NUMERIC = 1700;
pg.types.setTypeParser(INT8, (value) => Number(value));
pg.types.setTypeParser(DATE, (value) => value);
pg.types.setTypeParser(NUMERIC, (value) => value);

export async function openDatabase(target: DatabaseTarget): Promise<Db> {
  return target.kind === 'postgres'
    ? openPostgres(target.url, target.poolSize ?? 10)
    : openPglite(target.dataDir, target.loadDataDir);
}

async function ping(kysely: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(kysely);
}

async function openPostgres(url: string, max: number): Promise<Db> {
  // No JIT: the platform's queries are short, and a cost estimate above jit_above_cost (a range
  // bounded by parameters is estimated at thousands of rows) made PostgreSQL spend ~0.4 s compiling
  // an evidence proof that runs in 1 ms.
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'onestop', options: '-c jit=off' });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  usePreparedStatements(pool);
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    kysely,
    executeSql: async (text, values) => {
      const result = await pool.query(text, values);
      // A multi-statement text answers with one result per statement; the last one matters.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      return { rows: (last?.rows ?? []) as Record<string, unknown>[] };
    },
    ping: () => ping(kysely),
    close: () => kysely.destroy(),
  };
}

async function openPglite(dataDir: string | null, loadDataDir?: Blob): Promise<Db> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: {
      [pgliteTypes.INT8]: (value: string) => Number(value),
      [pgliteTypes.DATE]: (value: string) => value,
      [pgliteTypes.NUMERIC]: (value: string) => value,
      // bytea as a Buffer, as pg gives it, decoded natively: PGlite's own codec handles one byte at
      // a time in JavaScript (a 5 MB attachment took 1.2 s to write and 0.5 s to read).
      [pgliteTypes.BYTEA]: (value: string) => Buffer.from(value.slice(2), 'hex'),
    },
    serializers: {
      [pgliteTypes.BYTEA]: (value: unknown) => {
        if (!(value instanceof Uint8Array)) throw new TypeError('a bytea parameter must be a Uint8Array');
        return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
      },
    },
  });
  return wrapPglite(pglite);
}

function wrapPglite(pglite: PGlite): Db {
  const mutex = new Mutex();
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect(pglite, mutex) });
  return {
    kind: 'pglite',
    kysely,
    executeSql: (text, values) =>
      mutex.run(async () => {
        if (values && values.length > 0) {
          const result = await pglite.query<Record<string, unknown>>(text, values);
          return { rows: result.rows };
        }
        // Without parameters the text may hold several statements (the job queue installs its
        // schema this way); PGlite runs those through exec.
        const results = await pglite.exec(text);
        return { rows: (results[results.length - 1]?.rows ?? []) as Record<string, unknown>[] };
      }),
    ping: () => ping(kysely),
    close: async () => {
      await kysely.destroy();
      await mutex.run(() => pglite.close());
    },
    dump: () => mutex.run(() => pglite.dumpDataDir('none')),
  };
}

export type { Database } from './tables.ts';
