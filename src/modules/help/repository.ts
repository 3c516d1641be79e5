// The help module's only SQL. FAQ editors and inquiry desks run inside withScope (R15): a
// municipality's staff reach only its rows, the national helpdesk only inquiries addressed to it
// (policy national_helpdesk, migration 202612072100). Residents' own reads, the public FAQ, the
// response-time figures (timing columns only) and the retention job are platform work.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import type { FaqChange, FaqContent, InquiryChange, InquiryStatus } from './tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

// --- FAQ ---------------------------------------------------------------------------------------------

export interface FaqEntryRow {
  id: string;
  municipality_code: string | null;
  slug: string | null;
  topic: string;
  question_ja: string;
  question_en: string;
  answer_ja: string;
  answer_en: string;
  sort_order: number;
  status: 'draft' | 'published';
  published: FaqContent | null;
  published_at: Date | null;
  revision: number;
  mode: 'live' | 'test';
  created_at: Date;
  updated_at: Date;
}

export function contentOf(row: Pick<FaqEntryRow, 'topic' | 'question_ja' | 'question_en' | 'answer_ja' | 'answer_en'>): FaqContent {
  return { topic: row.topic, questionJa: row.question_ja, questionEn: row.question_en, answerJa: row.answer_ja, answerEn: row.answer_en };
}

export async function findEntry(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<FaqEntryRow | undefined> {
  let q = db.selectFrom('help_faq_entries').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as FaqEntryRow | undefined;
}

export async function findNationalEntryBySlug(db: Executor, slug: string): Promise<FaqEntryRow | undefined> {
  return (await db.selectFrom('help_faq_entries').selectAll().where('municipality_code', 'is', null).where('slug', '=', slug).executeTakeFirst()) as FaqEntryRow | undefined;
}

/** The entries an editor keeps: a municipality's own, or (null) the national ones. */
export async function listEditableEntries(db: Executor, municipalityCode: string | null): Promise<FaqEntryRow[]> {
  let q = db.selectFrom('help_faq_entries').selectAll();
  q = municipalityCode === null ? q.where('municipality_code', 'is', null) : q.where('municipality_code', '=', municipalityCode);
  return (await q.orderBy('sort_order').orderBy('created_at').execute()) as FaqEntryRow[];
}

/** Published entries a resident may read: the national ones and, when given, one municipality's. */
export async function listPublishedEntries(db: Executor, municipalityCode: string | null): Promise<FaqEntryRow[]> {
  let q = db.selectFrom('help_faq_entries').selectAll().where('status', '=', 'published').where('mode', '=', 'live');
  q = municipalityCode === null ? q.where('municipality_code', 'is', null) : q.where((eb) => eb.or([eb('municipality_code', 'is', null), eb('municipality_code', '=', municipalityCode)]));
  return (await q.orderBy('sort_order').orderBy('created_at').execute()) as FaqEntryRow[];
}

export async function countNationalEntries(db: Executor): Promise<number> {
  const row = await db.selectFrom('help_faq_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('municipality_code', 'is', null).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface FaqNote {
  change: FaqChange;
  changedBy: string;
}

export type FaqWrite =
  | { write: 'create'; entry: { municipality_code: string | null; slug: string | null; sort_order: number; content: FaqContent; publish: boolean } }
  | { write: 'update'; id: string; revision: number; content?: FaqContent; sortOrder?: number; status?: 'draft' | 'published' };

/** Every change to an entry, with its history row, in the caller's transaction (checked at commit). */
export async function writeEntry(trx: Transaction<Database>, write: FaqWrite, note: FaqNote): Promise<FaqEntryRow> {
  let row: FaqEntryRow;
  if (write.write === 'create') {
    const { content, publish } = write.entry;
    row = (await trx
      .insertInto('help_faq_entries')
      .values({
        municipality_code: write.entry.municipality_code,
        slug: write.entry.slug,
        sort_order: write.entry.sort_order,
        topic: content.topic,
        question_ja: content.questionJa,
        question_en: content.questionEn,
        answer_ja: content.answerJa,
        answer_en: content.answerEn,
        status: publish ? 'published' : 'draft',
        published: publish ? JSON.stringify(content) : null,
        published_at: publish ? sql<Date>`now()` : null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()) as FaqEntryRow;
  } else {
    const c = write.content;
    const publishing = write.status === 'published';
    row = (await trx
      .updateTable('help_faq_entries')
      .set((eb) => ({
        ...(c ? { topic: c.topic, question_ja: c.questionJa, question_en: c.questionEn, answer_ja: c.answerJa, answer_en: c.answerEn } : {}),
        ...(write.sortOrder === undefined ? {} : { sort_order: write.sortOrder }),
        ...(write.status === undefined ? {} : { status: write.status }),
        // Publishing freezes the working copy as it stands in this statement; unpublishing withdraws it.
        ...(publishing
          ? {
              published: sql<string>`jsonb_build_object('topic', topic, 'questionJa', question_ja, 'questionEn', question_en, 'answerJa', answer_ja, 'answerEn', answer_en)`,
              published_at: sql<Date>`now()`,
            }
          : write.status === 'draft'
            ? { published: null, published_at: null }
            : {}),
        revision: eb('revision', '+', 1),
        updated_at: sql<Date>`now()`,
      }))
      .where('id', '=', write.id)
      .where('revision', '=', write.revision)
      .returningAll()
      .executeTakeFirstOrThrow()) as FaqEntryRow;
  }
  await trx
    .insertInto('help_faq_history')
    .values({ entry_id: row.id, municipality_code: row.municipality_code, change: note.change, revision: row.revision, snapshot: JSON.stringify(contentOf(row)), changed_by: note.changedBy })
    .execute();
  return row;
}

export async function listEntryHistory(db: Executor, entryId: string) {
  return db
    .selectFrom('help_faq_history')
    .select(['change', 'revision', 'snapshot', 'changed_by as changedBy', 'changed_at as changedAt'])
    .where('entry_id', '=', entryId)
    .orderBy('revision', 'desc')
    .execute();
}

// --- inquiries ---------------------------------------------------------------------------------------

export interface InquiryRow {
  id: string;
  reference: string;
  municipality_code: string | null;
  resident_id: string | null;
  application_id: string | null;
  topic: string;
  subject: string | null;
  body: string | null;
  contact_email: string | null;
  status: InquiryStatus;
  assigned_to: string | null;
  revision: number;
  mode: 'live' | 'test';
  created_at: Date;
  first_replied_at: Date | null;
  closed_at: Date | null;
  erased_at: Date | null;
}

export interface InquiryNote {
  change: InquiryChange;
  staffId: string | null;
  details?: Record<string, unknown>;
}

async function inquiryHistory(trx: Transaction<Database>, row: InquiryRow, note: InquiryNote): Promise<void> {
  await trx
    .insertInto('help_inquiry_history')
    .values({ inquiry_id: row.id, municipality_code: row.municipality_code, change: note.change, revision: row.revision, staff_id: note.staffId, details: JSON.stringify(note.details ?? {}), mode: row.mode })
    .execute();
}

export async function insertInquiry(
  trx: Transaction<Database>,
  values: { reference: string; municipality_code: string | null; resident_id: string | null; application_id: string | null; topic: string; subject: string; body: string; contact_email: string | null },
): Promise<InquiryRow> {
  const row = (await trx.insertInto('help_inquiries').values(values).returningAll().executeTakeFirstOrThrow()) as InquiryRow;
  await inquiryHistory(trx, row, { change: 'received', staffId: null, details: { signedIn: values.resident_id !== null, aboutApplication: values.application_id !== null } });
  return row;
}

export async function findInquiry(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<InquiryRow | undefined> {
  let q = db.selectFrom('help_inquiries').selectAll().where('id', '=', id);
  if (options.forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as InquiryRow | undefined;
}

/** Moves an inquiry and writes its history row, in the caller's transaction (checked at commit). */
export async function updateInquiry(
  trx: Transaction<Database>,
  row: InquiryRow,
  changes: { status?: InquiryStatus; assigned_to?: string | null; first_replied_at?: 'now'; closed_at?: 'now' },
  note: InquiryNote,
): Promise<InquiryRow> {
  const updated = (await trx
    .updateTable('help_inquiries')
    .set((eb) => ({
      ...(changes.status === undefined ? {} : { status: changes.status }),
      ...(changes.assigned_to === undefined ? {} : { assigned_to: changes.assigned_to }),
      ...(changes.first_replied_at ? { first_replied_at: sql<Date>`coalesce(first_replied_at, clock_timestamp())` } : {}),
      ...(changes.closed_at ? { closed_at: sql<Date>`clock_timestamp()` } : {}),
      revision: eb('revision', '+', 1),
    }))
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow()) as InquiryRow;
  await inquiryHistory(trx, updated, note);
  return updated;
}

export async function insertMessage(trx: Transaction<Database>, row: InquiryRow, message: { author: 'resident' | 'staff'; staffId: string | null; body: string }): Promise<void> {
  await trx.insertInto('help_inquiry_messages').values({ inquiry_id: row.id, municipality_code: row.municipality_code, author: message.author, staff_id: message.staffId, body: message.body, mode: row.mode }).execute();
}

export async function insertOutbox(trx: Transaction<Database>, row: InquiryRow, mail: { to: string; subject: string; body: string }): Promise<void> {
  await trx.insertInto('help_outbox').values({ inquiry_id: row.id, municipality_code: row.municipality_code, to_address: mail.to, subject: mail.subject, body: mail.body, mode: row.mode }).execute();
}

export interface QueueItem {
  id: string;
  reference: string;
  topic: string;
  subject: string | null;
  status: InquiryStatus;
  assignedTo: string | null;
  assigneeName: string | null;
  createdAt: Date;
  firstRepliedAt: Date | null;
  closedAt: Date | null;
  mode: 'live' | 'test';
}

/** The desk's queue, inside its scope: row-level security keeps it to the desk's own inquiries. */
export async function listQueue(trx: Transaction<Database>, desk: string | null, options: { status?: InquiryStatus; limit: number }): Promise<QueueItem[]> {
  let q = trx
    .selectFrom('help_inquiries as i')
    .leftJoin('staff_users as s', 's.id', 'i.assigned_to')
    .select([
      'i.id',
      'i.reference',
      'i.topic',
      'i.subject',
      'i.status',
      'i.assigned_to as assignedTo',
      's.display_name as assigneeName',
      'i.created_at as createdAt',
      'i.first_replied_at as firstRepliedAt',
      'i.closed_at as closedAt',
      'i.mode',
    ]);
  q = desk === null ? q.where('i.municipality_code', 'is', null) : q.where('i.municipality_code', '=', desk);
  if (options.status) q = q.where('i.status', '=', options.status);
  else q = q.where('i.status', '!=', 'closed');
  return (await q.orderBy('i.created_at').limit(options.limit).execute()) as QueueItem[];
}

export interface MessageItem {
  author: 'resident' | 'staff';
  staffId: string | null;
  staffName: string | null;
  body: string | null;
  createdAt: Date;
}

export async function listMessages(db: Executor, inquiryId: string): Promise<MessageItem[]> {
  return (await db
    .selectFrom('help_inquiry_messages as m')
    .leftJoin('staff_users as s', 's.id', 'm.staff_id')
    .select(['m.author', 'm.staff_id as staffId', 's.display_name as staffName', 'm.body', 'm.created_at as createdAt'])
    .where('m.inquiry_id', '=', inquiryId)
    .orderBy('m.created_at')
    .execute()) as MessageItem[];
}

export async function listInquiryHistory(db: Executor, inquiryId: string) {
  return db
    .selectFrom('help_inquiry_history as h')
    .leftJoin('staff_users as s', 's.id', 'h.staff_id')
    .select(['h.change', 'h.revision', 'h.details', 'h.staff_id as staffId', 's.display_name as staffName', 'h.changed_at as changedAt'])
    .where('h.inquiry_id', '=', inquiryId)
    .orderBy('h.revision')
    .execute();
}

export async function countOutbox(db: Executor, inquiryId: string): Promise<number> {
  const row = await db.selectFrom('help_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('inquiry_id', '=', inquiryId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The staff who may take a desk's inquiries: a municipality's active staff (row-level security on
 * staff_users limits the scoped read to the municipality), or the national administrators. The
 * accounts are identity's; help reads their names only, inside the desk's transaction.
 */
export async function listDeskStaff(db: Executor, desk: string | null): Promise<Array<{ id: string; displayName: string }>> {
  let q = db.selectFrom('staff_users').select(['id', 'display_name as displayName']).where('disabled_at', 'is', null);
  q = desk === null ? q.where('municipality_code', 'is', null).where(sql<boolean>`'national_admin' = ANY(roles)`) : q.where('municipality_code', '=', desk);
  return q.orderBy('display_name').execute();
}

export async function listInquiriesOfResident(db: Executor, residentId: string) {
  return db
    .selectFrom('help_inquiries')
    .select(['id', 'reference', 'topic', 'subject', 'status', 'municipality_code as municipalityCode', 'created_at as createdAt', 'first_replied_at as firstRepliedAt', 'closed_at as closedAt'])
    .where('resident_id', '=', residentId)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
}

export async function findInquiryOfResident(db: Executor, residentId: string, id: string): Promise<InquiryRow | undefined> {
  return (await db.selectFrom('help_inquiries').selectAll().where('id', '=', id).where('resident_id', '=', residentId).executeTakeFirst()) as InquiryRow | undefined;
}

export async function municipalityExists(db: Executor, code: string): Promise<boolean> {
  return (await db.selectFrom('municipalities').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function municipalityNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('municipalities as m')
    .innerJoin('prefectures as p', 'p.code', 'm.prefecture_code')
    .select(['m.code', 'm.name', 'p.name as prefectureName'])
    .where('m.code', 'in', codes)
    .execute();
  return new Map(rows.map((r) => [r.code, `${r.prefectureName} ${r.name}`]));
}

// --- response times and retention (platform work) ------------------------------------------------------

/**
 * Response times per desk since a moment, in seconds: median and 90th percentile of the time to the
 * first reply and to closing. Only timing columns are read — never the text or the contact — so
 * the national side sees the figures of every municipality without seeing any inquiry.
 */
export async function responseTimes(db: Executor, since: Date) {
  const { rows } = await sql<{
    municipality_code: string | null;
    received: number;
    replied: number;
    closed: number;
    first_reply_median: number | null;
    first_reply_p90: number | null;
    close_median: number | null;
    close_p90: number | null;
  }>`
    SELECT municipality_code,
           count(*)::int AS received,
           count(first_replied_at)::int AS replied,
           count(closed_at)::int AS closed,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_replied_at - created_at)) AS first_reply_median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_replied_at - created_at)) AS first_reply_p90,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at)) AS close_median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at)) AS close_p90
      FROM help_inquiries
     WHERE created_at >= ${since} AND mode = 'live'
     GROUP BY municipality_code
     ORDER BY municipality_code NULLS FIRST`.execute(db);
  return rows.map((r) => ({
    municipalityCode: r.municipality_code,
    received: Number(r.received),
    replied: Number(r.replied),
    closed: Number(r.closed),
    firstReplyMedian: r.first_reply_median === null ? null : Number(r.first_reply_median),
    firstReplyP90: r.first_reply_p90 === null ? null : Number(r.first_reply_p90),
    closeMedian: r.close_median === null ? null : Number(r.close_median),
    closeP90: r.close_p90 === null ? null : Number(r.close_p90),
  }));
}

/**
 * Erases the personal data of closed inquiries closed before `before`, a batch at a time: the text,
 * the contact address, the messages' text and the outgoing e-mails. Each inquiry is one change
 * with its history row, so the erasure itself is on record. Returns how many were erased.
 */
export async function eraseClosedInquiries(db: Kysely<Database>, before: Date, batch: number): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const rows = (await trx
      .selectFrom('help_inquiries')
      .selectAll()
      .where('status', '=', 'closed')
      .where('erased_at', 'is', null)
      .where('closed_at', '<', before)
      .orderBy('closed_at')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute()) as InquiryRow[];
    for (const row of rows) {
      await trx.updateTable('help_inquiry_messages').set({ body: null }).where('inquiry_id', '=', row.id).execute();
      await trx.updateTable('help_outbox').set({ to_address: null, subject: null, body: null }).where('inquiry_id', '=', row.id).execute();
      const erased = (await trx
        .updateTable('help_inquiries')
        .set((eb) => ({ subject: null, body: null, contact_email: null, erased_at: sql<Date>`clock_timestamp()`, revision: eb('revision', '+', 1) }))
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow()) as InquiryRow;
      await inquiryHistory(trx, erased, { change: 'erased', staffId: null, details: { before: before.toISOString() } });
    }
    return rows.length;
  });
}
