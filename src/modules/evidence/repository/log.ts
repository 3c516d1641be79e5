// All of the evidence log's SQL. Facts are appended by evidence_append (in the caller's
// transaction); the sequencer's statements run in its own transaction under an advisory lock; every
// read of a proof or a root is one query for exactly the stored hashes tree.ts says it needs.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/tables.ts';
import { statement } from '../../../platform/db/statement.ts';
import type { FactKind, FactMode } from '../facts.ts';
import { EMPTY_ROOT, HASH_SIZE } from '../hashes.ts';
import { keyId, type CompletedNode, type StoredKey } from '../tree.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

/** A PostgreSQL array literal of integers: one text parameter, the same for both drivers. */
function intArray(values: readonly number[]): string {
  return `{${values.join(',')}}`;
}

function bytes(value: Uint8Array): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

// --- appending ---------------------------------------------------------------------------------------

/** A fact whose ids, digests and details are already RFC 8785 texts (facts.ts writes them). */
export interface FactRow {
  kind: FactKind;
  municipality: string;
  mode: FactMode;
  at: Date | null;
  subject: string | null;
  ids: string;
  digests: string;
  details: string;
}

/** Appends facts in one statement (evidence_append_batch), in order; returns their ids. */
export async function insertFacts(db: Executor, facts: readonly FactRow[]): Promise<number[]> {
  if (facts.length === 0) return [];
  const result = await db.executeQuery(statement<{ id: number }>`
    SELECT evidence_append_batch(k, m, mo, a, s, i, d, de) AS id FROM (
      SELECT array_agg(x->>'kind' ORDER BY o) AS k, array_agg(x->>'municipality' ORDER BY o) AS m, array_agg(x->>'mode' ORDER BY o) AS mo,
        array_agg((x->>'at')::timestamptz ORDER BY o) AS a, array_agg((x->>'subject')::uuid ORDER BY o) AS s,
        array_agg(x->>'ids' ORDER BY o) AS i, array_agg(x->>'digests' ORDER BY o) AS d, array_agg(x->>'details' ORDER BY o) AS de
      FROM jsonb_array_elements(${JSON.stringify(facts)}::jsonb) WITH ORDINALITY AS e(x, o)
    ) t`);
  return result.rows.map((r) => Number(r.id));
}

// --- the sequencer (integrate.ts), inside its transaction -----------------------------------------------

/** Any fixed number: one sequencer at a time across every app node, for one order of leaves. */
const SEQUENCER_LOCK = 0x65766c67; // 'evlg'

export async function lockSequencer(trx: Transaction<Database>): Promise<void> {
  await trx.executeQuery(statement`SELECT pg_advisory_xact_lock(${SEQUENCER_LOCK}::bigint)`);
}

export interface HeadRow {
  size: number;
  root: Uint8Array;
  frontier: Uint8Array;
  cursorXid: string;
  cursorId: number;
}

export interface PendingFact {
  id: number;
  xid: string;
  leafHash: Uint8Array;
}

/**
 * The latest head and the facts after its cursor that no running transaction can still precede:
 * those whose xid is below the snapshot's xmin (every transaction below it has ended, so every fact
 * it wrote is visible now, and none can appear later). Must run after lockSequencer, in its own
 * statement, so that its snapshot sees the previous sequencer's commit.
 */
export async function readPending(trx: Transaction<Database>, maxLeaves: number): Promise<{ head: HeadRow | undefined; facts: PendingFact[] }> {
  const heads = await trx.executeQuery(statement<{ size: number; root: Buffer; frontier: Buffer; cursor_xid: string; cursor_id: number }>`
    SELECT size, root, frontier, cursor_xid::text AS cursor_xid, cursor_id FROM evidence_heads ORDER BY size DESC LIMIT 1`);
  const row = heads.rows[0];
  const head = row ? { size: Number(row.size), root: row.root, frontier: row.frontier, cursorXid: row.cursor_xid, cursorId: Number(row.cursor_id) } : undefined;
  const facts = await trx.executeQuery(statement<{ id: number; xid: string; leaf_hash: Buffer }>`
    SELECT id, xid::text AS xid, leaf_hash FROM evidence_facts
    WHERE (xid, id) > (${head?.cursorXid ?? '0'}::xid8, ${head?.cursorId ?? 0}::bigint)
      AND xid < pg_snapshot_xmin(pg_current_snapshot())
    -- By the column, not the text alias of the same name: '10' sorts before '9'.
    ORDER BY evidence_facts.xid, evidence_facts.id
    LIMIT ${maxLeaves}::integer`);
  return { head, facts: facts.rows.map((f) => ({ id: Number(f.id), xid: f.xid, leafHash: f.leaf_hash })) };
}

/** Leaves [start, start + factIds.length), the completed nodes and the new head, in one statement. */
export async function insertBatch(
  trx: Transaction<Database>,
  batch: { start: number; factIds: number[]; nodes: CompletedNode[]; head: HeadRow },
): Promise<void> {
  const { head } = batch;
  await trx.executeQuery(statement`
    WITH leaves AS (
      INSERT INTO evidence_leaves (leaf_index, fact_id)
      SELECT ${batch.start}::bigint + t.ord - 1, t.fact_id FROM unnest(${intArray(batch.factIds)}::bigint[]) WITH ORDINALITY AS t(fact_id, ord)
    ), nodes AS (
      INSERT INTO evidence_nodes (level, idx, hash)
      SELECT t.level, t.idx, substring(${Buffer.concat(batch.nodes.map((n) => bytes(n.hash)))}::bytea FROM ((t.ord - 1) * ${HASH_SIZE}::integer + 1)::integer FOR ${HASH_SIZE}::integer)
      FROM unnest(${intArray(batch.nodes.map((n) => n.level))}::smallint[], ${intArray(batch.nodes.map((n) => n.index))}::bigint[]) WITH ORDINALITY AS t(level, idx, ord)
    )
    INSERT INTO evidence_heads (size, root, frontier, cursor_xid, cursor_id)
    VALUES (${head.size}::bigint, ${bytes(head.root)}::bytea, ${bytes(head.frontier)}::bytea, ${head.cursorXid}::xid8, ${head.cursorId}::bigint)`);
}

// --- reading ------------------------------------------------------------------------------------------

export interface TreeHead {
  size: number;
  root: Uint8Array;
}

export async function latestHead(db: Executor): Promise<TreeHead> {
  const result = await db.executeQuery(statement<{ size: number; root: Buffer }>`SELECT size, root FROM evidence_heads ORDER BY size DESC LIMIT 1`);
  const row = result.rows[0];
  return row ? { size: Number(row.size), root: row.root } : { size: 0, root: EMPTY_ROOT };
}

/** The head stored by the integration batch that ended at exactly this size, if any. */
export async function storedHeadAt(db: Executor, size: number): Promise<TreeHead | undefined> {
  const result = await db.executeQuery(statement<{ size: number; root: Buffer }>`SELECT size, root FROM evidence_heads WHERE size = ${size}::bigint`);
  const row = result.rows[0];
  return row ? { size: Number(row.size), root: row.root } : undefined;
}

/**
 * The stored hashes named by keys (level 0: leaf hashes by leaf index; else evidence_nodes), and the
 * latest head's size, in one query. Keys beyond the latest head simply have no row.
 */
export async function readStored(db: Executor, keys: readonly StoredKey[]): Promise<{ latestSize: number; hashes: Map<string, Uint8Array> }> {
  // Keys come in runs of siblings (a subtree between stored levels is up to 8 of them): one index
  // range scan per run. LATERAL keeps every lookup on the primary keys, whatever the planner thinks
  // of the arrays' sizes (a join could be planned as a scan of evidence_nodes: millions of rows).
  const runs: Array<{ level: number; from: number; to: number }> = [];
  for (const key of [...keys].sort((a, b) => a.level - b.level || a.index - b.index)) {
    const last = runs[runs.length - 1];
    if (last && last.level === key.level && last.to + 1 === key.index) last.to = key.index;
    else runs.push({ level: key.level, from: key.index, to: key.index });
  }
  const result = await db.executeQuery(statement<{ latest: number; level: number | null; idx: number | null; hash: Buffer | null }>`
    SELECT h.latest, r.level::integer AS level, x.idx, x.hash
    FROM (SELECT coalesce(max(size), 0) AS latest FROM evidence_heads) h
    LEFT JOIN unnest(${intArray(runs.map((r) => r.level))}::smallint[], ${intArray(runs.map((r) => r.from))}::bigint[], ${intArray(runs.map((r) => r.to))}::bigint[])
      AS r(level, lo, hi) ON true
    LEFT JOIN LATERAL (
      SELECT n.idx, n.hash FROM evidence_nodes n WHERE r.level > 0 AND n.level = r.level AND n.idx BETWEEN r.lo AND r.hi
      UNION ALL
      SELECT l.leaf_index, f.leaf_hash FROM evidence_leaves l JOIN evidence_facts f ON f.id = l.fact_id WHERE r.level = 0 AND l.leaf_index BETWEEN r.lo AND r.hi
    ) x ON true`);
  const hashes = new Map<string, Uint8Array>();
  for (const row of result.rows) {
    if (row.level !== null && row.idx !== null && row.hash) hashes.set(keyId(Number(row.level), Number(row.idx)), row.hash);
  }
  return { latestSize: Number(result.rows[0]?.latest ?? 0), hashes };
}

/** Facts by leaf index [start, end), in order; end must not pass the latest head. */
export async function readFactRange(db: Executor, start: number, end: number): Promise<{ latestSize: number; facts: Array<{ leafIndex: number; fact: string }> }> {
  // The text, not the bytea: PostgreSQL sends bytea as hex, twice the bytes to send and decode.
  const result = await db.executeQuery(statement<{ latest: number; leaf_index: number | null; body: string | null }>`
    WITH latest AS (SELECT coalesce(max(size), 0) AS size FROM evidence_heads)
    SELECT latest.size AS latest, x.leaf_index, x.body FROM latest LEFT JOIN (
      SELECT l.leaf_index, convert_from(f.body, 'UTF8') AS body FROM evidence_leaves l JOIN evidence_facts f ON f.id = l.fact_id
      WHERE l.leaf_index >= ${start}::bigint AND l.leaf_index < ${end}::bigint
    ) x ON true
    ORDER BY x.leaf_index`);
  const facts = result.rows
    .filter((r) => r.leaf_index !== null && r.body !== null)
    .map((r) => ({ leafIndex: Number(r.leaf_index), fact: r.body! }));
  return { latestSize: Number(result.rows[0]?.latest ?? 0), facts };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The first fact of this kind about the subject, with its leaf index once integrated. */
export async function findFact(db: Executor, kind: FactKind, subjectId: string): Promise<{ fact: string; leafIndex: number | null } | undefined> {
  return (await findFacts(db, kind, [subjectId])).get(subjectId);
}

/** findFact for many subjects in one query (a list of receipts), by subject id. */
export async function findFacts(db: Executor, kind: FactKind, subjectIds: readonly string[]): Promise<Map<string, { fact: string; leafIndex: number | null }>> {
  const ids = subjectIds.filter((id) => UUID.test(id));
  const found = new Map<string, { fact: string; leafIndex: number | null }>();
  if (ids.length === 0) return found;
  const result = await db.executeQuery(statement<{ subject_id: string; body: string; leaf_index: number | null }>`
    SELECT DISTINCT ON (f.subject_id) f.subject_id, convert_from(f.body, 'UTF8') AS body, l.leaf_index
    FROM evidence_facts f LEFT JOIN evidence_leaves l ON l.fact_id = f.id
    WHERE f.subject_id = ANY(${ids}::uuid[]) AND f.kind = ${kind}::text
    ORDER BY f.subject_id, f.id`);
  for (const row of result.rows) found.set(row.subject_id, { fact: row.body, leafIndex: row.leaf_index === null ? null : Number(row.leaf_index) });
  return found;
}

/**
 * Facts not yet given a leaf (committed, as this statement sees them): those after the latest
 * head's cursor in (xid, id) order, an index range from the cursor, so cheap at any log size.
 */
export async function countUnintegrated(db: Executor): Promise<number> {
  const result = await db.executeQuery(statement<{ n: number }>`
    SELECT count(*)::bigint AS n FROM evidence_facts f,
      (SELECT coalesce((SELECT cursor_xid FROM evidence_heads ORDER BY size DESC LIMIT 1), '0'::xid8) AS xid,
              coalesce((SELECT cursor_id FROM evidence_heads ORDER BY size DESC LIMIT 1), 0) AS id) c
    WHERE (f.xid, f.id) > (c.xid, c.id)`);
  return Number(result.rows[0]!.n);
}
