// The security audit log as its readers see it (§3.1, R15): a municipality administrator sees their
// municipality's events, the national administrator every event. Row-level security decides.
import type { Db } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import type { Selectable } from 'kysely';
import type { AuditEventTable } from '../../platform/db/tables.ts';
import { writeCsv } from '../../platform/csv.ts';
import { scopeOf, type StaffPrincipal } from './principal.ts';
import { selectAuditEvents, type AuditQuery } from './repository/audit.ts';

export type AuditRow = Selectable<AuditEventTable>;

export async function listAuditEvents(deps: { db: Db }, input: { principal: StaffPrincipal; query: AuditQuery }): Promise<{ total: number; items: AuditRow[] }> {
  return withScope(deps.db.kysely, scopeOf(input.principal), (trx) => selectAuditEvents(trx, input.query));
}

export const AUDIT_CSV_COLUMNS = ['at', 'municipality_code', 'actor_kind', 'actor_id', 'actor_label', 'action', 'outcome', 'target', 'details', 'request_id', 'ip'] as const;

/** The audit log as CSV (UTF-8 with BOM for Excel). */
export function auditCsv(items: readonly AuditRow[]): string {
  return writeCsv([AUDIT_CSV_COLUMNS, ...items.map((e) => AUDIT_CSV_COLUMNS.map((c) => e[c]))]);
}
