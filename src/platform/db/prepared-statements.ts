// Named prepared statements on node-postgres (ADR 0015). Kysely sends every query as an unnamed
// statement, so PostgreSQL parses and plans it on every execution; on the hot paths that is most of
// the database's work (a session lookup: 0.37 ms of parse and plan against 0.03 ms of execution).
// Here each pooled connection prepares a parameterised text once under a name of its own and then
// only binds and executes it; after five executions PostgreSQL may keep a generic plan and skip
// planning too (plan_cache_mode auto still compares it with custom plans).
//
// Bounded: names are given to at most MAX_TEXTS texts in the process and prepared on at most
// MAX_PER_CONNECTION per connection; anything past that, texts without parameters (BEGIN, DDL,
// several statements) and very long texts run unnamed as before. A statement whose result type
// changed under it (a column added by a migration while this node runs) fails once with
// "cached plan must not change result type": the connection then prepares that text afresh under
// a new name, and a query outside a transaction is retried at once.
import type pg from 'pg';

const MAX_TEXTS = 5000;
const MAX_PER_CONNECTION = 300;
const MAX_TEXT_LENGTH = 16_384;

const names = new Map<string, string>();

function nameOf(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    if (names.size >= MAX_TEXTS) return null;
    name = `onestop_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

type Query = (config: unknown, values?: unknown, callback?: unknown) => unknown;

function isStaleResultType(error: unknown): boolean {
  return (error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(String((error as Error).message));
}

/** Makes a pool's connections prepare their parameterised statements (call before first use). */
export function usePreparedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as Query;
    // The name each text is prepared under on this connection (a text prepared afresh gets a suffix).
    const prepared = new Map<string, string>();
    let renamed = 0;
    const run = (text: string, values: unknown[]): Promise<pg.QueryResult> | null => {
      let name = prepared.get(text);
      if (name === undefined) {
        if (prepared.size >= MAX_PER_CONNECTION) return null;
        const shared = nameOf(text);
        if (shared === null) return null;
        prepared.set(text, (name = shared));
      }
      return query({ name, text, values }) as Promise<pg.QueryResult>;
    };
    (client as unknown as { query: Query }).query = (config, values, callback) => {
      if (typeof config !== 'string' || !Array.isArray(values) || values.length === 0 || callback !== undefined || config.length > MAX_TEXT_LENGTH) {
        return query(config, values, callback);
      }
      const first = run(config, values);
      if (first === null) return query(config, values);
      return first.catch((error: unknown) => {
        if (!isStaleResultType(error)) throw error;
        prepared.set(config, `${prepared.get(config)}_${++renamed}`);
        if (client.getTransactionStatus() !== 'I') throw error;
        return run(config, values) ?? query(config, values);
      });
    };
  });
}
