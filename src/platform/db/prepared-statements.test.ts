import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { describeOnDatabases } from '../testing/database.ts';
import type { Database } from './tables.ts';

describeOnDatabases('prepared statements', (ctx) => {
  test('a repeated parameterised query is prepared once on its connection and answers as before', async () => {
    await ctx.db.kysely.connection().execute(async (conn) => {
      for (const n of [1, 2, 3, 4, 5, 6, 7]) {
        const { rows } = await sql<{ v: number; t: string }>`SELECT ${n}::int + 1 AS v, ${`x${n}`}::text AS t`.execute(conn);
        assert.deepEqual(rows, [{ v: n + 1, t: `x${n}` }]);
      }
      if (ctx.kind !== 'postgres') return;
      const { rows } = await sql<{ name: string; calls: number }>`
        SELECT name, generic_plans + custom_plans AS calls FROM pg_prepared_statements WHERE statement = 'SELECT $1::int + 1 AS v, $2::text AS t'`.execute(conn);
      assert.equal(rows.length, 1, 'one named statement for the text');
      assert.equal(Number(rows[0]!.calls), 7);
      // Without parameters nothing is prepared (BEGIN, DDL, several statements in one text).
      await sql`SELECT 1 AS one`.execute(conn);
      const unnamed = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = 'SELECT 1 AS one'`.execute(conn);
      assert.equal(unnamed.rows[0]!.n, 0);
    });
  });

  test('a column added under a prepared statement: retried outside a transaction, refused inside one', async () => {
    await sql`CREATE TABLE prepared_probe (id int PRIMARY KEY)`.execute(ctx.db.kysely);
    await sql`INSERT INTO prepared_probe VALUES (1)`.execute(ctx.db.kysely);
    await ctx.db.kysely.connection().execute(async (conn: Kysely<Database>) => {
      const read = async () => (await sql<Record<string, unknown>>`SELECT * FROM prepared_probe WHERE id = ${1}`.execute(conn)).rows;
      assert.deepEqual(await read(), [{ id: 1 }]);
      await sql`ALTER TABLE prepared_probe ADD COLUMN note text NOT NULL DEFAULT 'x'`.execute(conn);
      assert.deepEqual(await read(), [{ id: 1, note: 'x' }]);
      await sql`ALTER TABLE prepared_probe ADD COLUMN more int NOT NULL DEFAULT 2`.execute(conn);
      await sql`BEGIN`.execute(conn);
      if (ctx.kind === 'postgres') {
        // The transaction is aborted by the failed statement, so it is not retried: the caller sees it.
        await assert.rejects(read(), /cached plan must not change result type/);
      } else {
        assert.deepEqual(await read(), [{ id: 1, note: 'x', more: 2 }]);
      }
      await sql`ROLLBACK`.execute(conn);
      assert.deepEqual(await read(), [{ id: 1, note: 'x', more: 2 }]);
    });
  });
});
