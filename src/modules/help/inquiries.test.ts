// Operation inquiries: who may send what and where it goes; each desk sees only its own (R15) and the
// national helpdesk none of a municipality's; assign, reply (shown to the resident, an e-mail
// recorded in the outbox for a contact address), close, each with its history row; response times
// per desk; and the retention job that erases the personal data and keeps the timings.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { isAppError } from '../../platform/errors.ts';
import { ensureReferenceData } from '../../bootstrap.ts';
import { arrivedApplication } from '../applications/testing.ts';
import { signedInResident, signedInStaff } from '../identity/testing.ts';
import { assignInquiry, closeInquiry, getDeskInquiry, getMyInquiry, listDeskQueue, listMyInquiries, replyToInquiry, submitInquiry, type DeskActor } from './inquiries.ts';
import { eraseExpiredInquiries } from './jobs/erase-inquiries.ts';
import { responseTimeReport } from './response-times.ts';

const A = '131130'; // 渋谷区
const B = '141003'; // 横浜市
const code = (error: unknown) => (isAppError(error) ? error.code : String(error));
const QUESTION = { topic: 'login', subject: 'ログインできません', body: 'カードを読み取れません。山田太郎' };

/** Moves an inquiry's clock back (a test's own change, with a history row so the guard lets it commit). */
async function backdate(db: Db, id: string, seconds: number): Promise<void> {
  await db.kysely.transaction().execute(async (trx) => {
    await sql`update help_inquiries set created_at = created_at - make_interval(secs => ${seconds}) where id = ${id}`.execute(trx);
    await sql`insert into help_inquiry_history (inquiry_id, municipality_code, change, revision, details)
              select id, municipality_code, 'received', revision, '{"test":"backdated"}' from help_inquiries where id = ${id}`.execute(trx);
  });
}

describeOnDatabases('help: operation inquiries', (ctx) => {
  let deskA: DeskActor;
  let colleagueA: string;
  let deskB: DeskActor;
  let national: DeskActor;
  before(async () => {
    await ensureReferenceData(ctx.db);
    deskA = { desk: A, staffId: (await signedInStaff(ctx.db, { municipalityCode: A, roles: ['application_handler'] })).id };
    colleagueA = (await signedInStaff(ctx.db, { municipalityCode: A, roles: ['viewer'] })).id;
    deskB = { desk: B, staffId: (await signedInStaff(ctx.db, { municipalityCode: B, roles: ['viewer'] })).id };
    national = { desk: null, staffId: (await signedInStaff(ctx.db, { roles: ['national_admin'] })).id };
  });

  test('given a visitor who is not signed in, then an inquiry needs a contact address, and without a municipality it goes to the national helpdesk', async () => {
    await assert.rejects(submitInquiry(ctx, { residentId: null, inquiry: QUESTION }), (e) => {
      assert.equal(code(e), 'help.invalid_inquiry');
      assert.deepEqual((e as { fields: Array<{ field: string }> }).fields.map((f) => f.field), ['email']);
      return true;
    });
    await assert.rejects(submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 'not-an-address' } }), (e) => code(e) === 'help.invalid_inquiry');
    await assert.rejects(submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 'a@example.jp', municipalityCode: '999999' } }), (e) => code(e) === 'help.invalid_inquiry');
    const sent = await submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 'visitor@example.jp' } });
    assert.match(sent.reference, /^HQ-[0-9]{8}$/);
    assert.equal(sent.municipalityCode, null);
    assert.ok((await listDeskQueue(ctx, national)).some((i) => i.id === sent.id));
    assert.ok(!(await listDeskQueue(ctx, deskA)).some((i) => i.id === sent.id), 'a municipality never sees the national desk’s');
    await assert.rejects(getDeskInquiry(ctx, deskA, sent.id), (e) => code(e) === 'help.inquiry_not_found');
  });

  test("given a resident's own application, then the inquiry goes to its municipality; someone else's application is refused", async () => {
    const resident = await signedInResident(ctx.db, { homeMunicipalityCode: A });
    const own = await arrivedApplication(ctx, { municipalityCode: B, residentId: resident.id });
    const other = await arrivedApplication(ctx, { municipalityCode: B });
    const sent = await submitInquiry(ctx, { residentId: resident.id, inquiry: { ...QUESTION, applicationId: own.applicationId, municipalityCode: A } });
    assert.equal(sent.municipalityCode, B, 'the application’s municipality, not the one chosen');
    await assert.rejects(submitInquiry(ctx, { residentId: resident.id, inquiry: { ...QUESTION, applicationId: other.applicationId } }), (e) => code(e) === 'applications.not_found');
    await assert.rejects(submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 'a@example.jp', applicationId: own.applicationId } }), (e) => code(e) === 'help.invalid_inquiry');
    assert.equal((await getDeskInquiry(ctx, deskB, sent.id)).applicationId, own.applicationId);
  });

  test("given inquiries to two municipalities, then each desk's staff see only their own, and the national side none of them", async () => {
    const toA = await submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 'a@example.jp', municipalityCode: A } });
    const toB = await submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 'b@example.jp', municipalityCode: B } });
    const queueA = (await listDeskQueue(ctx, deskA)).map((i) => i.id);
    assert.ok(queueA.includes(toA.id) && !queueA.includes(toB.id));
    assert.ok(!(await listDeskQueue(ctx, national)).some((i) => i.id === toA.id || i.id === toB.id));
    await assert.rejects(getDeskInquiry(ctx, deskB, toA.id), (e) => code(e) === 'help.inquiry_not_found');
    await assert.rejects(getDeskInquiry(ctx, national, toA.id), (e) => code(e) === 'help.inquiry_not_found');
    await assert.rejects(replyToInquiry(ctx, deskB, toA.id, { body: '回答' }), (e) => code(e) === 'help.inquiry_not_found');
    await assert.rejects(closeInquiry(ctx, deskB, toA.id), (e) => code(e) === 'help.inquiry_not_found');
    // The database itself keeps them apart: B's scope reads no row of A's.
    const seen = await ctx.db.kysely.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'onestop_tenant', true), set_config('app.scope', 'municipality', true), set_config('app.municipality_code', ${B}, true)`.execute(trx);
      return (await sql<{ n: number }>`select count(*)::int as n from help_inquiries where id = ${toA.id}`.execute(trx)).rows[0]!.n;
    });
    assert.equal(seen, 0);
  });

  test('given a signed-in resident, when staff assign, reply and close, then the resident reads the reply and every step has its history row', async () => {
    const resident = await signedInResident(ctx.db, { homeMunicipalityCode: A });
    const sent = await submitInquiry(ctx, { residentId: resident.id, inquiry: { ...QUESTION, municipalityCode: A } });
    await assert.rejects(assignInquiry(ctx, deskA, sent.id, deskB.staffId), (e) => code(e) === 'help.assignee_unknown');
    await assignInquiry(ctx, deskA, sent.id, colleagueA);
    assert.equal((await listDeskQueue(ctx, deskA)).find((i) => i.id === sent.id)?.assignedTo, colleagueA);
    await assert.rejects(replyToInquiry(ctx, deskA, sent.id, { body: '  ' }), (e) => code(e) === 'help.invalid_reply');
    const { emailRecorded } = await replyToInquiry(ctx, deskA, sent.id, { body: 'カードリーダーを接続し直してください。' });
    assert.equal(emailRecorded, false, 'a signed-in resident reads the reply in the folder');
    const mine = await getMyInquiry(ctx, resident.id, sent.id);
    assert.equal(mine.status, 'answered');
    assert.deepEqual(mine.messages.map((m) => [m.author, m.body, m.staffName]), [['staff', 'カードリーダーを接続し直してください。', null]]);
    assert.ok((await listMyInquiries(ctx, resident.id)).some((i) => i.id === sent.id));
    const stranger = await signedInResident(ctx.db);
    await assert.rejects(getMyInquiry(ctx, stranger.id, sent.id), (e) => code(e) === 'help.inquiry_not_found');
    await closeInquiry(ctx, deskA, sent.id);
    await assert.rejects(replyToInquiry(ctx, deskA, sent.id, { body: 'もう一度' }), (e) => code(e) === 'help.inquiry_closed');
    const view = await getDeskInquiry(ctx, deskA, sent.id);
    assert.deepEqual(view.history.map((h) => [h.revision, h.change]), [[1, 'received'], [2, 'assigned'], [3, 'replied'], [4, 'closed']]);
    assert.equal(view.outbox, 0);
    assert.ok(view.firstRepliedAt && view.closedAt);
  });

  test('given a visitor with a contact address, when staff reply, then the e-mail is recorded in the outbox, not sent', async () => {
    const sent = await submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 'visitor@example.jp', municipalityCode: A } });
    const { emailRecorded } = await replyToInquiry(ctx, deskA, sent.id, { body: '窓口へお越しください。' });
    assert.equal(emailRecorded, true);
    const outbox = await ctx.db.kysely.selectFrom('help_outbox').selectAll().where('inquiry_id', '=', sent.id).execute();
    assert.equal(outbox.length, 1);
    assert.equal(outbox[0]!.to_address, 'visitor@example.jp');
    assert.match(outbox[0]!.body!, /窓口へお越しください。/);
    assert.equal(outbox[0]!.sent_at, null);
    // The replying member of staff took it.
    assert.equal((await getDeskInquiry(ctx, deskA, sent.id)).assignedTo, deskA.staffId);
  });

  test('given a writer that bypasses the repository, when it changes an inquiry without a history row, then the commit is refused', async () => {
    const sent = await submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 'x@example.jp' } });
    await assert.rejects(sql`update help_inquiries set status = 'closed', revision = revision + 1 where id = ${sent.id}`.execute(ctx.db.kysely), /without its history row/);
  });

  test('given replied and closed inquiries, then the national side sees the median and 90th percentile per desk', async () => {
    // A municipality of its own for exact figures: 札幌市 (011002).
    const desk: DeskActor = { desk: '011002', staffId: (await signedInStaff(ctx.db, { municipalityCode: '011002', roles: ['viewer'] })).id };
    for (const hours of [1, 2, 3, 4, 10]) {
      const sent = await submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 's@example.jp', municipalityCode: '011002' } });
      await backdate(ctx.db, sent.id, hours * 3600);
      await replyToInquiry(ctx, desk, sent.id, { body: '回答' });
      await closeInquiry(ctx, desk, sent.id);
    }
    await submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 's@example.jp', municipalityCode: '011002' } });
    const { rows } = await responseTimeReport(ctx, { days: 30 });
    const sapporo = rows.find((r) => r.municipalityCode === '011002')!;
    assert.equal(sapporo.name, '北海道 札幌市');
    assert.deepEqual([sapporo.received, sapporo.replied, sapporo.closed], [6, 5, 5]);
    const hoursOf = (s: number | null) => Math.round((s ?? NaN) / 360) / 10;
    assert.equal(hoursOf(sapporo.firstReplyMedian), 3);
    // percentile_cont: 4 + 0.6 × (10 − 4) = 7.6 hours.
    assert.equal(hoursOf(sapporo.firstReplyP90), 7.6);
    assert.equal(hoursOf(sapporo.closeMedian), 3);
    assert.ok(rows.some((r) => r.municipalityCode === null), 'the national helpdesk has its row');
  });

  test('given the retention period, then the job erases the text and contact of inquiries closed longer ago and keeps their timings', async () => {
    const resident = await signedInResident(ctx.db);
    const old = await submitInquiry(ctx, { residentId: resident.id, inquiry: { ...QUESTION, email: 'old@example.jp', municipalityCode: A } });
    await replyToInquiry(ctx, deskA, old.id, { body: '山田さんへの回答' });
    await closeInquiry(ctx, deskA, old.id);
    const open = await submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 'open@example.jp', municipalityCode: A } });
    const recent = await submitInquiry(ctx, { residentId: null, inquiry: { ...QUESTION, email: 'recent@example.jp', municipalityCode: A } });
    await closeInquiry(ctx, deskA, recent.id);

    // Nothing is old enough yet.
    assert.equal(await eraseExpiredInquiries(ctx.db, 365), 0);
    // A year and a day later, the closed ones are past a 365-day period; the open one stays.
    const later = new Date(Date.now() + 366 * 24 * 3600 * 1000);
    const erased = await eraseExpiredInquiries(ctx.db, 365, later);
    assert.ok(erased >= 2);
    const view = await getDeskInquiry(ctx, deskA, old.id);
    assert.deepEqual([view.subject, view.body, view.contactEmail], [null, null, null]);
    assert.deepEqual(view.messages.map((m) => m.body), [null]);
    assert.ok(view.erasedAt && view.firstRepliedAt && view.closedAt, 'timings stay');
    assert.equal(view.history.at(-1)?.change, 'erased');
    const outbox = await ctx.db.kysely.selectFrom('help_outbox').select(['to_address', 'body']).where('inquiry_id', '=', old.id).execute();
    assert.deepEqual(outbox, [{ to_address: null, body: null }]);
    assert.equal((await getMyInquiry(ctx, resident.id, old.id)).body, null);
    assert.equal((await getDeskInquiry(ctx, deskA, open.id)).body, QUESTION.body, 'an open inquiry is kept');
    assert.equal((await getDeskInquiry(ctx, deskA, recent.id)).body, null);
    // Running again erases nothing more.
    assert.equal(await eraseExpiredInquiries(ctx.db, 365, later), 0);
  });
});
