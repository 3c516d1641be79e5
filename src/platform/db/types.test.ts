// Both drivers give the same JavaScript values for the types the product stores.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { describeOnDatabases } from '../testing/database.ts';

describeOnDatabases('values as both drivers give them', (ctx) => {
  test('bigint as a number, date as YYYY-MM-DD, numeric as a string, timestamptz as a Date', async () => {
    const { rows } = await sql<Record<string, unknown>>`SELECT 9007199254740991::bigint AS big, '2026-04-01'::date AS day, 1.10::numeric AS amount, '2026-04-01T00:00:00Z'::timestamptz AS at`.execute(ctx.db.kysely);
    assert.deepEqual(rows[0], { big: 9007199254740991, day: '2026-04-01', amount: '1.10', at: new Date('2026-04-01T00:00:00Z') });
  });

  test('bytea goes in from any Uint8Array view and comes back as a Buffer, byte for byte, large ones included', async () => {
    await sql`CREATE TABLE bytea_probe (k text PRIMARY KEY, bytes bytea NOT NULL)`.execute(ctx.db.kysely);
    const large = new Uint8Array(randomBytes(3 * 1024 * 1024));
    const view = large.subarray(5, 9);
    for (const [k, bytes] of [['large', large], ['view', view], ['empty', new Uint8Array(0)]] as const) {
      await sql`INSERT INTO bytea_probe VALUES (${k}, ${bytes})`.execute(ctx.db.kysely);
      const { rows } = await sql<{ bytes: Buffer; n: number }>`SELECT bytes, length(bytes) AS n FROM bytea_probe WHERE k = ${k}`.execute(ctx.db.kysely);
      assert.ok(Buffer.isBuffer(rows[0]!.bytes), k);
      assert.equal(rows[0]!.n, bytes.byteLength, `${k}: the database holds exactly the view's bytes`);
      assert.ok(rows[0]!.bytes.equals(bytes), k);
    }
  });
});
