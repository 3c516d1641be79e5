// The help module's tables as Kysely sees them (migrations/202612072100_create_help.ts).
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
export type Mode = 'live' | 'test';
type ModeColumn = ColumnType<Mode, Mode | undefined, Mode>;

export type FaqStatus = 'draft' | 'published';
export type FaqChange = 'created' | 'edited' | 'published' | 'unpublished';
export type InquiryStatus = 'open' | 'answered' | 'closed';
export type InquiryChange = 'received' | 'assigned' | 'replied' | 'closed' | 'erased';

/** The words of an entry: what editors change and, once published, what residents read. */
export interface FaqContent {
  topic: string;
  questionJa: string;
  questionEn: string;
  answerJa: string;
  answerEn: string;
}

export interface HelpFaqEntryTable {
  id: Generated<string>;
  municipality_code: string | null;
  slug: string | null;
  topic: string;
  question_ja: string;
  question_en: string;
  answer_ja: string;
  answer_en: string;
  sort_order: Generated<number>;
  status: ColumnType<FaqStatus, FaqStatus | undefined, FaqStatus>;
  published: ColumnType<FaqContent | null, string | null | undefined, string | null>;
  published_at: Date | null;
  revision: Generated<number>;
  mode: ModeColumn;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface HelpFaqHistoryTable {
  id: Generated<string>;
  entry_id: string;
  municipality_code: string | null;
  change: FaqChange;
  revision: number;
  snapshot: Json<FaqContent>;
  changed_by: string | null;
  changed_at: Generated<Date>;
  tx: ColumnType<number, never, never>;
}

export interface HelpInquiryTable {
  id: Generated<string>;
  reference: string;
  municipality_code: string | null;
  resident_id: string | null;
  application_id: string | null;
  topic: string;
  subject: string | null;
  body: string | null;
  contact_email: string | null;
  status: ColumnType<InquiryStatus, InquiryStatus | undefined, InquiryStatus>;
  assigned_to: string | null;
  revision: Generated<number>;
  mode: ModeColumn;
  created_at: Generated<Date>;
  first_replied_at: Date | null;
  closed_at: Date | null;
  erased_at: Date | null;
}

export interface HelpInquiryMessageTable {
  id: Generated<string>;
  inquiry_id: string;
  municipality_code: string | null;
  author: 'resident' | 'staff';
  staff_id: string | null;
  body: string | null;
  mode: ModeColumn;
  created_at: Generated<Date>;
}

export interface HelpInquiryHistoryTable {
  id: Generated<string>;
  inquiry_id: string;
  municipality_code: string | null;
  change: InquiryChange;
  revision: number;
  staff_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  mode: ModeColumn;
  changed_at: Generated<Date>;
  tx: ColumnType<number, never, never>;
}

export interface HelpOutboxTable {
  id: Generated<string>;
  inquiry_id: string;
  municipality_code: string | null;
  to_address: string | null;
  subject: string | null;
  body: string | null;
  mode: ModeColumn;
  created_at: Generated<Date>;
  sent_at: Date | null;
}

export interface HelpTables {
  help_faq_entries: HelpFaqEntryTable;
  help_faq_history: HelpFaqHistoryTable;
  help_inquiries: HelpInquiryTable;
  help_inquiry_messages: HelpInquiryMessageTable;
  help_inquiry_history: HelpInquiryHistoryTable;
  help_outbox: HelpOutboxTable;
}

// These tables join the platform's Database type from here: the platform names no module.
declare module '../../platform/db/tables.ts' {
  interface Database extends HelpTables {}
}
