// "The existing arrivals get theirs now": a database migrated up to the migration before the
// evidence log, with applications and status changes in it, then migrated to the latest, has one
// fact per arrival (in arrival order) and per later event (in event order), and the sequencer
// gives them the first leaves.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../platform/db/index.ts';
import { listMigrationFiles, migrateToLatest, MIGRATIONS_DIR } from '../../platform/db/migrate.ts';
import { databaseKinds } from '../../platform/testing/database.ts';
import { changeApplicationStatus } from '../applications/index.ts';
import { arrivedApplication } from '../applications/testing.ts';
import { ensureNationalProcedures } from '../catalogue/index.ts';
import { ensureMunicipalityMaster } from '../municipalities/index.ts';
import { latestHead } from './index.ts';
import { integrateAll } from './testing.ts';

const EVIDENCE_MIGRATION = '202612072000_create_evidence_log.ts';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A directory with the migrations before the evidence log's (symlinks: imports resolve as usual). */
async function migrationsBefore(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'onestop-migrations-'));
  for (const file of await listMigrationFiles()) {
    if (file >= EVIDENCE_MIGRATION) break;
    await symlink(join(MIGRATIONS_DIR, file), join(dir, file));
  }
  return dir;
}

async function emptyDatabase(kind: 'pglite' | 'postgres'): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const db = await openDatabase({ kind: 'pglite', dataDir: null });
    return { db, drop: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `onestop_backfill_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const db = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 2 });
  return {
    db,
    drop: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

for (const kind of databaseKinds().kinds) {
  test(`[${kind}] given applications and status changes recorded before the evidence log, when the migration runs, then each gets its fact in order`, async () => {
    const dir = await migrationsBefore();
    const { db, drop } = await emptyDatabase(kind);
    try {
      await migrateToLatest(db.kysely, undefined, dir);
      await ensureMunicipalityMaster(db.kysely);
      await ensureNationalProcedures(db.kysely);
      // Today's use cases read the log when they build a receipt; before the log existed there was
      // nothing to read. Empty stand-ins answer those reads, and go before the migration runs.
      const standIns = ['evidence_facts (id bigint, subject_id uuid, kind text, body bytea)', 'evidence_leaves (leaf_index bigint, fact_id bigint)', 'evidence_checkpoints (size bigint)'];
      for (const table of standIns) await sql.raw(`CREATE TABLE ${table}`).execute(db.kysely);
      const apps = [];
      for (let i = 0; i < 3; i++) apps.push(await arrivedApplication({ db }));
      const staff = { staffId: 'staff-1', scope: { kind: 'municipality' as const, municipalityCode: '131130' } };
      await changeApplicationStatus({ db }, staff, { applicationId: apps[1]!.applicationId, status: 'received' });
      await changeApplicationStatus({ db }, staff, { applicationId: apps[0]!.applicationId, status: 'received' });

      await sql.raw('DROP TABLE evidence_facts, evidence_leaves, evidence_checkpoints').execute(db.kysely);
      const applied = await migrateToLatest(db.kysely);
      assert.ok(applied.includes(EVIDENCE_MIGRATION.replace(/\.ts$/, '')));

      const { rows } = await sql<{ kind: string; subject_id: string; body: Buffer }>`SELECT kind, subject_id::text AS subject_id, body FROM evidence_facts ORDER BY id`.execute(db.kysely);
      const arrivals = await db.kysely.selectFrom('applications').select(['id', 'content']).orderBy('arrived_at').orderBy('id').execute();
      const events = await db.kysely.selectFrom('application_events').select(['id', 'application_id']).where('kind', '<>', 'arrived').orderBy('id').execute();
      assert.deepEqual(
        rows.map((r) => [r.kind, r.subject_id]),
        [...arrivals.map((a) => ['application.arrived', a.id]), ...events.map((e) => ['application.status-changed', e.application_id])],
      );
      rows.slice(0, 3).forEach((row, i) => assert.equal(JSON.parse(row.body.toString()).digests.content, sha256(arrivals[i]!.content)));
      assert.deepEqual(
        rows.slice(3).map((r) => JSON.parse(r.body.toString()).ids.event),
        events.map((e) => String(e.id)),
      );
      await integrateAll(db.kysely);
      assert.equal((await latestHead(db.kysely)).size, 5);
      // And the triggers are on for what comes after.
      await arrivedApplication({ db });
      assert.equal((await integrateAll(db.kysely)).size, 6);
    } finally {
      await drop();
      await rm(dir, { recursive: true });
    }
  });
}
