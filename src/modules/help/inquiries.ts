// Operation inquiries (§3.10, seed 000 §3.5 E-1 ハ): a resident asks how to use the platform; the
// inquiry goes to the municipality concerned or to the national helpdesk, whose staff assign it,
// reply and close it. Every change is one transaction with its help_inquiry_history row, inside the
// desk's scope, so row-level security keeps each desk to its own inquiries: the text and contact
// address are personal data that only the handling staff see.
//
// E-mail is not delivered by the platform yet: a reply to an inquiry with a contact address is
// recorded in help_outbox, and the pages say plainly that it is not sent.
import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/tables.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { getMyApplication } from '../applications/index.ts';
import { assigneeUnknown, inquiryClosed, inquiryNotFound, invalidInquiry, invalidReply, problem } from './errors.ts';
import { TOPIC_KEYS } from './national-faq.ts';
import {
  countOutbox,
  findInquiry,
  findInquiryOfResident,
  insertInquiry,
  insertMessage,
  insertOutbox,
  listDeskStaff,
  listInquiriesOfResident,
  listInquiryHistory,
  listMessages,
  listQueue,
  municipalityExists,
  municipalityNames,
  updateInquiry,
  type InquiryRow,
  type QueueItem,
} from './repository.ts';
import type { InquiryStatus } from './tables.ts';

/** Where inquiries are handled: a municipality's staff, or (null) the national helpdesk. */
export type Desk = string | null;

/** A member of staff at a desk. */
export interface DeskActor {
  desk: Desk;
  staffId: string;
}

type Trx = Transaction<Database>;

function inDesk<T>(db: Db, desk: Desk, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return withScope(db.kysely, desk === null ? { kind: 'national' } : { kind: 'municipality', municipalityCode: desk }, fn);
}

// --- sending (residents and visitors) ------------------------------------------------------------------

export interface InquiryInput {
  topic?: string;
  subject?: string;
  body?: string;
  email?: string;
  /** A municipality to ask (otherwise the national helpdesk). */
  municipalityCode?: string;
  /** One of the resident's own applications: the inquiry goes to its municipality. */
  applicationId?: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
const MUNICIPALITY_CODE = /^[0-9]{6}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const INQUIRY_LIMITS = { subject: 200, body: 4000, email: 254, reply: 4000 };

interface CheckedInquiry {
  topic: string;
  subject: string;
  body: string;
  email: string | null;
  municipalityCode: string | null;
  applicationId: string | null;
}

function checkInquiry(input: InquiryInput, signedIn: boolean): CheckedInquiry {
  const fields: FieldProblem[] = [];
  const text = (v: string | undefined) => (v ?? '').replace(/\r\n/g, '\n').trim();
  const topic = text(input.topic) || 'other';
  const subject = text(input.subject);
  const body = text(input.body);
  const email = text(input.email);
  const municipalityCode = text(input.municipalityCode);
  const applicationId = text(input.applicationId);
  if (!(TOPIC_KEYS as string[]).includes(topic)) fields.push(problem('topic', 'enum', '分類を選んでください', 'choose a topic'));
  if (!subject) fields.push(problem('subject', 'required', '件名を入力してください', 'enter a subject'));
  else if ([...subject].length > INQUIRY_LIMITS.subject) fields.push(problem('subject', 'maxLength', `件名は${INQUIRY_LIMITS.subject}文字以内で入力してください`, `the subject must be at most ${INQUIRY_LIMITS.subject} characters`));
  if (!body) fields.push(problem('body', 'required', 'お問い合わせの内容を入力してください', 'enter your question'));
  else if ([...body].length > INQUIRY_LIMITS.body) fields.push(problem('body', 'maxLength', `内容は${INQUIRY_LIMITS.body}文字以内で入力してください`, `the question must be at most ${INQUIRY_LIMITS.body} characters`));
  if (email && (email.length > INQUIRY_LIMITS.email || !EMAIL.test(email))) fields.push(problem('email', 'format', 'メールアドレスの形式が正しくありません', 'enter a valid e-mail address'));
  if (!signedIn && !email) fields.push(problem('email', 'required', 'ログインしていない場合は、連絡先のメールアドレスを入力してください', 'enter an e-mail address to contact you, as you are not signed in'));
  if (municipalityCode && !MUNICIPALITY_CODE.test(municipalityCode)) fields.push(problem('municipalityCode', 'pattern', '市区町村を選び直してください', 'choose the municipality again'));
  if (applicationId && !signedIn) fields.push(problem('applicationId', 'forbidden', '申請についてのお問い合わせは、ログインしてから送ってください', 'sign in to ask about one of your applications'));
  else if (applicationId && !UUID.test(applicationId)) fields.push(problem('applicationId', 'format', '申請を選び直してください', 'choose the application again'));
  if (fields.length > 0) throw invalidInquiry(fields);
  return { topic, subject, body, email: email || null, municipalityCode: municipalityCode || null, applicationId: applicationId ? applicationId.toLowerCase() : null };
}

function newReference(): string {
  // 8 digits after the prefix: short enough to read out on the phone; the unique index is the guard.
  return `HQ-${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export interface SentInquiry {
  id: string;
  reference: string;
  /** Where it went: a municipality's code, or null for the national helpdesk. */
  municipalityCode: string | null;
}

export async function submitInquiry(deps: { db: Db }, input: { residentId: string | null; inquiry: InquiryInput }): Promise<SentInquiry> {
  const checked = checkInquiry(input.inquiry, input.residentId !== null);
  let desk: Desk = checked.municipalityCode;
  if (checked.applicationId) {
    // Only about the resident's own application (applications answers 404 for any other), and to its municipality.
    const application = await getMyApplication(deps, { residentId: input.residentId!, applicationId: checked.applicationId });
    desk = application.municipalityCode;
  } else if (desk !== null && !(await municipalityExists(deps.db.kysely, desk))) {
    throw invalidInquiry([problem('municipalityCode', 'exists', 'その市区町村はありません', 'there is no such municipality')]);
  }
  const row = await inDesk(deps.db, desk, (trx) =>
    insertInquiry(trx, {
      reference: newReference(),
      municipality_code: desk,
      resident_id: input.residentId,
      application_id: checked.applicationId,
      topic: checked.topic,
      subject: checked.subject,
      body: checked.body,
      contact_email: checked.email,
    }),
  );
  return { id: row.id, reference: row.reference, municipalityCode: row.municipality_code };
}

// --- the resident's own --------------------------------------------------------------------------------

export interface MyInquiry {
  id: string;
  reference: string;
  topic: string;
  subject: string | null;
  status: InquiryStatus;
  desk: { municipalityCode: string | null; name: string | null };
  createdAt: string;
  firstRepliedAt: string | null;
  closedAt: string | null;
}

export async function listMyInquiries(deps: { db: Db }, residentId: string): Promise<MyInquiry[]> {
  const rows = await listInquiriesOfResident(deps.db.kysely, residentId);
  const names = await municipalityNames(deps.db.kysely, [...new Set(rows.flatMap((r) => (r.municipalityCode ? [r.municipalityCode] : [])))]);
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    topic: r.topic,
    subject: r.subject,
    status: r.status,
    desk: { municipalityCode: r.municipalityCode, name: r.municipalityCode ? (names.get(r.municipalityCode) ?? null) : null },
    createdAt: r.createdAt.toISOString(),
    firstRepliedAt: r.firstRepliedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
  }));
}

export interface InquiryMessage {
  author: 'resident' | 'staff';
  staffName: string | null;
  body: string | null;
  createdAt: string;
}

export interface MyInquiryDetail extends MyInquiry {
  body: string | null;
  applicationId: string | null;
  messages: InquiryMessage[];
}

export async function getMyInquiry(deps: { db: Db }, residentId: string, id: string): Promise<MyInquiryDetail> {
  if (!UUID.test(id)) throw inquiryNotFound();
  const row = await findInquiryOfResident(deps.db.kysely, residentId, id.toLowerCase());
  if (!row) throw inquiryNotFound();
  const names = await municipalityNames(deps.db.kysely, row.municipality_code ? [row.municipality_code] : []);
  // Residents see the reply, not which member of staff wrote it.
  const messages = (await listMessages(deps.db.kysely, row.id)).map((m) => ({ author: m.author, staffName: null, body: m.body, createdAt: m.createdAt.toISOString() }));
  return {
    ...summaryOf(row, names.get(row.municipality_code ?? '') ?? null),
    body: row.body,
    applicationId: row.application_id,
    messages,
  };
}

function summaryOf(row: InquiryRow, deskName: string | null): MyInquiry {
  return {
    id: row.id,
    reference: row.reference,
    topic: row.topic,
    subject: row.subject,
    status: row.status,
    desk: { municipalityCode: row.municipality_code, name: deskName },
    createdAt: row.created_at.toISOString(),
    firstRepliedAt: row.first_replied_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
  };
}

// --- the desk (staff) ----------------------------------------------------------------------------------

/**
 * The desk's staff: a municipality's are read inside its scope (row-level security on staff_users);
 * the national administrators, whom no scope shows, as platform work before the desk's transaction
 * opens (the embedded database has one session: no second query may wait inside a transaction).
 */
async function nationalStaffOf(db: Db, desk: Desk): Promise<Array<{ id: string; displayName: string }> | null> {
  return desk === null ? listDeskStaff(db.kysely, null) : null;
}

async function deskStaff(national: Array<{ id: string; displayName: string }> | null, desk: Desk, trx: Trx): Promise<Array<{ id: string; displayName: string }>> {
  return national ?? listDeskStaff(trx, desk);
}

export interface QueueView extends Omit<QueueItem, 'createdAt' | 'firstRepliedAt' | 'closedAt'> {
  createdAt: string;
  firstRepliedAt: string | null;
  closedAt: string | null;
}

export async function listDeskQueue(deps: { db: Db }, actor: DeskActor, options: { status?: InquiryStatus } = {}): Promise<QueueView[]> {
  const national = await nationalStaffOf(deps.db, actor.desk);
  return inDesk(deps.db, actor.desk, async (trx) => {
    const items = await listQueue(trx, actor.desk, { ...(options.status ? { status: options.status } : {}), limit: 500 });
    const names = new Map((await deskStaff(national, actor.desk, trx)).map((s) => [s.id, s.displayName]));
    return items.map((i) => ({
      ...i,
      assigneeName: i.assignedTo ? (names.get(i.assignedTo) ?? i.assigneeName) : null,
      createdAt: i.createdAt.toISOString(),
      firstRepliedAt: i.firstRepliedAt?.toISOString() ?? null,
      closedAt: i.closedAt?.toISOString() ?? null,
    }));
  });
}

export interface DeskInquiry extends MyInquiryDetail {
  contactEmail: string | null;
  signedIn: boolean;
  assignedTo: string | null;
  erasedAt: string | null;
  revision: number;
  staff: Array<{ id: string; displayName: string }>;
  history: Array<{ change: string; revision: number; staffName: string | null; changedAt: string }>;
  /** E-mails recorded for the resident (not delivered: the platform has no mail connection yet). */
  outbox: number;
}

async function deskRow(trx: Trx, actor: DeskActor, id: string, forUpdate: boolean): Promise<InquiryRow> {
  if (!UUID.test(id)) throw inquiryNotFound();
  const row = await findInquiry(trx, id.toLowerCase(), { forUpdate });
  // Row-level security already hides other desks' inquiries; the national desk also checks its own.
  if (!row || row.municipality_code !== actor.desk) throw inquiryNotFound();
  return row;
}

export async function getDeskInquiry(deps: { db: Db }, actor: DeskActor, id: string): Promise<DeskInquiry> {
  const national = await nationalStaffOf(deps.db, actor.desk);
  return inDesk(deps.db, actor.desk, async (trx) => {
    const row = await deskRow(trx, actor, id, false);
    const staff = await deskStaff(national, actor.desk, trx);
    const names = new Map(staff.map((s) => [s.id, s.displayName]));
    const nameOf = (staffId: string | null, joined: string | null) => joined ?? (staffId ? (names.get(staffId) ?? null) : null);
    const messages = (await listMessages(trx, row.id)).map((m) => ({ author: m.author, staffName: nameOf(m.staffId, m.staffName), body: m.body, createdAt: m.createdAt.toISOString() }));
    const history = await listInquiryHistory(trx, row.id);
    const deskName = row.municipality_code ? ((await municipalityNames(trx, [row.municipality_code])).get(row.municipality_code) ?? null) : null;
    return {
      ...summaryOf(row, deskName),
      body: row.body,
      applicationId: row.application_id,
      messages,
      contactEmail: row.contact_email,
      signedIn: row.resident_id !== null,
      assignedTo: row.assigned_to,
      erasedAt: row.erased_at?.toISOString() ?? null,
      revision: row.revision,
      staff,
      history: history.map((h) => ({ change: h.change, revision: h.revision, staffName: nameOf(h.staffId, h.staffName), changedAt: h.changedAt.toISOString() })),
      outbox: await countOutbox(trx, row.id),
    };
  });
}

export async function assignInquiry(deps: { db: Db }, actor: DeskActor, id: string, assigneeId: string): Promise<void> {
  const national = await nationalStaffOf(deps.db, actor.desk);
  await inDesk(deps.db, actor.desk, async (trx) => {
    const row = await deskRow(trx, actor, id, true);
    if (row.status === 'closed') throw inquiryClosed();
    const staff = await deskStaff(national, actor.desk, trx);
    if (!UUID.test(assigneeId) || !staff.some((s) => s.id === assigneeId.toLowerCase())) throw assigneeUnknown();
    if (row.assigned_to === assigneeId.toLowerCase()) return;
    await updateInquiry(trx, row, { assigned_to: assigneeId.toLowerCase() }, { change: 'assigned', staffId: actor.staffId, details: { assignee: assigneeId.toLowerCase() } });
  });
}

export interface ReplyResult {
  /** Whether an e-mail was recorded for the resident's contact address (not delivered yet). */
  emailRecorded: boolean;
}

export async function replyToInquiry(deps: { db: Db }, actor: DeskActor, id: string, input: { body?: string }): Promise<ReplyResult> {
  const body = (input.body ?? '').replace(/\r\n/g, '\n').trim();
  if (!body) throw invalidReply([problem('body', 'required', '回答を入力してください', 'enter the reply')]);
  if ([...body].length > INQUIRY_LIMITS.reply) throw invalidReply([problem('body', 'maxLength', `回答は${INQUIRY_LIMITS.reply}文字以内で入力してください`, `the reply must be at most ${INQUIRY_LIMITS.reply} characters`)]);
  return inDesk(deps.db, actor.desk, async (trx) => {
    const row = await deskRow(trx, actor, id, true);
    if (row.status === 'closed') throw inquiryClosed();
    await insertMessage(trx, row, { author: 'staff', staffId: actor.staffId, body });
    const moved = await updateInquiry(
      trx,
      row,
      { status: 'answered', first_replied_at: 'now', ...(row.assigned_to ? {} : { assigned_to: actor.staffId }) },
      { change: 'replied', staffId: actor.staffId },
    );
    if (moved.contact_email) {
      await insertOutbox(trx, moved, {
        to: moved.contact_email,
        subject: `【子育てワンストップ】お問い合わせへの回答（${moved.reference}）/ Answer to your inquiry`,
        body: `${body}\n\n受付番号 / Reference: ${moved.reference}`,
      });
    }
    return { emailRecorded: moved.contact_email !== null };
  });
}

export async function closeInquiry(deps: { db: Db }, actor: DeskActor, id: string): Promise<void> {
  await inDesk(deps.db, actor.desk, async (trx) => {
    const row = await deskRow(trx, actor, id, true);
    if (row.status === 'closed') return;
    await updateInquiry(trx, row, { status: 'closed', closed_at: 'now' }, { change: 'closed', staffId: actor.staffId });
  });
}
