// One published live service as residents see it (PRODUCT.md §3.2: overview, eligibility, who
// applies, deadline, attachments with 必須 / 原本 flags, things to bring, legal basis, department,
// links, how to apply); drafts, unpublished and test-mode services do not exist for them (R16).
import type { Db } from '../../../platform/db/index.ts';
import type { ServiceAttachment, ServiceLink } from '../../../platform/db/tables.ts';
import { serviceNotFound } from '../maintenance/save-service.ts';
import { findPublicServiceDetail } from './repository.ts';
import { todayInJapan } from './search-services.ts';

export async function getPublicService(deps: { db: Db; today?: string }, id: string) {
  // A malformed id is simply not a service; the database would reject it as uuid.
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw serviceNotFound();
  const s = await findPublicServiceDetail(deps.db.kysely, id);
  if (!s) throw serviceNotFound();
  const today = deps.today ?? todayInJapan();
  const attachments = s.attachments as unknown as ServiceAttachment[];
  return {
    id: s.id,
    title: s.title,
    summary: s.summary,
    support: s.support,
    eligibility: s.eligibility,
    applicant: s.applicant,
    howToApply: s.how_to_apply,
    municipality: s.municipality_code ? { code: s.municipality_code, name: s.municipality_name ?? '' } : null,
    prefectureCode: s.prefecture_code,
    categories: s.categories,
    lifeEvents: s.life_events,
    applyMethods: s.apply_methods,
    tags: s.tags,
    acceptance: {
      start: s.acceptance_start,
      end: s.acceptance_end,
      note: s.deadline_note,
      acceptingNow: (s.acceptance_start === null || s.acceptance_start <= today) && (s.acceptance_end === null || s.acceptance_end >= today),
    },
    attachments: attachments.map((a) => ({ name: a.name, required: a.required, originalRequired: a.originalRequired, ...(a.note ? { note: a.note } : {}) })),
    thingsToBring: s.things_to_bring,
    legalBasis: s.legal_basis,
    department: s.department,
    contact: s.contact,
    relatedLinks: s.related_links as unknown as ServiceLink[],
    detailUrl: s.detail_url,
    procedure:
      s.procedure_id && s.procedure_name
        ? { id: s.procedure_id, name: s.procedure_name, nameEn: s.procedure_name_en ?? '', myNumberProcedure: Boolean(s.my_number_procedure) }
        : null,
    version: s.version,
    publishedAt: s.published_at ? s.published_at.toISOString() : null,
  };
}
