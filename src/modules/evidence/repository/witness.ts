// The witness's own record of each log it watches (migrations/202612072020_create_evidence_witness.ts):
// append-only, one row per look. Read by the witness (its last verified state), the witness job (when
// to look and when to re-read everything), the metrics (alarms) and the admin page.
import { sql, type ColumnType, type Generated, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../../platform/db/index.ts';

export type WitnessStatus = 'ok' | 'alarm' | 'unreachable';

export interface EvidenceWitnessObservationTable {
  id: Generated<number>;
  log_url: string;
  origin: string | null;
  size: number | null;
  root: Uint8Array | null;
  frontier: Uint8Array | null;
  note: string | null;
  observed_at: ColumnType<Date, never, never>;
  status: WitnessStatus;
  full_check: ColumnType<boolean, boolean | undefined, never>;
  reason: string | null;
}

interface WitnessTables {
  evidence_witness_observations: EvidenceWitnessObservationTable;
}

declare module '../../../platform/db/tables.ts' {
  interface Database extends WitnessTables {}
}

export interface WitnessObservation {
  id: number;
  logUrl: string;
  origin: string | null;
  size: number | null;
  root: Uint8Array | null;
  frontier: Uint8Array | null;
  note: string | null;
  observedAt: Date;
  status: WitnessStatus;
  fullCheck: boolean;
  reason: string | null;
}

export type NewObservation = Omit<WitnessObservation, 'id' | 'observedAt'>;

type Row = Selectable<EvidenceWitnessObservationTable>;

function toObservation(row: Row): WitnessObservation {
  return {
    id: Number(row.id),
    logUrl: row.log_url,
    origin: row.origin,
    size: row.size === null ? null : Number(row.size),
    root: row.root,
    frontier: row.frontier,
    note: row.note,
    observedAt: row.observed_at,
    status: row.status,
    fullCheck: row.full_check,
    reason: row.reason,
  };
}

export async function insertObservation(db: Kysely<Database>, o: NewObservation): Promise<WitnessObservation> {
  const row = await db
    .insertInto('evidence_witness_observations')
    .values({
      log_url: o.logUrl,
      origin: o.origin,
      size: o.size,
      root: o.root,
      frontier: o.frontier,
      note: o.note,
      status: o.status,
      full_check: o.fullCheck,
      reason: o.reason,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toObservation(row);
}

/** The latest verified state of a log: what the next look must be consistent with. */
export async function lastVerified(db: Kysely<Database>, logUrl: string): Promise<WitnessObservation | undefined> {
  const row = await db
    .selectFrom('evidence_witness_observations')
    .selectAll()
    .where('log_url', '=', logUrl)
    .where('status', '=', 'ok')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toObservation(row) : undefined;
}

/**
 * What decides the next look at a log: its latest observation of any kind, the latest one that was
 * not 'unreachable' (its standing), and how many looks there have been since the last full check.
 */
export async function witnessState(db: Kysely<Database>, logUrl: string) {
  const latest = await db
    .selectFrom('evidence_witness_observations')
    .select(['id', 'status', 'observed_at'])
    .where('log_url', '=', logUrl)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const standing = await db
    .selectFrom('evidence_witness_observations')
    .select(['status'])
    .where('log_url', '=', logUrl)
    .where('status', '<>', 'unreachable')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  const sinceFull = await sql<{ n: number }>`
    select count(*)::int as n from evidence_witness_observations
     where log_url = ${logUrl}
       and id > coalesce((select max(id) from evidence_witness_observations where log_url = ${logUrl} and full_check), 0)`.execute(db);
  return {
    latestAt: latest?.observed_at ?? null,
    inAlarm: standing?.status === 'alarm',
    looksSinceFull: Number(sinceFull.rows[0]?.n ?? 0),
  };
}

export interface LogStanding {
  logUrl: string;
  /** The latest observation. */
  latest: WitnessObservation;
  /** The latest that was not 'unreachable': 'alarm' means the log stands accused. */
  standing: WitnessObservation | null;
  /** The latest verified one. */
  lastOk: WitnessObservation | null;
}

/** Every log this witness has looked at, with its standing. */
export async function logStandings(db: Kysely<Database>): Promise<LogStanding[]> {
  const urls = await db.selectFrom('evidence_witness_observations').select('log_url').distinct().orderBy('log_url').execute();
  const result: LogStanding[] = [];
  for (const { log_url } of urls) {
    const latestOf = async (statuses: WitnessStatus[]) => {
      const row = await db
        .selectFrom('evidence_witness_observations')
        .selectAll()
        .where('log_url', '=', log_url)
        .where('status', 'in', statuses)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row ? toObservation(row) : null;
    };
    const latest = await latestOf(['ok', 'alarm', 'unreachable']);
    if (!latest) continue;
    result.push({ logUrl: log_url, latest, standing: await latestOf(['ok', 'alarm']), lastOk: await latestOf(['ok']) });
  }
  return result;
}

/** The latest observations of every log, newest first (the admin page's history). */
export async function recentObservations(db: Kysely<Database>, limit: number): Promise<WitnessObservation[]> {
  const rows = await db.selectFrom('evidence_witness_observations').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => toObservation(r));
}
