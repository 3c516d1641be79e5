// The evidence log in the database: canonical facts built by SQL, the arrival's fact in the arrival's
// own statement, facts for status changes, append-only tables, and the sequencer's tree read back
// as RFC 9162 proofs.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { changeApplicationStatus, createDbApplicationVerifier, getBundleSigningPayload, replyToRequest, startDraft, submitBundle, withdrawApplication } from '../applications/index.ts';
import { arrivedApplication, NO_JOBS, publishedServiceWithForm, residentWithCard, signContent, submitSigned, testCard, testCertificateLinks, VALID_DATA } from '../applications/testing.ts';
import { ensureNationalProcedures } from '../catalogue/index.ts';
import { ensureMunicipalityMaster } from '../municipalities/index.ts';
import { appendFact, appendFacts, consistencyProof, findFact, headAt, inclusionProof, integrate, latestHead, readFacts, rootAt } from './index.ts';
import { leafHash } from './hashes.ts';
import { mth, path, proof } from './test-bundles.ts';
import { integrateAll } from './testing.ts';

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// --- generated JSON for the canonical form -----------------------------------------------------------
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pieces = ['a', 'Z', '0', ' ', '"', '\\', '/', '\b', '\f', '\n', '\r', '\t', '\u0001', '\u001f', '\u007f', 'é', 'ß', '申請', '😀', '\u2028', '\u2029', '\ufeff', '\uffff', '€'];
  const string = () => Array.from({ length: int(6) }, () => pieces[int(pieces.length)]).join('');
  const key = () => Array.from({ length: 1 + int(4) }, () => String.fromCharCode(1 + int(126))).join('');
  const number = () => [0, 1, -1, 42, -0, 9007199254740991, -9007199254740991, int(1e9) - 5e8, int(2 ** 53)][int(9)]!;
  const value = (depth: number): unknown => {
    const choice = int(depth > 3 ? 5 : 7);
    switch (choice) {
      case 0:
        return string();
      case 1:
        return number();
      case 2:
        return [true, false, null][int(3)];
      case 3:
        return string();
      case 4:
        return number();
      case 5:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      default: {
        const out: Record<string, unknown> = {};
        for (let i = int(5); i > 0; i--) {
          const name = key();
          if (name !== '__proto__') out[name] = value(depth + 1);
        }
        return out;
      }
    }
  };
  return () => value(0);
}

describeOnDatabases('the evidence log', (ctx) => {
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
  });
  const db = () => ctx.db.kysely;
  const factsOf = async (subject: string) =>
    (
      await sql<{ kind: string; body: Buffer; leaf_hash: Buffer; xid: string }>`SELECT kind, body, leaf_hash, xid::text AS xid FROM evidence_facts WHERE subject_id = ${subject}::uuid ORDER BY id`.execute(db())
    ).rows.map((r) => ({ ...r, text: r.body.toString('utf8'), json: JSON.parse(r.body.toString('utf8')) as Record<string, any> }));

  test('evidence_canonical_json gives RFC 8785 text, equal to the canonicalize package on generated values', async () => {
    const next = generator(20261207);
    const values = Array.from({ length: 400 }, next);
    values.push('\u0000'.slice(1), 'a"b\\c\u0007', { b: 1, a: [1, '2', { d: null, c: true }] }, [], {}, 0, -0, 'ハロー');
    const { rows } = await sql<{ text: string }>`SELECT evidence_canonical_json(v) AS text FROM jsonb_array_elements(${JSON.stringify(values)}::jsonb) WITH ORDINALITY AS t(v, ord) ORDER BY ord`.execute(db());
    assert.equal(rows.length, values.length);
    rows.forEach((row, i) => assert.equal(row.text, canonicalize(values[i]), `value ${i}: ${JSON.stringify(values[i])}`));
  });

  test('evidence_canonical_json refuses non-ASCII keys and numbers that are not safe integers', async () => {
    for (const bad of ['{"名前":"x"}', '{"a":1.5}', '[9007199254740992]', '{"a":{"é":1}}', '-9007199254740992', '1e300', '0.1']) {
      await assert.rejects(sql`SELECT evidence_canonical_json(${bad}::jsonb)`.execute(db()), /evidence_canonical_json/, bad);
    }
    // 1.0 and 1e2 are integers: written as integers, as JavaScript would.
    const { rows } = await sql<{ a: string; b: string }>`SELECT evidence_canonical_json('1.0') AS a, evidence_canonical_json('[1e2]') AS b`.execute(db());
    assert.deepEqual(rows[0], { a: '1', b: '[100]' });
    // A resident's reply data that has no canonical form is still digested (over jsonb's text, under its own name).
    const digest = await sql<{ d: string; c: string }>`SELECT evidence_data_digest('{"名前":1.5}') AS d, evidence_data_digest('{"b":[1,"x"],"a":null}') AS c`.execute(db());
    const jsonbText = (await sql<{ t: string }>`SELECT '{"名前":1.5}'::jsonb::text AS t`.execute(db())).rows[0]!.t;
    assert.equal(digest.rows[0]!.d, `"dataJsonb":"${sha256(jsonbText)}"`);
    assert.equal(digest.rows[0]!.c, `"data":"${sha256('{"a":null,"b":[1,"x"]}')}"`);
  });

  test('given an arrival, its fact is written in the same transaction, with digests of the exact bytes and no personal data', async () => {
    const { applicationId, reference } = await arrivedApplication({ db: ctx.db });
    const app = await db().selectFrom('applications').selectAll().where('id', '=', applicationId).executeTakeFirstOrThrow();
    const { rows: xmin } = await sql<{ xmin: string }>`SELECT xmin::text AS xmin FROM applications WHERE id = ${applicationId}::uuid`.execute(db());
    const facts = await factsOf(applicationId);
    assert.deepEqual(
      facts.map((f) => f.kind),
      ['application.arrived'],
    );
    const [fact] = facts;
    // Same transaction: the fact's xid is the application row's xmin (xid8 with its epoch).
    assert.equal(BigInt(fact!.xid) % 2n ** 32n, BigInt(xmin[0]!.xmin));
    assert.equal(fact!.text, canonicalize(fact!.json));
    assert.equal(hex(fact!.leaf_hash), hex(leafHash(fact!.body)));
    assert.deepEqual(fact!.json, {
      v: 1,
      kind: 'application.arrived',
      municipality: app.municipality_code,
      mode: app.mode,
      time: app.arrived_at.toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${fact!.json.time.slice(23, 26)}Z`),
      ids: { application: applicationId, reference, service: app.service_id, formVersion: app.form_version_id },
      digests: { content: sha256(app.content) },
      details: { method: 'simple' },
    });
    assert.equal(app.content_sha256, sha256(app.content));
    // No personal data: nothing of the answers (nor the resident's id) is in the fact.
    for (const value of [VALID_DATA.applicant.name, app.resident_id, ...Object.values(app.data).flatMap((v) => Object.values(v as object))]) {
      assert.ok(!fact!.text.includes(String(value)), `the fact holds ${String(value)}`);
    }
    assert.deepEqual(await findFact(db(), 'application.arrived', applicationId), { fact: fact!.text, leafIndex: null });
  });

  test('given several arrivals in one multi-row INSERT with CTEs (the group commit\'s shape), each gets its own fact in that statement', async () => {
    const { applicationId } = await arrivedApplication({ db: ctx.db });
    const { rows } = await sql<{ id: string; content: Buffer }>`
      WITH src AS (SELECT * FROM applications WHERE id = ${applicationId}::uuid), app AS (
        INSERT INTO applications (reference, resident_id, service_id, service_title, municipality_code, form_version_id, draft_id, data, content, content_sha256, method)
        SELECT 'ZZZZ-ZZZZ-ZZZ' || i, resident_id, service_id, service_title, municipality_code, form_version_id, gen_random_uuid(), data, content || int4send(i), content_sha256, method
        FROM src, generate_series(1, 3) AS i
        RETURNING id, municipality_code, content
      ), event AS (
        INSERT INTO application_events (application_id, municipality_code, kind, status, actor_kind) SELECT id, municipality_code, 'arrived', 'arrived', 'resident' FROM app
      )
      SELECT id, content FROM app`.execute(db());
    assert.equal(rows.length, 3);
    for (const row of rows) {
      const facts = await factsOf(row.id);
      assert.deepEqual(
        facts.map((f) => [f.kind, f.json.digests.content]),
        [['application.arrived', sha256(row.content)]],
      );
    }
    assert.equal(new Set(await Promise.all(rows.map(async (r) => (await factsOf(r.id))[0]!.xid))).size, 1, 'one transaction');
  });

  test('given a signed application and a signed bundle, their facts hold digests of the signature and of the bundle document it covers', async () => {
    const verifier = createDbApplicationVerifier(ctx.db, { workers: 0, refreshMs: 0 });
    try {
      const deps = { db: ctx.db, jobs: NO_JOBS, verifier, certificateLinks: testCertificateLinks(ctx.db) };
      const card = await testCard(ctx.db);
      const residentId = await residentWithCard(ctx.db, card);
      const { serviceId } = await publishedServiceWithForm(ctx.db);
      const draft = await startDraft(deps, { residentId, serviceId, data: VALID_DATA });
      const { application } = await submitSigned(deps, card, residentId, draft.id);
      const app = await db().selectFrom('applications').select(['content', 'signature']).where('id', '=', application.id).executeTakeFirstOrThrow();
      const [fact] = await factsOf(application.id);
      assert.equal(fact!.text, canonicalize(fact!.json));
      assert.deepEqual(fact!.json.digests, { content: sha256(app.content), signature: sha256(app.signature!) });
      assert.deepEqual(fact!.json.details, { method: 'signed' });

      const drafts = [];
      for (const title of ['児童手当 認定請求', '乳幼児医療費助成']) {
        const service = await publishedServiceWithForm(ctx.db, { title });
        drafts.push((await startDraft(deps, { residentId, serviceId: service.serviceId, data: VALID_DATA })).id);
      }
      const payload = await getBundleSigningPayload(deps, { residentId, draftIds: drafts });
      const bundle = await submitBundle(deps, { residentId, draftIds: drafts, signature: { cms: await signContent(card, payload.content) } });
      for (const arrived of bundle.applications) {
        const row = await db().selectFrom('applications').select(['content', 'signature', 'bundle_content', 'bundle_id']).where('id', '=', arrived.id).executeTakeFirstOrThrow();
        const [bundled] = await factsOf(arrived.id);
        assert.equal(bundled!.text, canonicalize(bundled!.json));
        assert.equal(bundled!.json.ids.bundle, bundle.bundleId);
        assert.deepEqual(bundled!.json.digests, { bundleContent: sha256(payload.content), content: sha256(row.content), signature: sha256(row.signature!) });
        assert.equal(sha256(row.bundle_content!), sha256(payload.content));
      }
    } finally {
      await verifier.close();
    }
  });

  test('given status changes (staff in their scope, a reply, a withdrawal), then each has its fact with codes and digests only', async () => {
    const { applicationId, residentId } = await arrivedApplication({ db: ctx.db });
    const staff = { staffId: 'staff-1', scope: { kind: 'municipality' as const, municipalityCode: '131130' } };
    await changeApplicationStatus({ db: ctx.db }, staff, { applicationId, status: 'received', message: '受け付けました' });
    await changeApplicationStatus({ db: ctx.db }, staff, { applicationId, status: 'info_requested', message: '住所を教えてください' });
    const reply = { note: '東京都千代田区1-1' };
    await replyToRequest({ db: ctx.db, jobs: NO_JOBS } as never, { residentId, applicationId, message: '回答します', data: reply });
    await withdrawApplication({ db: ctx.db }, { residentId, applicationId, reason: '不要になりました' });
    const events = (await db().selectFrom('application_events').select(['id', 'kind', 'status', 'message']).where('application_id', '=', applicationId).orderBy('id').execute()).filter((e) => e.kind !== 'arrived');
    const facts = (await factsOf(applicationId)).slice(1);
    assert.deepEqual(
      facts.map((f) => f.kind),
      ['application.status-changed', 'application.status-changed', 'application.replied', 'application.status-changed'],
    );
    facts.forEach((f, i) => {
      const event = events[i]!;
      assert.equal(f.text, canonicalize(f.json));
      assert.deepEqual(f.json.ids, { application: applicationId, event: String(event.id) });
      assert.deepEqual(f.json.details, { event: event.kind, actor: ['received', 'info_requested'].includes(event.kind) ? 'staff' : 'resident', ...(event.status ? { status: event.status } : {}) });
      assert.equal(f.json.digests.message, sha256(event.message!));
      assert.ok(!f.text.includes(event.message!));
    });
    assert.equal(facts[2]!.json.digests.data, sha256(canonicalize(reply)!));
    assert.ok(!facts[2]!.text.includes('千代田'));
  });

  test('appendFact writes a fact in the caller transaction, and refuses what a fact may not hold', async () => {
    const subject = '00000000-0000-4000-8000-000000000001';
    await db().transaction().execute(async (trx) => {
      await sql`select set_config('role', 'onestop_tenant', true)`.execute(trx);
      await appendFact(trx, { kind: 'notice.delivered', municipality: '131130', mode: 'test', subject, ids: { notice: subject, n: 3, none: null }, digests: { content: sha256('x') }, details: { channel: 'portal' } });
    });
    const found = await findFact(db(), 'notice.delivered', subject);
    assert.ok(found);
    const json = JSON.parse(found.fact);
    assert.deepEqual(json.ids, { n: 3, notice: subject });
    assert.match(json.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    await assert.rejects(appendFact(db(), { kind: 'notice.read', municipality: '131130', mode: 'live', ids: {}, digests: { content: 'ABC' }, details: {} }), TypeError);
    await assert.rejects(appendFact(db(), { kind: 'nope' as never, municipality: '131130', mode: 'live', ids: {}, digests: {}, details: {} }), TypeError);
    await assert.rejects(appendFact(db(), { kind: 'notice.read', municipality: '131130', mode: 'live', ids: { 'a b': 'x' }, digests: {}, details: {} }), TypeError);
    // The database checks too, whoever calls it: the jsonb function…
    await assert.rejects(sql`SELECT evidence_append('notice.read', '131130', 'live', null, null, '{"a":{"b":"c"}}', '{}', '{}')`.execute(db()), /strings and integers/);
    await assert.rejects(sql`SELECT evidence_append('notice.read', '13113', 'live', null, null, '{}', '{}', '{}')`.execute(db()), /6-digit/);
    await assert.rejects(sql`SELECT evidence_append('notice.unknown', '131130', 'live', null, null, '{}', '{}', '{}')`.execute(db()), /check constraint/);
    // …and the batch one, which takes the objects as canonical text.
    const batch = (ids: string, digests = '{}', municipality = '131130', mode = 'live') =>
      sql`SELECT evidence_append_batch(ARRAY['notice.read'], ARRAY[${municipality}::text], ARRAY[${mode}::text], ARRAY[null::timestamptz], ARRAY[null::uuid], ARRAY[${ids}::text], ARRAY[${digests}::text], ARRAY['{}'])`.execute(db());
    for (const bad of ['{"a": "b"}', '{"a":{"b":"c"}}', '{"a":1.5}', '{"a":"b",}', '{"名":"b"}', '{"a":"\n"}', '["a"]', '{"a":"b"}x']) {
      await assert.rejects(batch(bad), /flat objects/, bad);
    }
    await assert.rejects(batch('{}', '{"content":"ABC"}'), /flat objects/);
    await assert.rejects(batch('{}', '{}', '1311300'), /6-digit/);
    await assert.rejects(batch('{}', '{}', '131130', 'prod'), /live or test/);
    // Both functions write the same text for the same fact.
    const at = '2026-12-07T21:51:06.123456Z';
    const { rows } = await sql<{ a: number; b: number }>`
      SELECT evidence_append('consent.given', '131130', 'live', ${at}::timestamptz, null, '{"z":"1","a":2,"m":"\\u0001é"}', ${JSON.stringify({ content: sha256('c') })}::jsonb, '{"k":"v"}') AS a,
        (SELECT evidence_append_batch(ARRAY['consent.given'], ARRAY['131130'], ARRAY['live'], ARRAY[${at}::timestamptz], ARRAY[null::uuid],
          ARRAY['{"a":2,"m":"\\u0001é","z":"1"}'], ARRAY[${JSON.stringify({ content: sha256('c') })}], ARRAY['{"k":"v"}'])) AS b`.execute(db());
    const bodies = await db().selectFrom('evidence_facts').select(['id', 'body']).where('id', 'in', [rows[0]!.a, rows[0]!.b]).orderBy('id').execute();
    assert.equal(bodies.length, 2);
    assert.equal(Buffer.from(bodies[0]!.body).toString(), Buffer.from(bodies[1]!.body).toString());
    assert.equal(Buffer.from(bodies[0]!.body).toString(), canonicalize(JSON.parse(Buffer.from(bodies[0]!.body).toString())));
    const ids = await appendFacts(db(), [1, 2, 3].map((n) => ({ kind: 'record.corrected' as const, municipality: '131130', mode: 'test' as const, ids: { n }, digests: {}, details: {} })));
    assert.equal(ids.length, 3);
    const written = await db().selectFrom('evidence_facts').select(['id', 'body']).where('id', 'in', ids).orderBy('id').execute();
    assert.deepEqual(
      written.map((w) => [w.id, JSON.parse(Buffer.from(w.body).toString()).ids.n]),
      ids.map((id, i) => [id, i + 1]),
    );
  });

  test('the log tables refuse UPDATE, DELETE and TRUNCATE, and the tenant role has no privilege on them', async () => {
    await integrateAll(db());
    for (const [table, where] of [
      ['evidence_facts', 'true'],
      ['evidence_leaves', 'true'],
      ['evidence_heads', 'true'],
    ] as const) {
      await assert.rejects(sql`UPDATE ${sql.table(table)} SET ${sql.raw(table === 'evidence_facts' ? 'kind = kind' : table === 'evidence_leaves' ? 'fact_id = fact_id' : 'root = root')} WHERE ${sql.raw(where)}`.execute(db()), /append-only/);
      await assert.rejects(sql`DELETE FROM ${sql.table(table)}`.execute(db()), /append-only/);
      await assert.rejects(sql`TRUNCATE ${sql.table(table)} CASCADE`.execute(db()), /append-only/);
    }
    for (const statement of ['UPDATE evidence_facts SET kind = kind', 'DELETE FROM evidence_leaves', 'SELECT 1 FROM evidence_nodes', 'INSERT INTO evidence_heads (size, root, frontier, cursor_xid, cursor_id) VALUES (1, \'\', \'\', \'0\', 0)']) {
      await assert.rejects(
        db()
          .transaction()
          .execute(async (trx) => {
            await sql`select set_config('role', 'onestop_tenant', true)`.execute(trx);
            await sql.raw(statement).execute(trx);
          }),
        /permission denied/,
        statement,
      );
    }
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM evidence_leaves`.execute(db());
    assert.ok(rows[0]!.n > 0);
  });

  test('integrate gives every fact one leaf in (xid, id) order; roots, heads and proofs from storage equal RFC 9162', async () => {
    // Enough facts for stored subtrees at levels 4 and 8, appended in batches of various sizes.
    let written = 0;
    for (const batch of [1, 5, 16, 40, 100, 150]) {
      await db().transaction().execute(async (trx) => {
        for (let i = 0; i < batch; i++) {
          await appendFact(trx, { kind: 'record.provided', municipality: '131130', mode: 'test', ids: { n: written++ }, digests: {}, details: {} });
        }
      });
      await integrate(db(), { maxLeaves: 37 });
    }
    while ((await integrate(db(), { maxLeaves: 64 })).added > 0);
    await integrateAll(db());
    const { rows: all } = await sql<{ leaf_index: number; leaf_hash: Buffer; body: Buffer; id: number; xid: string }>`
      SELECT l.leaf_index, f.leaf_hash, f.body, f.id, f.xid::text AS xid FROM evidence_facts f LEFT JOIN evidence_leaves l ON l.fact_id = f.id ORDER BY f.xid, f.id`.execute(db());
    assert.ok(all.length >= 312);
    all.forEach((row, i) => {
      assert.equal(row.leaf_index, i, 'leaves are dense, in (xid, id) order');
      assert.equal(hex(row.leaf_hash), hex(leafHash(row.body)));
    });
    const leaves = all.map((r) => r.leaf_hash as Uint8Array);
    const n = leaves.length;
    const head = await latestHead(db());
    assert.equal(head.size, n);
    assert.equal(hex(head.root), hex(mth(leaves)));
    const { rows: nodes } = await sql<{ level: number; n: number }>`SELECT level, count(*)::int AS n FROM evidence_nodes GROUP BY level ORDER BY level`.execute(db());
    assert.deepEqual(nodes, [
      { level: 4, n: Math.floor(n / 16) },
      { level: 8, n: Math.floor(n / 256) },
    ]);
    // Every stored head's root equals the reference at its size, and so does rootAt at any size.
    const { rows: heads } = await sql<{ size: number; root: Buffer }>`SELECT size, root FROM evidence_heads ORDER BY size`.execute(db());
    for (const h of heads) assert.equal(hex(h.root), hex(mth(leaves.slice(0, h.size))), `head ${h.size}`);
    for (const size of [0, 1, 2, 3, 15, 16, 17, 100, 255, 256, 257, n - 1, n]) {
      assert.equal(hex(await rootAt(db(), size)), hex(mth(leaves.slice(0, size))), `rootAt ${size}`);
      assert.equal(hex((await headAt(db(), size))!.root), hex(mth(leaves.slice(0, size))), `headAt ${size}`);
    }
    assert.equal(await headAt(db(), n + 1), undefined);
    for (const size of [1, 2, 7, 16, 33, 255, 256, 257, 300, n]) {
      for (let m = 0; m < size; m += size > 40 ? 7 : 1) {
        assert.deepEqual((await inclusionProof(db(), m, size)).map(hex), path(m, leaves.slice(0, size)).map(hex), `PATH(${m}, ${size})`);
        assert.deepEqual((await consistencyProof(db(), m, size)).map(hex), m === 0 ? [] : proof(m, leaves.slice(0, size)).map(hex), `PROOF(${m}, ${size})`);
      }
    }
    await assert.rejects(inclusionProof(db(), 0, n + 1), { code: 'evidence.bad_range' });
    await assert.rejects(inclusionProof(db(), n, n), { code: 'evidence.bad_range' });
    await assert.rejects(consistencyProof(db(), 5, n + 1), { code: 'evidence.bad_range' });
    await assert.rejects(rootAt(db(), n + 1), { code: 'evidence.bad_range' });
    await assert.rejects(readFacts(db(), 0, n + 1), { code: 'evidence.bad_range' });
    await assert.rejects(readFacts(db(), 0, 10_001), { code: 'evidence.bad_range' });
    const facts = await readFacts(db(), 3, 9);
    assert.deepEqual(
      facts.map((f) => [f.leafIndex, hex(leafHash(Buffer.from(f.fact)))]),
      [3, 4, 5, 6, 7, 8].map((i) => [i, hex(leaves[i]!)]),
    );
    const arrival = (await sql<{ subject_id: string }>`SELECT subject_id FROM evidence_facts WHERE kind = 'application.arrived' LIMIT 1`.execute(db())).rows[0]!;
    const found = await findFact(db(), 'application.arrived', arrival.subject_id);
    assert.equal(typeof found?.leafIndex, 'number');
    assert.equal(await findFact(db(), 'application.arrived', 'not-a-uuid'), undefined);
    assert.deepEqual(await integrate(db()), { added: 0, size: n, root: head.root });
  });
});

describeOnDatabases('an arrival whose fact cannot be written', (ctx) => {
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
  });

  test('given the fact cannot be stored, when an application is submitted, then nothing of it is recorded', async () => {
    // evidence_store is where every fact (trigger or evidence_append) is inserted.
    await sql`
      CREATE OR REPLACE FUNCTION evidence_store(kind text, subject uuid, fact text) RETURNS bigint LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'the evidence log is unavailable (test)';
      END
      $fn$`.execute(ctx.db.kysely);
    await assert.rejects(arrivedApplication({ db: ctx.db }), /evidence log is unavailable/);
    const count = async (table: 'applications' | 'application_events' | 'evidence_facts') =>
      Number((await ctx.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    assert.equal(await count('applications'), 0);
    assert.equal(await count('application_events'), 0);
    assert.equal(await count('evidence_facts'), 0);
  });
});
