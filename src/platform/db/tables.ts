// The database as Kysely sees it: one interface per table, kept in step with migrations/.
import type { ColumnType, Generated } from 'kysely';

export interface PrefectureTable {
  code: string;
  lg_code: string;
  name: string;
  kana: string;
  name_en: string;
}

export type MunicipalityKind = 'city' | 'designated_city' | 'special_ward' | 'ward' | 'town' | 'village';

export interface MunicipalityTable {
  code: string;
  prefecture_code: string;
  kind: MunicipalityKind;
  name: string;
  kana: string;
  parent_code: string | null;
}

export type ReceiptMethod = 'lgwan_asp' | 'delivery_service' | 'existing_system' | 'dedicated_line' | 'print_and_post';

export interface MunicipalityProfileTable {
  municipality_code: string;
  receipt_method: ReceiptMethod;
  mode: ColumnType<'test' | 'live', 'test' | 'live' | undefined, 'test' | 'live'>;
  contact_department: string;
  contact_email: string | null;
  contact_phone: string | null;
  joined_at: Generated<Date>;
  live_at: Date | null;
  staff_ip_allowlist: Generated<string[]>;
}

// Modules that keep their table types themselves add them to this interface by declaration merging
// (modules/forms/tables.ts, modules/applications/tables.ts), so the platform names no module.
export interface Database extends IdentityTables, CatalogueTables {
  prefectures: PrefectureTable;
  municipalities: MunicipalityTable;
  municipality_profiles: MunicipalityProfileTable;
  test_pki_authorities: TestPkiAuthorityTable;
  test_pki_certificates: TestPkiCertificateTable;
  test_cards: TestCardTable;
  signature_login_challenges: SignatureLoginChallengeTable;
}

// --- signatures module (issue 3): the test PKI and login nonces -------------------------------------

export type TestPkiPurpose = 'signature' | 'authentication';
export type TestPkiRevocationReason = 'keyCompromise' | 'affiliationChanged' | 'superseded' | 'cessationOfOperation';

export interface TestPkiAuthorityTable {
  purpose: TestPkiPurpose;
  certificate: Uint8Array;
  private_key: Uint8Array;
  crl: Uint8Array | null;
  crl_number: Generated<number>;
  crl_next_update: Date | null;
  created_at: Generated<Date>;
}

export interface TestPkiCertificateTable {
  purpose: TestPkiPurpose;
  serial: string;
  card_id: string | null;
  certificate: Uint8Array;
  not_after: Date;
  issued_at: Generated<Date>;
  revoked_at: Date | null;
  revocation_reason: TestPkiRevocationReason | null;
}

export interface TestCardTable {
  id: string;
  signature_key: Uint8Array;
  authentication_key: Uint8Array;
  signature_serial: string;
  authentication_serial: string;
  signature_pin_hash: string;
  authentication_pin_hash: string;
  signature_retries_left: number;
  authentication_retries_left: number;
  created_at: Generated<Date>;
}

export interface SignatureLoginChallengeTable {
  nonce_hash: string;
  expires_at: Date;
  created_at: Generated<Date>;
}

// --- identity module: residents, staff, sessions, agency-specific codes, API clients, audit ------------

export type StaffRole =
  | 'municipality_admin'
  | 'service_editor'
  | 'application_handler'
  | 'notice_sender'
  | 'records_clerk'
  | 'viewer'
  | 'national_admin'
  | 'prefecture_viewer';

export interface ResidentTable {
  id: Generated<string>;
  certificate_id: string;
  home_municipality_code: string | null;
  created_at: Generated<Date>;
  last_login_at: Date | null;
  /** The login (authentication) certificate's issuer and serial, for the link service (R17). */
  certificate_issuer: string | null;
  certificate_serial: string | null;
}

/** A registered proxy (R17): whose signature an account also accepts. */
export interface ResidentProxyTable {
  id: Generated<string>;
  resident_id: string;
  proxy_resident_id: string | null;
  proxy_subject: string | null;
  registered_by: string;
  created_at: Generated<Date>;
}

export interface StaffUserTable {
  id: Generated<string>;
  login_id: string;
  display_name: string;
  municipality_code: string | null;
  prefecture_code: string | null;
  roles: StaffRole[];
  password_hash: string;
  must_change_password: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  last_login_at: Date | null;
  created_at: Generated<Date>;
  disabled_at: Date | null;
}

export type SessionStage = 'active' | 'password_change' | 'totp' | 'totp_enroll';

export interface SessionTable {
  id_hash: string;
  resident_id: string | null;
  staff_id: string | null;
  stage: SessionStage;
  csrf_secret: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface AgencyCodeKeyTable {
  version: number;
  secret: Uint8Array;
  created_at: Generated<Date>;
  retired_at: Date | null;
}

export interface AgencyCodeTable {
  municipality_code: string;
  code: string;
  resident_id: string | null;
  key_version: number | null;
  created_at: Generated<Date>;
  registered_at: Date | null;
}

export interface ApiClientTable {
  id: Generated<string>;
  municipality_code: string;
  name: string;
  client_id: string;
  scopes: string[];
  created_at: Generated<Date>;
  last_used_at: Date | null;
  disabled_at: Date | null;
}

export interface ApiClientSecretTable {
  id: Generated<string>;
  api_client_id: string;
  municipality_code: string;
  secret_hash: string;
  hint: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
  last_used_at: Date | null;
}

export type AuditActorKind = 'resident' | 'staff' | 'system' | 'platform' | 'anonymous';

export interface AuditEventTable {
  id: Generated<string>;
  at: Generated<Date>;
  municipality_code: string | null;
  actor_kind: AuditActorKind;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  outcome: 'success' | 'failure';
  target: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  request_id: string | null;
  ip: string | null;
}

export interface IdentityTables {
  residents: ResidentTable;
  resident_proxies: ResidentProxyTable;
  staff_users: StaffUserTable;
  sessions: SessionTable;
  agency_code_keys: AgencyCodeKeyTable;
  agency_codes: AgencyCodeTable;
  api_clients: ApiClientTable;
  api_client_secrets: ApiClientSecretTable;
  audit_events: AuditEventTable;
  national_agency_codes: NationalAgencyCodeTable;
  staff_sign_in_failures: StaffSignInFailureTable;
}

/** The password step's lockout, per login ID (existing or not) and client address (issue #11 §6). */
export interface StaffSignInFailureTable {
  login_id: string;
  client_address: string;
  failures: Generated<number>;
  locked_until: Date | null;
  last_failed_at: Generated<Date>;
}

// --- catalogue module: national procedures and services ------------------------------------------------

export interface ProcedureTable {
  id: string;
  name: string;
  name_en: string;
  category: string;
  legal_basis: string;
  my_number_procedure: boolean;
  needs_review: boolean;
  focus: Generated<boolean>;
  sort: Generated<number>;
}

export type ServiceStatus = 'draft' | 'published' | 'unpublished';
export type ApplyMethod = 'signed_online' | 'simple_online' | 'print_and_post' | 'counter';

export interface ServiceAttachment {
  name: string;
  required: boolean;
  /** 別途原本の提出が必要 (R5). */
  originalRequired: boolean;
  note?: string;
}

export interface ServiceLink {
  title: string;
  url: string;
}

type Json<T> = ColumnType<T, string | undefined, string>;

export interface ServiceTable {
  id: Generated<string>;
  municipality_code: string | null;
  prefecture_code: string | null;
  procedure_id: string | null;
  external_id: string | null;
  status: Generated<ServiceStatus>;
  version: Generated<number>;
  mode: Generated<'test' | 'live'>;
  title: string;
  summary: Generated<string>;
  support: Generated<string>;
  eligibility: Generated<string>;
  applicant: Generated<string>;
  how_to_apply: Generated<string>;
  acceptance_start: string | null;
  acceptance_end: string | null;
  deadline_note: Generated<string>;
  detail_url: string | null;
  contact: Generated<string>;
  department: Generated<string>;
  legal_basis: Generated<string>;
  categories: Generated<string[]>;
  life_events: Generated<string[]>;
  apply_methods: Generated<ApplyMethod[]>;
  tags: Generated<string[]>;
  attachments: Json<ServiceAttachment[]>;
  things_to_bring: Generated<string[]>;
  related_links: Json<ServiceLink[]>;
  benefit_ids: Generated<string[]>;
  open_data: Json<Record<string, unknown>>;
  pre_registered_at: Date | null;
  adopted_at: Date | null;
  published_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ServiceChange = 'created' | 'updated' | 'published' | 'unpublished' | 'imported' | 'pre_registered' | 'adopted';

export interface ServiceVersionTable {
  service_id: string;
  version: number;
  municipality_code: string | null;
  change: ServiceChange;
  snapshot: Json<Record<string, unknown>>;
  changed_by: string | null;
  changed_at: Generated<Date>;
}

export interface CatalogueTables {
  procedures: ProcedureTable;
  services: ServiceTable;
  service_versions: ServiceVersionTable;
}

export interface NationalAgencyCodeTable {
  agency: string;
  code: string;
  resident_id: string;
  key_version: number;
  created_at: Generated<Date>;
}
