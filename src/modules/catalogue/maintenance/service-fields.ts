// A stored service as the input that would write it again, and the comparison the import uses to
// leave unchanged records alone (no new version when nothing changed).
import canonicalize from 'canonicalize';
import type { ServiceAttachment, ServiceLink } from '../../../platform/db/tables.ts';
import { serviceColumns } from '../repository.ts';
import type { ServiceInput } from '../service-input.ts';
import type { ServiceRow, Writer } from './save-service.ts';
import type { StaffPrincipal, SystemPrincipal } from '../../identity/index.ts';

/** The input that describes a stored service (what the edit form and the API show). */
export function inputOfRow(row: ServiceRow): ServiceInput {
  return {
    title: row.title,
    summary: row.summary,
    support: row.support,
    eligibility: row.eligibility,
    applicant: row.applicant,
    howToApply: row.how_to_apply,
    acceptanceStart: row.acceptance_start,
    acceptanceEnd: row.acceptance_end,
    deadlineNote: row.deadline_note,
    detailUrl: row.detail_url,
    contact: row.contact,
    department: row.department,
    legalBasis: row.legal_basis,
    procedureId: row.procedure_id,
    categories: row.categories as ServiceInput['categories'],
    lifeEvents: row.life_events as ServiceInput['lifeEvents'],
    applyMethods: row.apply_methods,
    tags: row.tags,
    attachments: row.attachments as ServiceAttachment[],
    thingsToBring: row.things_to_bring,
    relatedLinks: row.related_links as ServiceLink[],
    benefitIds: row.benefit_ids,
  };
}

function canonical(input: ServiceInput, openData: Record<string, unknown>): string {
  const columns = { ...serviceColumns(input), attachments: input.attachments ?? [], related_links: input.relatedLinks ?? [] };
  return canonicalize(JSON.parse(JSON.stringify({ columns, openData }))) ?? '';
}

/** Whether writing `input` and `openData` would change the stored service. */
export function isSameService(row: ServiceRow, input: ServiceInput, openData: Record<string, unknown>): boolean {
  return canonical(inputOfRow(row), (row.open_data ?? {}) as Record<string, unknown>) === canonical(input, openData);
}

/** The writer for a municipality's staff member or system (names them in the history). */
export function writerOf(principal: StaffPrincipal | SystemPrincipal): Writer & { kind: 'municipality' } {
  if (principal.kind === 'system') return { kind: 'municipality', municipalityCode: principal.municipalityCode, label: `api:${principal.clientId}` };
  return { kind: 'municipality', municipalityCode: principal.municipalityCode!, label: principal.loginId };
}

/** The national side's writer. */
export function nationalWriterOf(principal: StaffPrincipal): Writer & { kind: 'national' } {
  return { kind: 'national', label: principal.loginId };
}

/** Fields compared in the history's "what changed" (bookkeeping columns left out). */
const BOOKKEEPING = new Set(['version', 'updated_at', 'created_at', 'published_at', 'id', 'municipality_code', 'prefecture_code', 'mode']);

/** The columns that differ between two snapshots of a service. */
export function changedColumns(before: Record<string, unknown> | null, after: Record<string, unknown>): string[] {
  if (!before) return [];
  return Object.keys(after)
    .filter((k) => !BOOKKEEPING.has(k))
    .filter((k) => canonicalize(after[k] ?? null) !== canonicalize(before[k] ?? null));
}
