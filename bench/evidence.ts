// `npm run bench -- evidence [--quick] [--database postgres|pglite] [--only append,audit,proofs,intake]
// [--append N] [--audit-leaves N] [--proof-leaves N] [--rounds N] [--log-database URL]`: the evidence log (issue 12), its four figures,
// each against a baseline or goal measured in the same run, on PostgreSQL (a throwaway database made
// from BENCH_DATABASE_URL or TEST_DATABASE_URL, dropped at the end) and on the embedded PGlite:
//
// 1. append: facts appended per second in batches, through the platform's batch path (appendFacts:
//    one statement per batch, the canonical bodies and leaf hashes made by the database) plus
//    integrate() until every fact is a leaf of the tree, as a ratio to a bare INSERT of the same rows
//    (the same body bytes) into a plain table with no trigger and no hash, in the same batches.
//    Goal ≥ 0.5.
// 2. audit: a witness's full verification of a log of 1 million leaves from scratch over the HTTP API
//    (witnessOnce with full: checkpoint signature, every fact, the root recomputed). Goal ≤ 5 s.
// 3. proofs: inclusion and consistency proofs at 10 million leaves (PGlite: 1 million), random leaves
//    and sizes, p99 in the server (the repository functions the routes call) and over HTTP (the API
//    routes of the whole app). Goal < 1 ms in the server.
// 4. intake: the intake benchmark (bench/intake.ts) twice on fresh databases: as in production
//    (triggers append facts, the server's checkpointer integrates and signs every second), then with
//    the evidence triggers disabled and no checkpointer. Goal: on/off ≥ 0.9. `--rounds N` repeats
//    the pair (alternating the order) and takes medians, for a machine whose load changes.
//
// The logs of 2 and 3 are not built through the app: canonical facts are generated in SQL
// (INSERT … SELECT from generate_series, shaped as arrivals), then the real integrate() builds the
// tree in large batches; the time of both is printed. `--quick` runs each part at small sizes in a
// few minutes (most of it the intake runs' setup); its figures are indicative only.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { openDatabase, type Db } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { canonicalJson } from '../src/platform/canonical-json.ts';
import { seededRandom } from '../src/platform/testing/random.ts';
import { buildTestApp } from '../src/testing/app.ts';
import {
  appendFacts,
  checkpointOnce,
  consistencyProof,
  currentVerifierKey,
  inclusionProof,
  integrate,
  latestHead,
  leafHash,
  rootAt,
  verifyConsistency,
  verifyInclusion,
  CompactRange,
  MAX_FACTS_PER_READ,
  openNote,
  parseCheckpoint,
  readFacts,
  witnessOnce,
  type EvidenceKeys,
} from '../src/modules/evidence/index.ts';
import { intakeSettings, measureIntake, type EvidenceMode, type IntakeDatabase, type IntakeResult, type IntakeSettings } from './intake.ts';
import { line, throwawayDatabase } from './_support.ts';

const GOAL_APPEND_RATIO = 0.5;
const GOAL_PROOF_MS = 1;
const GOAL_AUDIT_S = 5;
const GOAL_INTAKE_RATIO = 0.9;
/** Facts generated per INSERT … SELECT when building a large log. */
const GENERATE_CHUNK = 250_000;
/** Leaves per integrate() call when building a large log. */
const INTEGRATE_BATCH = 100_000;

interface Sizes {
  appendFacts: number;
  appendBatch: number;
  auditLeaves: number;
  proofLeaves: number;
  serverSamples: number;
  httpSamples: number;
}

const ms = (x: number) => `${x.toFixed(3)} ms`;
const s1 = (x: number) => `${(x / 1000).toFixed(1)} s`;
const int = (n: number) => n.toLocaleString('en-US');

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t0 };
}

/**
 * Runs integrate() in batches until the tree has `target` leaves. integrate() takes only facts below
 * every running transaction's xid, cluster-wide: on a shared PostgreSQL server another database's
 * open transaction holds facts back for a moment, so a call that adds nothing is retried, not final.
 */
async function integrateAll(db: Db, maxLeaves: number, target: number, progress?: (size: number) => void): Promise<number> {
  let added = 0;
  const deadline = Date.now() + 120_000;
  for (;;) {
    const r = await integrate(db.kysely, { maxLeaves });
    added += r.added;
    if (r.added > 0) progress?.(r.size);
    if (r.size >= target) return added;
    if (r.added === 0) {
      if (Date.now() > deadline) throw new Error(`the tree has ${r.size} leaves, not ${target}: facts are held back by a transaction that stays open`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

// --- 1. appending ---------------------------------------------------------------------------------

interface FactInput {
  subject: string;
  ids: Record<string, string>;
  digests: Record<string, string>;
  details: Record<string, string>;
}

/** Facts shaped as arrivals of signed applications: what the applications trigger appends. */
function arrivalInputs(n: number): FactInput[] {
  const hex = () => randomBytes(32).toString('hex');
  return Array.from({ length: n }, (_, i) => {
    const id = randomUUID();
    return {
      subject: id,
      ids: { application: id, reference: `BN${String(i).padStart(12, '0')}`, service: randomUUID(), formVersion: randomUUID() },
      digests: { content: hex(), signature: hex() },
      details: { method: 'signed' },
    };
  });
}

async function appendBatch(db: Db, batch: FactInput[]): Promise<number[]> {
  // The platform's batch path: one statement per batch, in the caller's transaction.
  return appendFacts(
    db.kysely,
    batch.map((f) => ({ kind: 'application.arrived', municipality: '131016', mode: 'live', subject: f.subject, ids: f.ids, digests: f.digests, details: f.details })),
  );
}

async function plainBatch(db: Db, subjects: string[], bodies: string[]): Promise<void> {
  await sql`
    INSERT INTO bench_plain_facts (kind, subject_id, body)
    SELECT 'application.arrived', u.subject, convert_to(u.body, 'UTF8') FROM unnest(${subjects}::uuid[], ${bodies}::text[]) AS u(subject, body)`.execute(db.kysely);
}

async function measureAppend(label: string, db: Db, sizes: Sizes): Promise<void> {
  const { appendFacts: n, appendBatch: b } = sizes;
  await sql`CREATE TABLE bench_plain_facts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, kind text NOT NULL, subject_id uuid, body bytea NOT NULL)`.execute(db.kysely);
  const batches = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / b) }, (_, i) => xs.slice(i * b, (i + 1) * b));

  // Warm-up of both paths (plans, caches), then the timed runs on the same database.
  const warm = arrivalInputs(Math.min(n, 5 * b));
  const start = (await latestHead(db.kysely)).size;
  for (const batch of batches(warm)) await appendBatch(db, batch);
  await integrateAll(db, INTEGRATE_BATCH, start + warm.length);
  const before = start + warm.length;
  for (const batch of batches(warm)) await plainBatch(db, batch.map((f) => f.subject), batch.map(() => '{}'));

  // Batch by batch, the log's append then the bare INSERT of the same rows with the very bytes the
  // log stored (read back untimed): interleaved, so a machine whose load changes weighs on both alike.
  const inputs = arrivalInputs(n);
  const append = { ms: 0 };
  const plain = { ms: 0 };
  let bodyBytes = 0;
  for (const batch of batches(inputs)) {
    let t0 = performance.now();
    const ids = await appendBatch(db, batch);
    append.ms += performance.now() - t0;
    const { rows } = await sql<{ subject_id: string; body: string }>`
      SELECT subject_id, convert_from(body, 'UTF8') AS body FROM evidence_facts WHERE id = ANY(${ids}::bigint[]) ORDER BY id`.execute(db.kysely);
    if (rows.length !== batch.length) throw new Error(`${rows.length} facts stored for a batch of ${batch.length}`);
    bodyBytes += rows.reduce((sum, r) => sum + Buffer.byteLength(r.body), 0);
    t0 = performance.now();
    await plainBatch(db, rows.map((r) => r.subject_id), rows.map((r) => r.body));
    plain.ms += performance.now() - t0;
  }
  const integration = await timed(() => integrateAll(db, INTEGRATE_BATCH, before + n));
  if (integration.value !== n) throw new Error(`integrate added ${integration.value} leaves for ${n} facts`);
  const head = await latestHead(db.kysely);
  if (head.size !== before + n) throw new Error(`the tree has ${head.size} leaves, not ${before + n}`);
  await sql`DROP TABLE bench_plain_facts`.execute(db.kysely);

  const perSecond = (count: number, t: number) => (count / t) * 1000;
  const total = append.ms + integration.ms;
  const baseline = perSecond(n, plain.ms);
  line(`${label}: bare INSERT into a plain table (baseline)`, `${perSecond(n, plain.ms).toFixed(0)} /s`, `${int(n)} rows in batches of ${b}, ${(bodyBytes / n).toFixed(0)} B of body each`);
  line(`${label}: appendFacts() only`, `${perSecond(n, append.ms).toFixed(0)} /s`, `${(perSecond(n, append.ms) / baseline).toFixed(3)}× baseline`);
  line(`${label}: integrate() only`, `${perSecond(n, integration.ms).toFixed(0)} /s`, `batches of ≤ ${int(INTEGRATE_BATCH)} leaves`);
  line(
    `${label}: facts appended and integrated`,
    `${perSecond(n, total).toFixed(0)} /s`,
    `${(perSecond(n, total) / baseline).toFixed(3)}× baseline; goal ≥ ${GOAL_APPEND_RATIO}: ${perSecond(n, total) / baseline >= GOAL_APPEND_RATIO ? 'met' : 'NOT met'}`,
  );
}

// --- building a large log -------------------------------------------------------------------------

/**
 * Appends canonical arrival facts numbered [from, to) straight into evidence_facts, a chunk per
 * statement: the body is the RFC 8785 text built by concatenation (members already in key order),
 * the leaf hash SHA-256(0x00 ‖ body), as evidence_append computes them.
 */
async function generateFacts(db: Db, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += GENERATE_CHUNK) {
    const end = Math.min(to, start + GENERATE_CHUNK) - 1;
    await sql`
      INSERT INTO evidence_facts (kind, subject_id, body, leaf_hash)
      SELECT 'application.arrived', s.subject, s.body, sha256('\\x00'::bytea || s.body)
        FROM (SELECT md5('a' || g)::uuid AS subject, g FROM generate_series(${start}::bigint, ${end}::bigint) AS g) AS t,
     LATERAL (SELECT t.subject, convert_to(concat(
                '{"details":{"method":"signed"},"digests":{"content":"', encode(sha256(int8send(t.g)), 'hex'),
                '","signature":"', encode(sha256(int8send(-t.g)), 'hex'),
                '"},"ids":{"application":"', t.subject, '","formVersion":"', md5('f' || t.g % 97)::uuid,
                '","reference":"BN', lpad(t.g::text, 12, '0'), '","service":"', md5('s' || t.g % 997)::uuid,
                '"},"kind":"application.arrived","mode":"live","municipality":"131016","time":"',
                to_char((timestamptz '2026-04-01 00:00:00+00' + t.g * interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                '","v":1}'), 'UTF8') AS body) AS s`.execute(db.kysely);
  }
}

/** Grows the log to `size` leaves: generated facts, then the real integrate() in large batches. */
async function growLog(label: string, db: Db, size: number): Promise<void> {
  const current = (await latestHead(db.kysely)).size;
  if (current >= size) return;
  const generated = await timed(() => generateFacts(db, current, size));
  // The generated text must be what the platform itself would store: canonical JSON.
  const { rows } = await sql<{ body: string }>`SELECT convert_from(body, 'UTF8') AS body FROM evidence_facts ORDER BY id DESC LIMIT 3`.execute(db.kysely);
  for (const r of rows) if (canonicalJson(JSON.parse(r.body)) !== r.body) throw new Error(`a generated fact is not canonical: ${r.body}`);
  let lastReport = performance.now();
  const integration = await timed(() =>
    integrateAll(db, INTEGRATE_BATCH, size, (s) => {
      if (performance.now() - lastReport > 30_000) {
        lastReport = performance.now();
        process.stdout.write(`  … ${int(s)} leaves\n`);
      }
    }),
  );
  const n = size - current;
  line(`${label}: generate ${int(n)} facts in SQL`, s1(generated.ms), `${((n / generated.ms) * 1000).toFixed(0)} facts/s`);
  line(`${label}: integrate() them into the tree`, s1(integration.ms), `${((n / integration.ms) * 1000).toFixed(0)} leaves/s, batches of ${int(INTEGRATE_BATCH)}`);
}

// --- 2. full audit ----------------------------------------------------------------------------------

/**
 * An auditor's verification from scratch, written out: the signed checkpoint, then every fact page
 * by page through the facts endpoint, each leaf hash into a compact range whose root must be the
 * checkpoint's. Split into the time waiting for pages (the server's reads and JSON, and HTTP) and the
 * time hashing here.
 */
async function auditByHand(base: string, verifierKey: string): Promise<{ size: number; fetchMs: number; hashMs: number }> {
  const note = await (await fetch(`${base}/api/v1/evidence/checkpoint`)).text();
  const checkpoint = parseCheckpoint(openNote(note, [verifierKey]).text);
  const range = CompactRange.empty();
  let fetchMs = 0;
  let hashMs = 0;
  for (let start = 0; start < checkpoint.size; start += MAX_FACTS_PER_READ) {
    const end = Math.min(checkpoint.size, start + MAX_FACTS_PER_READ);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/evidence/facts?start=${start}&end=${end}`);
    const page = (await res.json()) as { items: Array<{ leafIndex: number; fact: string }> };
    if (res.status !== 200 || page.items.length !== end - start) throw new Error(`facts ${start}–${end}: HTTP ${res.status}`);
    const t1 = performance.now();
    for (const [i, item] of page.items.entries()) {
      if (item.leafIndex !== start + i) throw new Error(`fact ${start + i} came as ${item.leafIndex}`);
      range.append(leafHash(Buffer.from(item.fact, 'utf8')));
    }
    const t2 = performance.now();
    fetchMs += t1 - t0;
    hashMs += t2 - t1;
  }
  if (!Buffer.from(range.root()).equals(Buffer.from(checkpoint.root))) throw new Error("the facts do not make the checkpoint's root");
  return { size: checkpoint.size, fetchMs, hashMs };
}

async function measureAudit(label: string, db: Db, base: string, verifierKey: string): Promise<void> {
  const size = (await latestHead(db.kysely)).size;
  const verdict = (seconds: number) =>
    `goal ≤ ${GOAL_AUDIT_S} s${size === 1_000_000 ? `: ${seconds <= GOAL_AUDIT_S ? 'met' : 'NOT met'}` : ` at 1,000,000 leaves (${((seconds * 1_000_000) / size).toFixed(1)} s pro rata)`}`;
  // The figure: the witness's own full look (4 pages in flight, one-shot SHA-256), observation stored.
  const witness = await timed(() => witnessOnce(db, { url: base, verifierKey, full: true }));
  const w = witness.value;
  if (w.status !== 'ok') throw new Error(`the witness did not verify the log: ${w.status} ${w.reason ?? ''}`);
  line(`${label}: witness full audit of ${int(size)} leaves`, `${(witness.ms / 1000).toFixed(2)} s`, `${((size / witness.ms) * 1000).toFixed(0)} leaves/s over HTTP; ${verdict(witness.ms / 1000)}`);
  // Where the time goes: the same audit written out one page at a time, waiting and hashing apart.
  const byHand = await timed(() => auditByHand(base, verifierKey));
  line(`${label}:   one page at a time, by hand`, `${(byHand.ms / 1000).toFixed(2)} s`, 'checkpoint, facts pages, CompactRange (createHash)');
  line(`${label}:   waiting for pages / hashing`, `${s1(byHand.value.fetchMs)} / ${s1(byHand.value.hashMs)}`, `pages of ${int(MAX_FACTS_PER_READ)} facts`);
  // The pages' database reads alone, as the route makes them.
  const reads = await timed(async () => {
    for (let start = 0; start < size; start += MAX_FACTS_PER_READ) await readFacts(db.kysely, start, Math.min(size, start + MAX_FACTS_PER_READ));
  });
  line(`${label}:   of which readFacts() in the server`, s1(reads.ms), 'the rest of the wait: JSON and HTTP');
}

// --- 3. proofs ----------------------------------------------------------------------------------------

interface ProofQuery {
  a: number;
  b: number;
}

/** Random (leaf, size) pairs for inclusion and (from, to) pairs for consistency, in [0, size]. */
function proofQueries(count: number, size: number, seed: number): { inclusion: ProofQuery[]; consistency: ProofQuery[] } {
  const rnd = seededRandom(seed);
  const inclusion: ProofQuery[] = [];
  const consistency: ProofQuery[] = [];
  for (let i = 0; i < count; i++) {
    const leaf = Math.floor(rnd() * size);
    inclusion.push({ a: leaf, b: leaf + 1 + Math.floor(rnd() * (size - leaf)) });
    const from = 1 + Math.floor(rnd() * (size - 1));
    consistency.push({ a: from, b: from + 1 + Math.floor(rnd() * (size - from)) });
  }
  return { inclusion, consistency };
}

async function latencies(items: ProofQuery[], fn: (q: ProofQuery) => Promise<unknown>): Promise<{ p50: number; p99: number; max: number }> {
  for (const q of items.slice(0, 50)) await fn(q); // warm-up (plans, JIT)
  const samples: number[] = [];
  for (const q of items) {
    const t0 = performance.now();
    await fn(q);
    samples.push(performance.now() - t0);
  }
  samples.sort((x, y) => x - y);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: samples[samples.length - 1]! };
}

/** Checks a few proofs with the verifier, so the timed calls are known to give real proofs. */
async function checkProofs(db: Db, qs: { inclusion: ProofQuery[]; consistency: ProofQuery[] }): Promise<void> {
  for (const q of qs.inclusion.slice(0, 10)) {
    const { rows } = await sql<{ body: Buffer }>`SELECT f.body FROM evidence_leaves l JOIN evidence_facts f ON f.id = l.fact_id WHERE l.leaf_index = ${q.a}`.execute(db.kysely);
    const proof = await inclusionProof(db.kysely, q.a, q.b);
    if (!verifyInclusion(leafHash(rows[0]!.body), q.a, q.b, proof, await rootAt(db.kysely, q.b))) throw new Error(`inclusion proof of ${q.a} in ${q.b} does not verify`);
  }
  for (const q of qs.consistency.slice(0, 10)) {
    const proof = await consistencyProof(db.kysely, q.a, q.b);
    if (!verifyConsistency(q.a, q.b, proof, await rootAt(db.kysely, q.a), await rootAt(db.kysely, q.b))) throw new Error(`consistency proof ${q.a} → ${q.b} does not verify`);
  }
}

async function measureProofs(label: string, db: Db, base: string, sizes: Sizes): Promise<void> {
  const size = (await latestHead(db.kysely)).size;
  const qs = proofQueries(sizes.serverSamples, size, 20261207);
  await checkProofs(db, qs);
  const verdict = (p99: number) => `goal < ${GOAL_PROOF_MS} ms in server: ${p99 < GOAL_PROOF_MS ? 'met' : 'NOT met'}`;
  // The floor of any proof: one round trip to the database through the same pool (baseline).
  const floor = await latencies(qs.inclusion, () => db.kysely.executeQuery(CompiledQuery.raw('SELECT 1')));
  line(`${label}: SELECT 1 in server p50 / p99 (baseline)`, `${ms(floor.p50)} / ${ms(floor.p99)}`, `max ${ms(floor.max)}; one round trip to the database`);
  const inc = await latencies(qs.inclusion, (q) => inclusionProof(db.kysely, q.a, q.b));
  line(`${label}: inclusion proof in server p50 / p99`, `${ms(inc.p50)} / ${ms(inc.p99)}`, `${(inc.p50 / floor.p50).toFixed(1)}× baseline p50; ${int(qs.inclusion.length)} at ${int(size)} leaves; ${verdict(inc.p99)}`);
  const con = await latencies(qs.consistency, (q) => consistencyProof(db.kysely, q.a, q.b));
  line(`${label}: consistency proof in server p50 / p99`, `${ms(con.p50)} / ${ms(con.p99)}`, `${(con.p50 / floor.p50).toFixed(1)}× baseline p50; ${verdict(con.p99)}`);

  const get = async (path: string) => {
    const res = await fetch(`${base}${path}`);
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${body.slice(0, 300)}`);
  };
  const hq = proofQueries(sizes.httpSamples, size, 1207);
  const hinc = await latencies(hq.inclusion, (q) => get(`/api/v1/evidence/proofs/inclusion?leaf=${q.a}&size=${q.b}`));
  line(`${label}: inclusion proof over HTTP p50 / p99`, `${ms(hinc.p50)} / ${ms(hinc.p99)}`, `max ${ms(hinc.max)}; ${int(hq.inclusion.length)} requests, one at a time`);
  const hcon = await latencies(hq.consistency, (q) => get(`/api/v1/evidence/proofs/consistency?from=${q.a}&to=${q.b}`));
  line(`${label}: consistency proof over HTTP p50 / p99`, `${ms(hcon.p50)} / ${ms(hcon.p99)}`, `max ${ms(hcon.max)}`);

  const { rows } = await sql<{ facts: number; leaves: number; nodes: number }>`
    SELECT pg_total_relation_size('evidence_facts')::bigint AS facts, pg_total_relation_size('evidence_leaves')::bigint AS leaves,
           pg_total_relation_size('evidence_nodes')::bigint AS nodes`.execute(db.kysely);
  const mib = (x: number) => `${(Number(x) / 1024 / 1024).toFixed(0)} MiB`;
  line(`${label}: facts / leaves / nodes on disk`, `${mib(rows[0]!.facts)} / ${mib(rows[0]!.leaves)} / ${mib(rows[0]!.nodes)}`, `tables with their indexes at ${int(size)} leaves`);
}

// --- the parts on one database -----------------------------------------------------------------------

async function measureLog(label: string, db: Db, sizes: Sizes, parts: Set<string>): Promise<void> {
  if (!parts.has('append') && !parts.has('audit') && !parts.has('proofs')) return;
  process.stdout.write(`\n— ${label} —\n`);
  await migrateToLatest(db.kysely);
  if (parts.has('append')) await measureAppend(label, db, sizes);
  if (!parts.has('audit') && !parts.has('proofs')) return;

  const t = await buildTestApp(db, { RATE_LIMIT_MAX: '1000000000' });
  // The app's own keys (the published test key): checkpoints signed here are what its API serves.
  const keys = (t.app as unknown as { deps: { evidenceKeys: EvidenceKeys } }).deps.evidenceKeys;
  const sign = () => checkpointOnce(db, keys.signers, keys.origin);
  try {
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    if (parts.has('audit')) {
      await growLog(label, db, sizes.auditLeaves);
      const checkpoint = await timed(sign);
      line(`${label}: checkpointOnce at ${int(sizes.auditLeaves)} leaves`, ms(checkpoint.ms));
      await measureAudit(label, db, base, currentVerifierKey(keys));
    }
    if (parts.has('proofs')) {
      await growLog(label, db, sizes.proofLeaves);
      await sign();
      await measureProofs(label, db, base, sizes);
    }
  } finally {
    await t.close();
  }
}

/** Runs `fn` on a fresh database of one kind, made for it and dropped after. */
type FreshDatabase = <T>(fn: (database: IntakeDatabase) => Promise<T>) => Promise<T>;

/**
 * The intake run with the log on and off, `rounds` times each, in the order on, off, off, on, on, off…
 * so that a machine getting busier or quieter weighs on both alike; the ratio is of the medians.
 */
async function measureIntakeOnOff(label: string, fresh: FreshDatabase, s: IntakeSettings, rounds: number): Promise<void> {
  const runs: Record<EvidenceMode, IntakeResult[]> = { on: [], off: [] };
  for (let i = 0; i < rounds; i++) {
    for (const evidence of (i % 2 === 0 ? ['on', 'off'] : ['off', 'on']) as EvidenceMode[]) {
      runs[evidence].push(await fresh((database) => measureIntake(`${label}, evidence log ${evidence}${rounds > 1 ? ` (${i + 1}/${rounds})` : ''}`, database, s, { withUploads: false, evidence })));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const on = { perSecond: median(runs.on.map((r) => r.perSecond)), p99: median(runs.on.map((r) => r.p99)) };
  const off = { perSecond: median(runs.off.map((r) => r.perSecond)), p99: median(runs.off.map((r) => r.p99)) };
  const ratio = on.perSecond / off.perSecond;
  process.stdout.write('\n');
  line(
    `${label}: intake with the log on / off`,
    `${ratio.toFixed(3)}`,
    `${on.perSecond.toFixed(0)} / ${off.perSecond.toFixed(0)} submits/s, p99 ${on.p99.toFixed(1)} / ${off.p99.toFixed(1)} ms${rounds > 1 ? ` (medians of ${rounds})` : ''}; goal ≥ ${GOAL_INTAKE_RATIO}: ${ratio >= GOAL_INTAKE_RATIO ? 'met' : 'NOT met'}`,
  );
}

export default async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const arg = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const only = args.includes('--database') ? args[args.indexOf('--database') + 1] : null;
  const parts = new Set(args.includes('--only') ? args[args.indexOf('--only') + 1]!.split(',') : ['append', 'audit', 'proofs', 'intake']);
  const sizesFor = (kind: 'postgres' | 'pglite'): Sizes => ({
    appendFacts: arg('--append', quick ? (kind === 'postgres' ? 5_000 : 2_000) : 200_000),
    appendBatch: arg('--batch', 500),
    auditLeaves: arg('--audit-leaves', quick ? (kind === 'postgres' ? 50_000 : 20_000) : 1_000_000),
    proofLeaves: arg('--proof-leaves', quick ? (kind === 'postgres' ? 100_000 : 50_000) : kind === 'postgres' ? 10_000_000 : 1_000_000),
    serverSamples: quick ? 1000 : 5000,
    httpSamples: quick ? 300 : 2000,
  });
  const rounds = arg('--rounds', 1);
  // The intake runs twice per database (per round); quick keeps each run short.
  const intake = intakeSettings(args, quick);
  if (quick && !args.includes('--count')) Object.assign(intake, { count: 200, warmup: 200, residents: 20 });
  console.log(`evidence: parts ${[...parts].join(', ')}; ${availableParallelism()} cores${quick ? '; --quick: small sizes, figures indicative only' : ''}`);

  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  // `--log-database URL`: the log parts on a database that is kept (and grown only if smaller), so a
  // 10-million-leaf log built once can be measured again without the quarter hour it takes to build.
  const kept = args.includes('--log-database') ? args[args.indexOf('--log-database') + 1]! : null;
  const onPostgres = async (database: string) => {
    const db = await openDatabase({ kind: 'postgres', url: database, poolSize: 4 });
    try {
      await measureLog('PostgreSQL', db, sizesFor('postgres'), parts);
    } finally {
      await db.close();
    }
  };
  if (url && only !== 'pglite') {
    await (kept ? onPostgres(kept) : throwawayDatabase(url, onPostgres));
    if (parts.has('intake')) await measureIntakeOnOff('PostgreSQL', (fn) => throwawayDatabase(url, (database) => fn({ kind: 'postgres', url: database })), intake, rounds);
  } else if (only !== 'pglite') {
    process.stdout.write('\nPostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)\n');
  }
  if (only !== 'postgres') {
    const sizes = sizesFor('pglite');
    // On disk, as the embedded database runs: a log of a million facts is too big for memory.
    const dir = mkdtempSync(join(tmpdir(), 'onestop-bench-evidence-'));
    const db = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await measureLog('PGlite', db, sizes, parts);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    if (parts.has('intake')) await measureIntakeOnOff('PGlite', (fn) => fn({ kind: 'pglite' }), intake, rounds);
  }
}
