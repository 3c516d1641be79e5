// The applications module's tables as Kysely sees them (migrations/202611221100_create_applications.ts).
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export type ApplicationStatus = 'arrived' | 'received' | 'in_review' | 'info_requested' | 'accepted' | 'rejected' | 'withdrawn';
export type ApplicationMethod = 'signed' | 'simple';
export type SignatureIndication = 'TOTAL_PASSED' | 'TOTAL_FAILED' | 'INDETERMINATE';
export type ApplicationEventKind = Exclude<ApplicationStatus, 'arrived'> | 'arrived' | 'resident_replied' | 'signature_reverified';

export interface ApplicationBlobTable {
  sha256: string;
  media_type: string;
  size: number;
  bytes: Uint8Array;
  created_at: Generated<Date>;
}

export interface ApplicationDraftTable {
  id: Generated<string>;
  resident_id: string;
  service_id: string;
  form_version_id: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  current_step: string | null;
  /** Drafts started together for a life event (one-stop bundle) share this key. */
  bundle_key: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DraftAttachmentTable {
  id: Generated<string>;
  draft_id: string;
  name: string;
  requirement: string | null;
  media_type: string;
  size: number;
  sha256: string;
  created_at: Generated<Date>;
}

export interface ApplicationBundleTable {
  id: Generated<string>;
  resident_id: string;
  idempotency_key: string | null;
  content_sha256: string;
  created_at: Generated<Date>;
}

export type SignedBy = 'own' | 'proxy';

export interface ApplicationTable {
  id: Generated<string>;
  reference: string;
  resident_id: string;
  service_id: string;
  service_title: string;
  municipality_code: string;
  mode: Generated<'test' | 'live'>;
  form_version_id: string;
  draft_id: string;
  data: Json<Record<string, unknown>>;
  content: Uint8Array;
  content_sha256: string;
  method: ApplicationMethod;
  signature: Uint8Array | null;
  bundle_id: string | null;
  bundle_content: Uint8Array | null;
  validation_report: ColumnType<Record<string, unknown> | null, string | null, never>;
  signature_indication: SignatureIndication | null;
  signature_checked_at: Date | null;
  /** R17: who signed — the account holder's own card, or a registered proxy; null when not signed. */
  signed_by: ColumnType<SignedBy | null, SignedBy | null | undefined, never>;
  idempotency_key: string | null;
  /** Set on insert by the database (the trigger always writes 'arrived'). */
  status: ColumnType<ApplicationStatus, never, ApplicationStatus>;
  status_changed_at: ColumnType<Date, never, Date>;
  /** R1: set by the database when the row is recorded; never updated. */
  arrived_at: ColumnType<Date, never, never>;
}

export interface ApplicationEventTable {
  id: Generated<number>;
  application_id: string;
  municipality_code: string;
  at: Generated<Date>;
  kind: ApplicationEventKind;
  status: ApplicationStatus | null;
  actor_kind: 'resident' | 'staff' | 'system' | 'platform';
  actor_id: string | null;
  message: string | null;
  data: ColumnType<Record<string, unknown> | null, string | null, never>;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface ApplicationAttachmentTable {
  id: Generated<string>;
  application_id: string;
  municipality_code: string;
  event_id: number | null;
  name: string;
  requirement: string | null;
  original_required: Generated<boolean>;
  media_type: string;
  size: number;
  sha256: string;
  created_at: Generated<Date>;
}

export interface ApplicationsTables {
  application_blobs: ApplicationBlobTable;
  application_drafts: ApplicationDraftTable;
  draft_attachments: DraftAttachmentTable;
  application_bundles: ApplicationBundleTable;
  applications: ApplicationTable;
  application_events: ApplicationEventTable;
  application_attachments: ApplicationAttachmentTable;
}

// These tables join the platform's Database type from here: the platform names no module (issue #11,
// point 10).
declare module '../../platform/db/tables.ts' {
  interface Database extends ApplicationsTables {}
}
