import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeOnDatabases } from '../testing/database.ts';
import { statement } from './statement.ts';

describeOnDatabases('statements for hot paths', (ctx) => {
  test('every interpolation is one parameter, and the rows are those of the same sql`` query', async () => {
    const run = (id: number, note: string | null, bytes: Uint8Array, list: string[]) =>
      Promise.all([
        ctx.db.kysely.executeQuery(statement<Record<string, unknown>>`SELECT ${id}::int AS id, ${note}::text AS note, ${bytes}::bytea AS bytes, ${list}::text[] AS list, '$1' AS literal`),
        sql<Record<string, unknown>>`SELECT ${id}::int AS id, ${note}::text AS note, ${bytes}::bytea AS bytes, ${list}::text[] AS list, '$1' AS literal`.execute(ctx.db.kysely),
      ]);
    for (const args of [[1, 'あ', new Uint8Array([1, 2]), ['x', 'y']], [2, null, new Uint8Array(0), []]] as const) {
      const [ours, kysely] = await run(args[0], args[1], args[2], [...args[3]]);
      assert.deepEqual(ours.rows, kysely.rows);
      assert.equal(ours.rows[0]!.id, args[0]);
    }
  });

  test('one text per call site', () => {
    const at = (n: number) => statement`SELECT ${n} + ${n}`;
    assert.equal(at(1).sql, 'SELECT $1 + $2');
    assert.equal(at(1).sql, at(2).sql);
    assert.deepEqual(at(3).parameters, [3, 3]);
  });
});
