// `npm run bench -- intake [--count N] [--concurrency N] [--timeout MS] [--quick]`: the submit step
// of e-applications over HTTP (issue 6). Signed applications of ~2 KB of form data, each with two
// attachments already uploaded, are submitted by a client that retries on timeouts with the same
// Idempotency-Key; accepted/s and latency are set against bare INSERT+COMMIT/s on the same database,
// driver, pool and concurrency in the same run, and a final count in the database proves nothing was
// lost or recorded twice. On PostgreSQL (a throwaway database made from BENCH_DATABASE_URL or
// TEST_DATABASE_URL, dropped at the end) and on the embedded PGlite for reference. Then attachment
// uploads (multipart, 1–5 MB PDFs and PNGs) in MB/s against writing the same bytes to disk with fsync.
//
// The server is a child process (this file with --serve: real app, real routes, guard, verifier
// pool); the load generator runs here, so on two cores each side has about one. Everything the
// submit needs — residents with sessions, drafts, uploads, signatures made with a test card — is
// prepared in the server before the timed phase. Goal (issue): ≥ 1,000 signed applications/s on
// PostgreSQL with p99 < 100 ms.
//
// The evidence log runs as in production: the triggers append a fact in each arrival's statement and
// the server process integrates and signs checkpoints on its timer. `--evidence off` disables the
// evidence triggers (as the database owner, in this throwaway database only) and the checkpointer, to
// see what the log costs; `npm run bench -- evidence` runs both and prints the ratio.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants, createPrivateKey, privateEncrypt, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { Pool } from 'undici';
import { openDatabase, type Db } from '../src/platform/db/index.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { buildTestApp } from '../src/testing/app.ts';
import { getSigningPayload, startDraft, uploadAttachment, type ApplicationsDeps } from '../src/modules/applications/index.ts';
import { loginCertificateOf, publishedServiceWithForm, testCard } from '../src/modules/applications/testing.ts';
import { completeSignature, createDbTestPkiStore, prepareSignature, type TestCard } from '../src/modules/signatures/index.ts';
import type { FormLayout } from '../src/modules/forms/index.ts';
import { signedInResident } from '../src/modules/identity/testing.ts';
import { disableEvidenceTriggers, evidenceCounts, type EvidenceCounts } from './_evidence.ts';
import { ROOT, line, throwawayDatabase } from './_support.ts';

const GOAL_PER_SECOND = 1000;
/**
 * The server's PostgreSQL connections (DB_POOL_SIZE), sized for a database on this machine by the
 * usual rule of twice its cores plus one: 5 here. More connections than cores only take turns on
 * them: in alternating runs on this machine, 5 took 8–23 % more submits than the default 10, and 3
 * about as many as 5 (kept at 5, so reads still have connections while two arrivals are written).
 * The baseline uses the same pool.
 */
const POOL_SIZE = 2 * availableParallelism() + 1;
const GOAL_P99_MS = 100;

// --- what is submitted --------------------------------------------------------------------------------

const text = (ja: string, en: string) => ({ ja, en });

/** A form shaped like 児童手当 認定請求's first steps: applicant, spouse, child, account, notes. */
const LAYOUT: FormLayout = {
  steps: [
    {
      id: 'claim',
      title: text('請求者', 'Claimant'),
      sections: [
        {
          id: 'applicant',
          key: 'applicant',
          title: text('請求者', 'Claimant'),
          items: [
            { id: 'name', label: text('氏名', 'Name'), widget: 'text', required: true, maxLength: 100 },
            { id: 'kana', label: text('フリガナ', 'Kana'), widget: 'text', required: true, maxLength: 100 },
            { id: 'birthDate', label: text('生年月日', 'Date of birth'), widget: 'date', required: true },
            { id: 'address', label: text('住所', 'Address'), widget: 'text', required: true, maxLength: 300 },
            { id: 'phone', label: text('電話番号', 'Phone'), widget: 'tel', required: true, maxLength: 20 },
            { id: 'occupation', label: text('職業', 'Occupation'), widget: 'text', maxLength: 100 },
            { id: 'pension', label: text('加入年金', 'Pension scheme'), widget: 'text', maxLength: 100 },
          ],
        },
        {
          id: 'spouse',
          key: 'spouse',
          title: text('配偶者', 'Spouse'),
          items: [
            { id: 'name', label: text('氏名', 'Name'), widget: 'text', maxLength: 100 },
            { id: 'kana', label: text('フリガナ', 'Kana'), widget: 'text', maxLength: 100 },
            { id: 'birthDate', label: text('生年月日', 'Date of birth'), widget: 'date' },
          ],
        },
        {
          id: 'child',
          key: 'child',
          title: text('児童', 'Child'),
          items: [
            { id: 'name', label: text('氏名', 'Name'), widget: 'text', required: true, maxLength: 100 },
            { id: 'birthDate', label: text('生年月日', 'Date of birth'), widget: 'date', required: true },
            { id: 'relationship', label: text('続柄', 'Relationship'), widget: 'text', maxLength: 50 },
          ],
        },
        {
          id: 'account',
          key: 'account',
          title: text('振込先口座', 'Bank account'),
          items: [
            { id: 'bank', label: text('金融機関', 'Bank'), widget: 'text', maxLength: 100 },
            { id: 'branch', label: text('支店', 'Branch'), widget: 'text', maxLength: 100 },
            { id: 'number', label: text('口座番号', 'Account number'), widget: 'text', maxLength: 20 },
            { id: 'holder', label: text('名義', 'Holder'), widget: 'text', maxLength: 100 },
          ],
        },
        {
          id: 'notes',
          key: 'notes',
          title: text('備考', 'Notes'),
          items: [{ id: 'note', label: text('備考', 'Note'), widget: 'textarea', maxLength: 2000 }],
        },
      ],
    },
  ],
};

function formData(i: number): Record<string, unknown> {
  return {
    applicant: {
      name: `試験\u3000花子${i}`,
      kana: 'シケン　ハナコ',
      birthDate: '1990-01-02',
      address: `東京都渋谷区宇田川町${(i % 30) + 1}番${(i % 9) + 1}号 子育てマンション${i % 500}号室`,
      phone: '03-1234-5678',
      occupation: '会社員',
      pension: '厚生年金',
    },
    spouse: { name: '試験　太郎', kana: 'シケン　タロウ', birthDate: '1989-05-06' },
    child: { name: '試験　一郎', birthDate: '2026-04-01', relationship: '長男' },
    account: { bank: 'テスト銀行', branch: '渋谷支店', number: String(1_000_000 + i), holder: 'シケン　ハナコ' },
    // About 2 KB in all (UTF-8), as a claim with a note from the resident.
    notes: { note: '出生に伴い児童手当の認定を請求します。配偶者と同居しており、児童を監護しています。'.repeat(10) },
  };
}

interface PreparedSubmit {
  path: string;
  key: string;
  body: string;
  headers: Record<string, string>;
}

interface PreparedUploadTarget {
  path: string;
  headers: Record<string, string>;
}

/** 'on': triggers append facts and a checkpointer integrates and signs as in production; 'off': neither. */
export type EvidenceMode = 'on' | 'off';

interface ServeOptions {
  database: { kind: 'postgres'; url: string } | { kind: 'pglite' };
  evidence: EvidenceMode;
  count: number;
  warmup: number;
  concurrency: number;
  residents: number;
  uploads: number;
  file: string;
}

type ToParent =
  | { type: 'ready'; url: string; setupMs: number; dataBytes: number; baseline: { perSecond: number; autocommitPerSecond: number; p99: number }; poolSize: number | null }
  | { type: 'counted'; applications: number; distinctKeys: number; distinctDrafts: number; draftsLeft: number; blobs: number; evidence: EvidenceCounts }
  | { type: 'cpu'; micros: number }
  | { type: 'error'; message: string };
type ToChild = { type: 'count' } | { type: 'cpu' } | { type: 'stop' };

// --- the server side (a child process) ----------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function inLanes<T>(items: readonly T[], lanes: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(lanes, items.length)) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i]!, i);
      }
    }),
  );
}

/** Bare single-row INSERT, one transaction each, through the same Kysely/driver/pool, same concurrency. */
async function measureBaseline(db: Db, count: number, concurrency: number) {
  await sql`CREATE TABLE IF NOT EXISTS bench_scratch (id bigserial PRIMARY KEY, payload text NOT NULL, at timestamptz NOT NULL DEFAULT now())`.execute(db.kysely);
  const payload = 'x'.repeat(100);
  const insertInTransaction = () => db.kysely.transaction().execute((trx) => sql`INSERT INTO bench_scratch (payload) VALUES (${payload})`.execute(trx));
  const insertAutocommit = () => sql`INSERT INTO bench_scratch (payload) VALUES (${payload})`.execute(db.kysely);
  const run = async (fn: () => Promise<unknown>, n: number) => {
    const samples: number[] = [];
    const t0 = performance.now();
    await inLanes(Array.from({ length: n }), concurrency, async () => {
      const s = performance.now();
      await fn();
      samples.push(performance.now() - s);
    });
    const seconds = (performance.now() - t0) / 1000;
    samples.sort((a, b) => a - b);
    return { perSecond: n / seconds, p99: percentile(samples, 99) };
  };
  await run(insertInTransaction, Math.min(500, count)); // warm-up
  const tx = await run(insertInTransaction, count);
  const auto = await run(insertAutocommit, count);
  await sql`DROP TABLE bench_scratch`.execute(db.kysely);
  return { perSecond: tx.perSecond, autocommitPerSecond: auto.perSecond, p99: tx.p99 };
}

function pdfOf(size: number): Uint8Array {
  const bytes = randomBytes(size);
  bytes.write('%PDF-1.7\n', 0, 'latin1');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The test card with its PIN entered once, as a signing service would hold it: setup signs thousands
 * of drafts, and the card's PIN check (scrypt) on each would make setup take minutes.
 */
async function unlockedSigner(db: Db, card: TestCard): Promise<(content: Uint8Array) => Uint8Array> {
  const stored = await createDbTestPkiStore(db).findCard(card.id);
  if (!stored) throw new Error('the test card is gone');
  const key = createPrivateKey({ key: Buffer.from(stored.signatureKey), format: 'der', type: 'pkcs8' });
  const signerCertificate = await card.signature.readCertificate();
  return (content) => {
    const prepared = prepareSignature({ content, signerCertificate });
    return completeSignature(prepared, new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, prepared.digestInfo)));
  };
}

/** V8's CPU profiler (FILE.cpuprofile) or allocation sampler (FILE.heapprofile) over the timed phase only. */
async function startProfiler(): Promise<{ stop(): Promise<object> }> {
  const { Session } = await import('node:inspector/promises');
  const session = new Session();
  session.connect();
  if (process.env.INTAKE_SERVER_PROFILE!.endsWith('.heapprofile')) {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
    return {
      async stop() {
        const { profile } = await session.post('HeapProfiler.stopSampling');
        session.disconnect();
        return profile;
      },
    };
  }
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

async function serve(options: ServeOptions): Promise<void> {
  const send = (message: ToParent) => process.send!(message);
  const started = performance.now();
  const db = await openDatabase(options.database.kind === 'postgres' ? { kind: 'postgres', url: options.database.url, poolSize: POOL_SIZE } : { kind: 'pglite', dataDir: null });
  await migrateToLatest(db.kysely);
  if (options.evidence === 'off') await disableEvidenceTriggers(db);
  // The real app: all plugins, the guard (sessions, CSRF), the verifier's worker pool; no job worker,
  // but with the log on, the evidence checkpointer every second, as a job-running server has.
  const t = await buildTestApp(db, { RATE_LIMIT_MAX: '1000000000' }, { checkpoints: options.evidence === 'on' });
  const deps = (t.app as unknown as { applications: ApplicationsDeps }).applications;
  const { serviceId } = await publishedServiceWithForm(db, {
    layout: LAYOUT,
    applyMethods: ['signed_online'],
    attachments: [
      { name: '本人確認書類', required: true, originalRequired: false },
      { name: '戸籍謄本', required: true, originalRequired: true },
    ],
  });
  const card = await testCard(db);
  const sign = await unlockedSigner(db, card);
  // Every resident is signed in with that card's authentication certificate, so each signature is
  // the account holder's own (R17) and the submit path includes the link lookup.
  const loginCertificate = await loginCertificateOf(card);
  // The same two documents on every draft: stored once by SHA-256, referenced by each.
  const idDocument = pdfOf(200 * 1024);
  const koseki = pdfOf(300 * 1024);

  const residents: Array<Awaited<ReturnType<typeof signedInResident>>> = [];
  for (let i = 0; i < options.residents; i++) residents.push(await signedInResident(db, { homeMunicipalityCode: '131130', loginCertificate }));
  const headersOf = (r: (typeof residents)[number]) => ({ cookie: Object.entries(r.cookies).map(([k, v]) => `${k}=${v}`).join('; '), ...r.headers });

  const total = options.warmup + options.count;
  const submits: PreparedSubmit[] = new Array(total);
  let dataBytes = 0;
  await inLanes(Array.from({ length: total }), db.kind === 'postgres' ? 8 : 1, async (_, i) => {
    const resident = residents[i % residents.length]!;
    const data = formData(i);
    if (i === 0) dataBytes = Buffer.byteLength(JSON.stringify(data));
    const draft = await startDraft(deps, { residentId: resident.id, serviceId, data, currentStep: 'claim' });
    await uploadAttachment(deps, { residentId: resident.id, draftId: draft.id, filename: 'mynumber-card.pdf', requirement: '本人確認書類', bytes: idDocument });
    await uploadAttachment(deps, { residentId: resident.id, draftId: draft.id, filename: 'koseki.pdf', requirement: '戸籍謄本', bytes: koseki });
    const payload = await getSigningPayload(deps, { residentId: resident.id, draftId: draft.id });
    const signature = sign(payload.content);
    submits[i] = {
      path: `/api/v1/applications/drafts/${draft.id}/submit`,
      key: randomUUID(),
      body: JSON.stringify({ method: 'signed', signature: Buffer.from(signature).toString('base64') }),
      headers: headersOf(resident),
    };
  });
  // Upload targets: drafts of their own residents, at most 18 files each (the limit is 20).
  const uploads: PreparedUploadTarget[] = [];
  for (let i = 0; i < options.uploads; i++) {
    if (i % 18 === 0) {
      const resident = await signedInResident(db, { homeMunicipalityCode: '131130' });
      const draft = await startDraft(deps, { residentId: resident.id, serviceId, data: formData(i) });
      uploads.push({ path: `/api/v1/applications/drafts/${draft.id}/attachments`, headers: headersOf(resident) });
    } else {
      uploads.push(uploads[uploads.length - 1]!);
    }
  }
  writeFileSync(options.file, JSON.stringify({ submits, uploads }));

  const baseline = await measureBaseline(db, Math.max(1000, options.count), options.concurrency);
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  let profiler: Awaited<ReturnType<typeof startProfiler>> | null = null;
  send({ type: 'ready', url: address, setupMs: performance.now() - started, dataBytes, baseline, poolSize: db.kind === 'postgres' ? POOL_SIZE : null });

  process.on('message', (message: ToChild) => {
    void (async () => {
      try {
        if (message.type === 'cpu') {
          // The first reading opens the timed phase (after the warm-up): the profiler covers that.
          if (process.env.INTAKE_SERVER_PROFILE && !profiler) profiler = await startProfiler();
          // This process: the event loop and the verifier's worker threads.
          const { user, system } = process.cpuUsage();
          send({ type: 'cpu', micros: user + system });
        } else if (message.type === 'count') {
          if (profiler) writeFileSync(process.env.INTAKE_SERVER_PROFILE!, JSON.stringify(await profiler.stop()));
          const [counts] = (
            await sql<{ applications: number; keys: number; drafts: number }>`
              SELECT count(*)::int AS applications, count(DISTINCT idempotency_key)::int AS keys, count(DISTINCT draft_id)::int AS drafts FROM applications`.execute(db.kysely)
          ).rows;
          const left = await db.kysely.selectFrom('application_drafts').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
          const blobs = await db.kysely.selectFrom('application_blobs').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
          // What the log made of the run, before the checkpointer catches up any further.
          const evidence = await evidenceCounts(db);
          send({ type: 'counted', applications: counts!.applications, distinctKeys: counts!.keys, distinctDrafts: counts!.drafts, draftsLeft: left.n, blobs: blobs.n, evidence });
        } else if (message.type === 'stop') {
          await t.close();
          await db.close();
          process.exit(0);
        }
      } catch (error) {
        send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    })();
  });
}

// --- the client side (this process) -------------------------------------------------------------------

/** CPU time of every local PostgreSQL process (Linux /proc), or null where that cannot be read. */
function databaseCpuMicros(): number | null {
  try {
    const tick = 1e6 / 100; // USER_HZ is 100 on Linux
    let total = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const fields = stat.slice(close + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick; // utime, stime
    }
    return total;
  } catch {
    return null;
  }
}

interface ChildHandle {
  child: ChildProcess;
  next<T extends ToParent['type']>(type: T): Promise<Extract<ToParent, { type: T }>>;
  send(message: ToChild): void;
}

function spawnBenchServer(options: ServeOptions): ChildHandle {
  // INTAKE_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=prof") profiles the server's whole life;
  // INTAKE_SERVER_PROFILE=FILE.cpuprofile (or .heapprofile: allocations) profiles its timed phase only.
  const nodeArgs = (process.env.INTAKE_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'bin/tsx-run.js', 'bench/run.ts', 'intake', '--serve', JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting: Array<{ type: string; resolve: (m: ToParent) => void; reject: (e: Error) => void }> = [];
  child.on('message', (message: ToParent) => {
    if (message.type === 'error') {
      for (const w of waiting.splice(0)) w.reject(new Error(`server: ${message.message}`));
      return;
    }
    const i = waiting.findIndex((w) => w.type === message.type);
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(message);
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the bench server exited with ${code}`));
  });
  return {
    child,
    next: (type) => new Promise((resolve, reject) => waiting.push({ type, resolve: resolve as (m: ToParent) => void, reject })),
    send: (message) => {
      if (child.connected) child.send(message);
    },
  };
}

interface Response {
  status: number;
  replayed: boolean;
  body: string;
}

class TimedOut extends Error {}

function post(agent: http.Agent, base: URL, path: string, headers: Record<string, string>, body: string | Buffer, timeoutMs: number): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: base.hostname, port: base.port, path, method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, replayed: res.headers['idempotent-replayed'] === 'true', body: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new TimedOut(`no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

interface SubmitRun {
  accepted: number;
  created: number;
  replayed: number;
  retries: number;
  failed: Array<{ status: number; body: string }>;
  seconds: number;
  latencies: number[];
}

/**
 * Submits each prepared request once; a timeout or a dropped connection is retried with the same key.
 * The client is undici's connection pool (what Node's fetch is built on): it costs the shared cores
 * about a third of what node:http does per request, leaving them to the server being measured.
 */
async function submitAll(base: URL, items: readonly PreparedSubmit[], concurrency: number, timeoutMs: number): Promise<SubmitRun> {
  const pool = new Pool(base.origin, { connections: concurrency, pipelining: 1, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const run: SubmitRun = { accepted: 0, created: 0, replayed: 0, retries: 0, failed: [], seconds: 0, latencies: [] };
  const t0 = performance.now();
  await inLanes(items, concurrency, async (item) => {
    const started = performance.now();
    const headers = { ...item.headers, 'content-type': 'application/json', 'idempotency-key': item.key };
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        const answer = await pool.request({ path: item.path, method: 'POST', headers, body: item.body });
        res = { status: answer.statusCode, replayed: answer.headers['idempotent-replayed'] === 'true', body: await answer.body.text() };
      } catch (error) {
        if (attempt < 20) {
          run.retries++;
          continue;
        }
        throw error;
      }
      if ((res.status === 503 || res.status === 429 || res.status >= 500) && attempt < 20) {
        run.retries++;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      if (res.status === 201 || res.status === 200) {
        run.accepted++;
        if (res.replayed) run.replayed++;
        else run.created++;
        run.latencies.push(performance.now() - started);
      } else {
        run.failed.push({ status: res.status, body: res.body.slice(0, 300) });
      }
      return;
    }
  });
  run.seconds = (performance.now() - t0) / 1000;
  await pool.close();
  run.latencies.sort((a, b) => a - b);
  return run;
}

function multipartOf(name: string, bytes: Buffer, requirement: string): { body: Buffer; contentType: string } {
  const boundary = `----onestopbench${randomBytes(8).toString('hex')}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="requirement"\r\n\r\n${requirement}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** 1–5 MB documents: PDFs and PNGs with random (incompressible) bodies, each distinct. */
function uploadFiles(n: number): Array<{ name: string; bytes: Buffer }> {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  return Array.from({ length: n }, (_, i) => {
    const size = (1 + (i % 5)) * 1024 * 1024 - 4096;
    const bytes = randomBytes(size);
    if (i % 2 === 0) bytes.write('%PDF-1.7\n', 0, 'latin1');
    else png.copy(bytes, 0);
    return { name: i % 2 === 0 ? `scan-${i}.pdf` : `photo-${i}.png`, bytes };
  });
}

async function uploadAll(base: URL, targets: readonly PreparedUploadTarget[], files: Array<{ name: string; bytes: Buffer }>, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const bodies = files.map((f) => multipartOf(f.name, f.bytes, '本人確認書類'));
  let failed = 0;
  let firstFailure = '';
  const t0 = performance.now();
  await inLanes(files, concurrency, async (_, i) => {
    const { body, contentType } = bodies[i]!;
    const res = await post(agent, base, targets[i]!.path, { ...targets[i]!.headers, 'content-type': contentType }, body, 120_000);
    if (res.status !== 201) {
      failed++;
      firstFailure ||= `${res.status} ${res.body.slice(0, 200)}`;
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  return { mbPerSecond: bytes / 1e6 / seconds, failed, firstFailure };
}

async function diskWrite(files: Array<{ bytes: Buffer }>, concurrency: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'onestop-bench-disk-'));
  try {
    const t0 = performance.now();
    await inLanes(files, concurrency, async (f, i) => {
      const handle = await open(join(dir, `f${i}`), 'w');
      try {
        await handle.writeFile(f.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    const seconds = (performance.now() - t0) / 1000;
    return files.reduce((n, f) => n + f.bytes.byteLength, 0) / 1e6 / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface IntakeSettings {
  count: number;
  warmup: number;
  concurrency: number;
  timeoutMs: number;
  residents: number;
  uploads: number;
  uploadConcurrency: number;
}

export type IntakeDatabase = ServeOptions['database'];

export interface IntakeResult {
  /** Signed submits accepted per second in the timed phase. */
  perSecond: number;
  p50: number;
  p99: number;
  baselinePerSecond: number;
  lost: number;
  duplicated: number;
  evidence: EvidenceCounts;
}

/** Settings of the intake run: the defaults, `--quick`, and `--count N`, `--warmup N`, `--concurrency N`, `--timeout MS`. */
export function intakeSettings(args: string[], quick: boolean): IntakeSettings {
  const arg = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const count = arg('--count', quick ? 600 : 3000);
  return {
    count,
    // As long as the timed phase: for the first few thousand requests V8 is still optimising the
    // request path (after 300, a quarter of the server's CPU in the timed phase was the optimising
    // compiler on its helper threads). A server runs for hours; the figure is its steady state.
    warmup: arg('--warmup', count),
    concurrency: arg('--concurrency', 32),
    timeoutMs: arg('--timeout', 2000),
    residents: Math.max(1, Math.min(200, Math.round(count / 10))),
    uploads: quick ? 12 : 40,
    uploadConcurrency: 4,
  };
}

/**
 * One intake run on a fresh database: a server child prepares the drafts, measures its bare-INSERT
 * baseline and listens; this process submits (warm-up, then the timed phase), counts, and uploads
 * attachments when `withUploads`. Prints its lines under `label` and returns the figures.
 */
export async function measureIntake(label: string, database: IntakeDatabase, s: IntakeSettings, options: { withUploads: boolean; evidence: EvidenceMode }): Promise<IntakeResult> {
  const { withUploads } = options;
  process.stdout.write(`\n— ${label} —\n`);
  const dir = mkdtempSync(join(tmpdir(), 'onestop-bench-intake-'));
  const file = join(dir, 'prepared.json');
  const server = spawnBenchServer({ database, evidence: options.evidence, count: s.count, warmup: s.warmup, concurrency: s.concurrency, residents: s.residents, uploads: withUploads ? s.uploads : 0, file });
  try {
    const ready = await server.next('ready');
    const prepared = JSON.parse(readFileSync(file, 'utf8')) as { submits: PreparedSubmit[]; uploads: PreparedUploadTarget[] };
    const base = new URL(ready.url);
    line(`${label}: setup (drafts, uploads, signatures)`, `${(ready.setupMs / 1000).toFixed(1)} s`, `${prepared.submits.length} drafts, form data ${ready.dataBytes} B, ${s.residents} residents`);

    await submitAll(base, prepared.submits.slice(0, s.warmup), s.concurrency, s.timeoutMs);
    server.send({ type: 'cpu' });
    const serverBefore = (await server.next('cpu')).micros;
    const clientBefore = process.cpuUsage();
    const databaseBefore = databaseCpuMicros();
    const run = await submitAll(base, prepared.submits.slice(s.warmup), s.concurrency, s.timeoutMs);
    const clientCpu = process.cpuUsage(clientBefore);
    const databaseAfter = databaseCpuMicros();
    server.send({ type: 'cpu' });
    const serverCpu = (await server.next('cpu')).micros - serverBefore;
    const perSecond = run.accepted / run.seconds;
    const p50 = percentile(run.latencies, 50);
    const p99 = percentile(run.latencies, 99);
    const b = ready.baseline;
    line(`${label}: baseline INSERT+COMMIT/s`, `${b.perSecond.toFixed(0)} /s`, `p99 ${b.p99.toFixed(1)} ms; autocommit INSERT ${b.autocommitPerSecond.toFixed(0)} /s; ${ready.poolSize ? `pool ${ready.poolSize}` : 'one session'}, ${s.concurrency} in flight`);
    line(`${label}: signed submits accepted/s`, `${perSecond.toFixed(0)} /s`, `${(perSecond / b.perSecond).toFixed(3)}× baseline; ${(perSecond / GOAL_PER_SECOND).toFixed(2)}× goal`);
    line(`${label}: submit latency p50 / p99`, `${p50.toFixed(1)} / ${p99.toFixed(1)} ms`, `goal p99 < ${GOAL_P99_MS} ms: ${p99 < GOAL_P99_MS ? 'met' : 'NOT met'}`);
    const perSubmit = (micros: number) => `${(micros / 1000 / run.accepted).toFixed(2)} ms`;
    line(
      `${label}: CPU per submit: server / client / database`,
      `${perSubmit(serverCpu)} / ${perSubmit(clientCpu.user + clientCpu.system)} / ${database.kind === 'pglite' ? 'in the server' : databaseBefore === null || databaseAfter === null ? 'n/a' : perSubmit(databaseAfter - databaseBefore)}`,
      `${availableParallelism()} cores: ${((availableParallelism() * 1e6 * run.seconds) / 1000 / run.accepted).toFixed(2)} ms of CPU per submit at this rate`,
    );
    line(`${label}: retries (timeout ${s.timeoutMs} ms) / replayed`, `${run.retries} / ${run.replayed}`, run.failed.length ? `${run.failed.length} refused, first: ${run.failed[0]!.status} ${run.failed[0]!.body}` : '');

    server.send({ type: 'count' });
    const c = await server.next('counted');
    const submitted = prepared.submits.length;
    const lost = submitted - c.distinctDrafts;
    const duplicated = c.applications - c.distinctKeys;
    line(`${label}: drafts submitted / in the database`, `${submitted} / ${c.applications}`, `distinct keys ${c.distinctKeys}, distinct drafts ${c.distinctDrafts}, drafts left ${c.draftsLeft - (withUploads ? Math.ceil(s.uploads / 18) : 0)}`);
    line(`${label}: lost / duplicated`, `${lost} / ${duplicated}`, lost === 0 && duplicated === 0 && c.distinctKeys === submitted ? 'none lost, none twice' : 'MISMATCH');
    const e = c.evidence;
    line(
      `${label}: evidence facts / leaves / checkpointed`,
      `${e.facts} / ${e.leaves} / ${e.checkpointed}`,
      options.evidence === 'on' ? 'at the end of the timed phase (the checkpointer runs every second)' : 'evidence triggers and checkpointer off',
    );

    if (withUploads) {
      const files = uploadFiles(s.uploads);
      const upload = await uploadAll(base, prepared.uploads, files, s.uploadConcurrency);
      const disk = await diskWrite(files, s.uploadConcurrency);
      const mb = files.reduce((n, f) => n + f.bytes.byteLength, 0) / 1e6;
      line(`${label}: attachment upload (multipart over HTTP)`, `${upload.mbPerSecond.toFixed(1)} MB/s`, `${(upload.mbPerSecond / disk).toFixed(3)}× disk; ${s.uploads} files, ${mb.toFixed(0)} MB, ${s.uploadConcurrency} in flight${upload.failed ? `; ${upload.failed} failed: ${upload.firstFailure}` : ''}`);
      line(`${label}: same bytes to disk (write + fsync)`, `${disk.toFixed(1)} MB/s`, '(baseline)');
    }
    return { perSecond, p50, p99, baselinePerSecond: b.perSecond, lost, duplicated, evidence: c.evidence };
  } finally {
    server.send({ type: 'stop' });
    await new Promise<void>((resolve) => {
      if (server.child.exitCode !== null) return resolve();
      server.child.once('exit', () => resolve());
      setTimeout(() => server.child.kill('SIGKILL'), 15_000).unref();
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function main(args: string[]): Promise<void> {
  if (args[0] === '--serve') return serve(JSON.parse(args[1]!) as ServeOptions);
  const s = intakeSettings(args, args.includes('--quick'));
  const evidence: EvidenceMode = args.includes('--evidence') && args[args.indexOf('--evidence') + 1] === 'off' ? 'off' : 'on';
  console.log(
    `intake: ${s.count} timed signed submits (+${s.warmup} warm-up), ${s.concurrency} in flight, client timeout ${s.timeoutMs} ms; ` +
      `server in a child process (app + verifier pool), load generator in this one; ${availableParallelism()} cores; evidence log ${evidence}`,
  );

  const only = args.includes('--database') ? args[args.indexOf('--database') + 1] : null;
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url && only !== 'pglite') {
    await throwawayDatabase(url, (database) => measureIntake('PostgreSQL', { kind: 'postgres', url: database }, s, { withUploads: true, evidence }));
  } else if (only !== 'pglite') {
    process.stdout.write('\nPostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres)\n');
  }
  if (only !== 'postgres') await measureIntake('PGlite', { kind: 'pglite' }, s, { withUploads: true, evidence });
}
