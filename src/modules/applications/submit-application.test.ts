import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { allJobDefinitions } from '../../jobs.ts';
import { createJobQueue, type JobQueue } from '../../platform/jobs/index.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { ensureNationalProcedures } from '../catalogue/index.ts';
import { ensureMunicipalityMaster } from '../municipalities/index.ts';
import type { AppError } from '../../platform/errors.ts';
import { registerResidentProxy } from '../identity/index.ts';
import { certificateSubjectOf, createDbTestPkiStore, createSignatureVerifier, ensureTestAuthority, revokeTestCertificate, type TestCard } from '../signatures/index.ts';
import type { ApplicationsDeps } from './deps.ts';
import { getSigningPayload } from './get-signing-payload.ts';
import { reverifySignature, REVERIFY_JOB_NAME } from './jobs/reverify-signature.ts';
import { getMyApplication } from './my-applications.ts';
import { saveDraft } from './save-draft.ts';
import { createDbApplicationVerifier, type ApplicationVerifier } from './signature-verifier.ts';
import { startDraft } from './start-draft.ts';
import { submitApplication } from './submit-application.ts';
import { prepareDraft } from './prepare-draft.ts';
import { recordArrival } from './record-arrival.ts';
import { loadKnownData } from './load-known-data.ts';
import { moveApplicationStatus } from './repository.ts';
import { NO_JOBS, pdfBytes, publishedServiceWithForm, residentWithCard, signContent, submitSigned, testCertificateLinks, testCard, VALID_DATA } from './testing.ts';
import { uploadAttachment } from './upload-attachment.ts';
import { buildSignedContent } from '../signatures/index.ts';
import { buildApplicationDocument } from './signed-content.ts';

describe('the application document', () => {
  test('given the stored digests, when built, then it is byte for byte what the signatures module builds from the bytes (R4)', () => {
    const bytes = pdfBytes('r4');
    const fromBytes = buildSignedContent({
      application: { type: 'kosodate-onestop/application', version: 1, draftId: 'd', serviceId: 's', municipalityCode: '131130', formVersionId: 'f', data: { a: 1 } },
      attachments: [{ name: 'a.pdf', mediaType: 'application/pdf', bytes }],
    });
    const fromDigests = buildApplicationDocument({
      draftId: 'd',
      serviceId: 's',
      municipalityCode: '131130',
      formVersionId: 'f',
      data: { a: 1 },
      attachments: [{ name: 'a.pdf', mediaType: 'application/pdf', size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') }],
    });
    assert.equal(Buffer.from(fromDigests).toString(), Buffer.from(fromBytes).toString());
  });
});

describeOnDatabases('submitting an application (R1, R3, R4)', (ctx) => {
  let jobs: JobQueue;
  let verifier: ApplicationVerifier;
  let deps: ApplicationsDeps;
  let card: TestCard;
  let residentId: string;

  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
    jobs = createJobQueue(ctx.db, pino({ level: 'silent' }), allJobDefinitions(ctx.db));
    await jobs.start({ work: false });
    verifier = createDbApplicationVerifier(ctx.db, { workers: 0, refreshMs: 0 });
    deps = { db: ctx.db, jobs, verifier, certificateLinks: testCertificateLinks(ctx.db) };
    card = await testCard(ctx.db);
    // Signed in with this card: its signatures are the resident's own (R17).
    residentId = await residentWithCard(ctx.db, card);
  });
  after(async () => {
    await verifier.close();
    await jobs.stop();
  });

  async function draftFor(options: Parameters<typeof publishedServiceWithForm>[1] = {}, data: Record<string, unknown> = VALID_DATA) {
    const { serviceId } = await publishedServiceWithForm(ctx.db, options);
    return startDraft(deps, { residentId, serviceId, data });
  }

  const countApplications = async () => Number((await ctx.db.kysely.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  test('given a complete draft, when it is signed with the card and submitted, then it arrives with a database arrival time, a reference and a passed report', async () => {
    const draft = await draftFor({ attachments: [{ name: '本人確認書類', required: true, originalRequired: true }] });
    await uploadAttachment(deps, { residentId, draftId: draft.id, filename: 'license.pdf', requirement: '本人確認書類', bytes: pdfBytes('license') });
    const before = new Date();
    const { application, replayed } = await submitSigned(deps, card, residentId, draft.id);
    assert.equal(replayed, false);
    assert.match(application.reference, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.ok(new Date(application.arrivedAt).getTime() >= before.getTime() - 1000);
    assert.deepEqual(application.signature && [application.signature.indication, application.signature.flagged], ['TOTAL_PASSED', false]);
    assert.deepEqual(application.originalsToBring, ['本人確認書類']);
    const detail = await getMyApplication(deps, { residentId, applicationId: application.id });
    assert.deepEqual(detail.timeline.map((e) => e.kind), ['arrived']);
    assert.equal(detail.data.applicant && (detail.data.applicant as { name: string }).name, '試験　花子');
    const stored = await ctx.db.kysely.selectFrom('applications').select(['validation_report', 'signature', 'content']).where('id', '=', application.id).executeTakeFirstOrThrow();
    assert.equal((stored.validation_report as { indication: string }).indication, 'TOTAL_PASSED');
    // The signed bytes hold the attachment's digest (R4).
    assert.match(Buffer.from(stored.content).toString(), /"sha256":"[0-9a-f]{64}"/);
    assert.equal(await ctx.db.kysely.selectFrom('application_drafts').select('id').where('id', '=', draft.id).executeTakeFirst(), undefined);
  });

  test('given the database, an arrival\'s large values are compressed with LZ4 on PostgreSQL and with pglz on PGlite (built without LZ4)', async () => {
    const { rows } = await sql<{ attname: string; attcompression: string }>`
      SELECT attname, attcompression FROM pg_attribute
      WHERE attrelid = 'applications'::regclass AND attname IN ('data', 'content', 'signature', 'bundle_content', 'validation_report') ORDER BY attname`.execute(ctx.db.kysely);
    const expected = ctx.db.kind === 'postgres' ? 'l' : '';
    assert.deepEqual(rows.map((r) => [r.attname, r.attcompression]), ['bundle_content', 'content', 'data', 'signature', 'validation_report'].map((name) => [name, expected]));
  });

  test('given an arrived application, when anyone tries to change its arrival time, data or signature or delete it, then the database refuses; its status may move', async () => {
    const draft = await draftFor();
    const { application } = await submitSigned(deps, card, residentId, draft.id);
    const attempts = [
      sql`update applications set arrived_at = arrived_at - interval '1 day' where id = ${application.id}`,
      sql`update applications set data = '{"applicant":{"name":"改ざん"}}'::jsonb where id = ${application.id}`,
      sql`update applications set signature = '\\x00'::bytea where id = ${application.id}`,
      sql`update applications set reference = 'AAAA-AAAA-AAAA' where id = ${application.id}`,
      sql`delete from applications where id = ${application.id}`,
      sql`update application_events set message = 'x' where application_id = ${application.id}`,
    ];
    for (const attempt of attempts) await assert.rejects(attempt.execute(ctx.db.kysely), /never/);
    // Even an insert cannot choose its arrival time: the trigger stamps the database clock.
    // Its status moves, with its timeline event (issue 11 point 12).
    const moved = await moveApplicationStatus(ctx.db.kysely, { applicationId: application.id, from: ['arrived'], to: 'received', event: { kind: 'received', actorKind: 'staff', actorId: 'test' } });
    assert.equal(moved?.status, 'received');
    const after = await getMyApplication(deps, { residentId, applicationId: application.id });
    assert.equal(after.arrivedAt, application.arrivedAt);
  });

  test('given a signature over an earlier version of the draft, when submitted, then it is refused with the reason in Japanese and English and nothing is written', async () => {
    const draft = await draftFor();
    const payload = await getSigningPayload(deps, { residentId, draftId: draft.id });
    const signature = await signContent(card, payload.content);
    await saveDraft(deps, { residentId, draftId: draft.id, data: { applicant: { name: '別の名前' } } });
    const count = await countApplications();
    await assert.rejects(submitApplication(deps, { residentId, draftId: draft.id, method: 'signed', signature: { cms: signature } }), (error: Error & { code?: string; ja?: string; extra?: { subIndication?: string } }) => {
      assert.equal(error.code, 'applications.signature_invalid');
      assert.equal(error.extra?.subIndication, 'HASH_FAILURE');
      assert.match(error.message, /changed after signing/);
      assert.match(error.ja ?? '', /署名の後に/);
      return true;
    });
    assert.equal(await countApplications(), count);
    assert.ok(await ctx.db.kysely.selectFrom('application_drafts').select('id').where('id', '=', draft.id).executeTakeFirst());
  });

  test('given a card whose signature certificate was revoked, when it signs, then the application is refused (TOTAL_FAILED)', async () => {
    const revoked = await testCard(ctx.db);
    const serial = (await ctx.db.kysely.selectFrom('test_cards').select('signature_serial').where('id', '=', revoked.id).executeTakeFirstOrThrow()).signature_serial;
    await revokeTestCertificate({ store: createDbTestPkiStore(ctx.db), purpose: 'signature', serial, reason: 'keyCompromise' });
    const draft = await draftFor();
    await assert.rejects(submitSigned(deps, revoked, residentId, draft.id), (error: Error & { code?: string; extra?: { subIndication?: string } }) => {
      assert.equal(error.code, 'applications.signature_invalid');
      assert.equal(error.extra?.subIndication, 'REVOKED');
      return true;
    });
  });

  test('given revocation data that cannot be had, when a signed application arrives, then it is recorded, flagged, a re-verification job is queued with it, and the job later settles it', async () => {
    const authority = await ensureTestAuthority({ store: createDbTestPkiStore(ctx.db), purpose: 'signature' });
    // The same trust anchor, no CRL and an OCSP responder that does not answer: "revocation unreachable".
    const unreachable = createSignatureVerifier({
      purpose: 'signature',
      trustAnchors: [authority.certificate],
      workers: 0,
      ocsp: { transport: async () => Promise.reject(new Error('connection refused')) },
    });
    const offline: ApplicationsDeps = { ...deps, verifier: { verify: (input) => unreachable.verify(input), close: () => unreachable.close() } };
    const draft = await draftFor();
    const { application } = await submitSigned(offline, card, residentId, draft.id);
    assert.deepEqual(application.signature && [application.signature.indication, application.signature.flagged], ['INDETERMINATE', true]);
    const queued = await ctx.db.executeSql(`select data from pgboss.job where name = $1 and data->'payload'->>'applicationId' = $2`, [REVERIFY_JOB_NAME, application.id]);
    assert.equal(queued.rows.length, 1);

    // Still unreachable: the job fails, so the queue retries it; nothing changes meanwhile.
    await assert.rejects(reverifySignature({ db: ctx.db, verifier: offline.verifier }, { applicationId: application.id }), /still indeterminate/);
    // Revocation data is back: the signature is settled, as a timeline event.
    assert.equal(await reverifySignature({ db: ctx.db, verifier }, { applicationId: application.id }), 'TOTAL_PASSED');
    assert.equal(await reverifySignature({ db: ctx.db, verifier }, { applicationId: application.id }), 'TOTAL_PASSED');
    const detail = await getMyApplication(deps, { residentId, applicationId: application.id });
    assert.deepEqual(detail.signature && [detail.signature.indication, detail.signature.flagged], ['TOTAL_PASSED', false]);
    assert.deepEqual(detail.timeline.map((e) => e.kind), ['arrived', 'signature_reverified']);
    assert.equal(detail.arrivedAt, application.arrivedAt);
  });

  test('given a service that offers simple online application, when submitted without a signature, then it arrives as simple', async () => {
    const draft = await draftFor({ applyMethods: ['simple_online'] });
    const { application } = await submitApplication(deps, { residentId, draftId: draft.id, method: 'simple' });
    assert.deepEqual([application.method, application.signature, application.status], ['simple', null, 'arrived']);
  });

  test('given a My Number use procedure, or a service without simple online application, when submitted simply, then it is refused: a signature is required (R3)', async () => {
    for (const options of [{ procedureId: 'child-allowance.certification', applyMethods: ['signed_online', 'simple_online'] as const }, { applyMethods: ['signed_online'] as const }]) {
      const draft = await draftFor({ ...options, applyMethods: [...options.applyMethods] });
      assert.deepEqual(draft.methods, ['signed']);
      await assert.rejects(submitApplication(deps, { residentId, draftId: draft.id, method: 'simple' }), { code: 'applications.signature_required' });
    }
  });

  test('given incomplete answers or a missing required attachment, when submitted, then it is refused with what is wrong and nothing is written', async () => {
    const count = await countApplications();
    const incomplete = await draftFor({}, { applicant: {} });
    await assert.rejects(submitApplication(deps, { residentId, draftId: incomplete.id, method: 'simple' }), (error: Error & { code?: string; fields?: Array<{ field: string }> }) => {
      assert.equal(error.code, 'applications.invalid_data');
      assert.ok(error.fields?.some((f) => f.field.includes('name')), JSON.stringify(error.fields));
      return true;
    });
    const noAttachment = await draftFor({ attachments: [{ name: '就労証明書', required: true, originalRequired: false }] });
    await assert.rejects(submitApplication(deps, { residentId, draftId: noAttachment.id, method: 'simple' }), { code: 'applications.attachments_missing' });
    assert.equal(await countApplications(), count);
  });

  test('given an idempotency key, when the submission is retried, even many times at once, then there is one application and every answer is it', async () => {
    const draft = await draftFor();
    const payload = await getSigningPayload(deps, { residentId, draftId: draft.id });
    const signature = await signContent(card, payload.content);
    const submit = () => submitApplication(deps, { residentId, draftId: draft.id, method: 'signed', signature: { cms: signature }, idempotencyKey: `key-${draft.id}` });
    const results = await Promise.all(Array.from({ length: 6 }, submit));
    assert.equal(new Set(results.map((r) => r.application.id)).size, 1);
    assert.equal(results.filter((r) => !r.replayed).length, 1);
    const again = await submit();
    assert.deepEqual([again.replayed, again.application.id, again.application.arrivedAt], [true, results[0]!.application.id, results[0]!.application.arrivedAt]);
    const rows = await ctx.db.kysely.selectFrom('applications').select('id').where('draft_id', '=', draft.id).execute();
    assert.equal(rows.length, 1);
    const events = await ctx.db.kysely.selectFrom('application_events').select('id').where('application_id', '=', rows[0]!.id).execute();
    assert.equal(events.length, 1);
  });

  test('given no idempotency key, when the same draft is submitted twice at once, then it still arrives once; a key reused for another draft is a conflict', async () => {
    const draft = await draftFor();
    const results = await Promise.all([0, 1, 2].map(() => submitApplication(deps, { residentId, draftId: draft.id, method: 'simple' })));
    assert.equal(new Set(results.map((r) => r.application.id)).size, 1);
    const first = await draftFor();
    await submitApplication(deps, { residentId, draftId: first.id, method: 'simple', idempotencyKey: 'shared-key' });
    const second = await draftFor();
    await assert.rejects(submitApplication(deps, { residentId, draftId: second.id, method: 'simple', idempotencyKey: 'shared-key' }), { code: 'applications.idempotency_key_reused' });
  });

  test('given many drafts sent at the same moment, when they arrive, then they share one statement (group commit) yet each has its own reference, arrival, attachments and receipt', async () => {
    const drafts: Array<Awaited<ReturnType<typeof draftFor>>> = [];
    for (let i = 0; i < 8; i++) {
      const draft = await draftFor({ applyMethods: ['simple_online'], attachments: [{ name: '本人確認書類', required: false, originalRequired: false }] });
      if (i % 2 === 0) await uploadAttachment(deps, { residentId, draftId: draft.id, filename: `id-${i}.pdf`, requirement: '本人確認書類', bytes: pdfBytes(`group-${i}`) });
      drafts.push(draft);
    }
    const prepared = await Promise.all(drafts.map((d) => prepareDraft(deps, residentId, d.id)));
    const recorded = await Promise.all(
      prepared.map((p) => recordArrival(ctx.db.kysely, jobs, { prepared: p, residentId, method: 'simple', signature: null, report: null, signedBy: null, bundle: null, idempotencyKey: null })),
    );
    const ids = recorded.map((r) => r!.id);
    assert.equal(new Set(ids).size, 8);
    assert.equal(new Set(recorded.map((r) => r!.row.reference)).size, 8);
    recorded.forEach((r, i) => {
      assert.equal(r!.row.draft_id, drafts[i]!.id);
      assert.deepEqual(r!.attachments.map((a) => a.name), i % 2 === 0 ? [`id-${i}.pdf`] : []);
    });
    const rows = await sql<{ xmin: string; n: number }>`SELECT xmin::text AS xmin, count(*)::int AS n FROM applications WHERE id = ANY(${ids}::uuid[]) GROUP BY 1`.execute(ctx.db.kysely);
    assert.deepEqual(rows.rows.map((r) => r.n), [8], 'one transaction recorded all eight');
    const left = await ctx.db.kysely.selectFrom('application_drafts').select('id').where('id', 'in', drafts.map((d) => d.id)).execute();
    assert.deepEqual(left, []);
  });

  test('given one application of a group that the database refuses, when they arrive together, then the others are recorded and only that one fails', async () => {
    const drafts: Array<Awaited<ReturnType<typeof draftFor>>> = [];
    for (let i = 0; i < 5; i++) drafts.push(await draftFor({ applyMethods: ['simple_online'] }));
    const prepared = await Promise.all(drafts.map((d) => prepareDraft(deps, residentId, d.id)));
    prepared[2] = { ...prepared[2]!, municipalityCode: '999999' }; // no such municipality: a foreign key refuses it
    const outcomes = await Promise.allSettled(
      prepared.map((p) => recordArrival(ctx.db.kysely, jobs, { prepared: p, residentId, method: 'simple', signature: null, report: null, signedBy: null, bundle: null, idempotencyKey: null })),
    );
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const arrived = await ctx.db.kysely.selectFrom('applications').select('draft_id').where('draft_id', 'in', drafts.map((d) => d.id)).execute();
    assert.deepEqual(new Set(arrived.map((a) => a.draft_id)), new Set([0, 1, 3, 4].map((i) => drafts[i]!.id)));
    const left = await ctx.db.kysely.selectFrom('application_drafts').select('id').where('id', 'in', drafts.map((d) => d.id)).execute();
    assert.deepEqual(left.map((d) => d.id), [drafts[2]!.id]);
  });
});

describeOnDatabases('who signs: the signed-in resident’s own card, or a registered proxy (R17)', (ctx) => {
  let verifier: ApplicationVerifier;
  let deps: ApplicationsDeps;
  let own: TestCard;
  let other: TestCard;
  let residentId: string;

  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
    verifier = createDbApplicationVerifier(ctx.db, { workers: 0, refreshMs: 0 });
    deps = { db: ctx.db, jobs: NO_JOBS, verifier, certificateLinks: testCertificateLinks(ctx.db) };
    own = await testCard(ctx.db, { name: '本人　花子' });
    other = await testCard(ctx.db, { name: '別人　次郎', sex: 'male', dateOfBirth: '1980-04-05', address: '神奈川県横浜市中区港町一丁目1番地' });
    residentId = await residentWithCard(ctx.db, own);
  });
  after(() => verifier.close());

  async function draftFor(account = residentId, options: Parameters<typeof publishedServiceWithForm>[1] = {}) {
    const { serviceId } = await publishedServiceWithForm(ctx.db, options);
    return startDraft(deps, { residentId: account, serviceId, data: VALID_DATA });
  }
  const signedByOf = async (id: string) => (await ctx.db.kysely.selectFrom('applications').select('signed_by').where('id', '=', id).executeTakeFirstOrThrow()).signed_by;
  const countOf = async (account: string) => Number((await ctx.db.kysely.selectFrom('applications').select((eb) => eb.fn.countAll().as('n')).where('resident_id', '=', account).executeTakeFirstOrThrow()).n);

  test('given a resident signed in with their card, when they sign with the same card, then the application arrives marked as their own signature', async () => {
    const draft = await draftFor();
    const { application } = await submitSigned(deps, own, residentId, draft.id);
    assert.equal(await signedByOf(application.id), 'own');
    const event = await ctx.db.kysely.selectFrom('application_events').select('details').where('application_id', '=', application.id).executeTakeFirstOrThrow();
    assert.equal(event.details.signedBy, 'own');
  });

  test('given another resident’s card and PIN, when it signs the signed-in resident’s draft, then it is refused with the reason in Japanese and English and nothing is written', async () => {
    const draft = await draftFor();
    const before = await countOf(residentId);
    await assert.rejects(submitSigned(deps, other, residentId, draft.id), (error: AppError) => {
      assert.equal(error.code, 'applications.signer_not_account_holder');
      assert.equal(error.status, 403);
      assert.equal(error.extra.link, 'not_linked');
      assert.match(error.message, /card other than the one you signed in with/);
      assert.match(error.ja, /ログインしたカードとは別のカード/);
      return true;
    });
    assert.equal(await countOf(residentId), before);
    assert.ok(await ctx.db.kysely.selectFrom('application_drafts').select('id').where('id', '=', draft.id).executeTakeFirst(), 'the draft is still there');
  });

  test('given an account that has not kept its login certificate (opened before), when a signed draft is submitted, then it is refused and the resident is asked to sign in again', async () => {
    const old = (await ctx.db.kysely.insertInto('residents').values({ certificate_id: `old-${Date.now()}`, home_municipality_code: '131130' }).returning('id').executeTakeFirstOrThrow()).id;
    const draft = await draftFor(old);
    await assert.rejects(submitSigned(deps, own, old, draft.id), (error: AppError) => {
      assert.deepEqual([error.code, error.extra.link], ['applications.signer_not_account_holder', 'no_login_certificate']);
      assert.match(error.message, /sign in again/);
      return true;
    });
  });

  test('given a registered proxy (by their account, or by their signature certificate’s subject), when the proxy signs, then the application arrives marked as a proxy signature', async () => {
    const proxyAccount = await residentWithCard(ctx.db, other);
    await assert.rejects(submitSigned(deps, other, residentId, (await draftFor()).id), { code: 'applications.signer_not_account_holder' });
    assert.deepEqual(await registerResidentProxy({ db: ctx.db }, { residentId, proxyResidentId: proxyAccount, registeredBy: 'test' }), { id: (await ctx.db.kysely.selectFrom('resident_proxies').select('id').where('resident_id', '=', residentId).executeTakeFirstOrThrow()).id, created: true });
    const byAccount = await submitSigned(deps, other, residentId, (await draftFor()).id);
    assert.equal(await signedByOf(byAccount.application.id), 'proxy');

    const representative = await testCard(ctx.db, { name: '代理　三郎' });
    await assert.rejects(submitSigned(deps, representative, residentId, (await draftFor()).id), { code: 'applications.signer_not_account_holder' });
    await registerResidentProxy({ db: ctx.db }, { residentId, proxySubject: certificateSubjectOf(await representative.signature.readCertificate()), registeredBy: 'test' });
    const bySubject = await submitSigned(deps, representative, residentId, (await draftFor()).id);
    assert.equal(await signedByOf(bySubject.application.id), 'proxy');
    // A proxy for one account is no one else's proxy.
    const stranger = await residentWithCard(ctx.db, await testCard(ctx.db));
    await assert.rejects(submitSigned(deps, representative, stranger, (await draftFor(stranger)).id), { code: 'applications.signer_not_account_holder' });
  });

  test('given a proxy’s signature, when the account starts a new draft, then the proxy’s basic four items do not prefill it; the account holder’s own signature does', async () => {
    const ownCard = await testCard(ctx.db, { name: '持主　一郎' });
    const account = await residentWithCard(ctx.db, ownCard);
    const proxyCard = await testCard(ctx.db, { name: '代筆　四郎' });
    await registerResidentProxy({ db: ctx.db }, { residentId: account, proxySubject: certificateSubjectOf(await proxyCard.signature.readCertificate()), registeredBy: 'test' });
    await submitSigned(deps, proxyCard, account, (await draftFor(account)).id);
    assert.equal((await loadKnownData(deps, account)).basic4, undefined, 'the proxy’s name is not the account’s');
    await submitSigned(deps, ownCard, account, (await draftFor(account)).id);
    assert.equal((await loadKnownData(deps, account)).basic4?.name, '持主　一郎');
  });
});
