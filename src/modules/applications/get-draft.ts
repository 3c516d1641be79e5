// A resident's draft as the pages and the API show it: the data as saved, the step reached, the
// attachments, which required ones are missing and which originals must be brought (R5), and how it
// may be submitted (R3).
import type { Db } from '../../platform/db/index.ts';
import { draftNotFound } from './errors.ts';
import type { FormsPort } from './forms.ts';
import { findDraft, listDraftAttachments, listDrafts } from './repository.ts';
import { checkAttachments, loadServiceForApplication, type AttachmentCheck } from './service-rules.ts';
import type { ApplicationMethod } from './tables.ts';

export interface DraftAttachmentView {
  id: string;
  name: string;
  requirement: string | null;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface DraftView {
  id: string;
  service: { id: string; title: string };
  formVersionId: string;
  data: Record<string, unknown>;
  currentStep: string | null;
  /** Set when the draft was started with others for a life event (a one-stop bundle). */
  bundleKey: string | null;
  /** Bumped by every save and attachment change (send it back as expectedVersion). */
  version: number;
  createdAt: string;
  updatedAt: string;
  attachments: DraftAttachmentView[];
  attachmentCheck: AttachmentCheck;
  /** How this service can be applied for online: always 'signed'; 'simple' where allowed (R3). */
  methods: ApplicationMethod[];
}

export function attachmentViewOf(a: Omit<Awaited<ReturnType<typeof listDraftAttachments>>[number], 'draft_id'>): DraftAttachmentView {
  return { id: a.id, name: a.name, requirement: a.requirement, mediaType: a.media_type, size: a.size, sha256: a.sha256, createdAt: a.created_at.toISOString() };
}

export async function getDraft(deps: { db: Db; forms?: FormsPort }, input: { residentId: string; draftId: string }): Promise<DraftView> {
  const draft = await findDraft(deps.db.kysely, input.residentId, input.draftId);
  if (!draft) throw draftNotFound();
  const [service, attachments] = [await loadServiceForApplication(deps.db, draft.service_id), await listDraftAttachments(deps.db.kysely, [draft.id])];
  return {
    id: draft.id,
    service: { id: service.id, title: service.title },
    formVersionId: draft.form_version_id,
    data: draft.data,
    currentStep: draft.current_step,
    bundleKey: draft.bundle_key,
    version: draft.version,
    createdAt: draft.created_at.toISOString(),
    updatedAt: draft.updated_at.toISOString(),
    attachments: attachments.map(attachmentViewOf),
    attachmentCheck: checkAttachments(service, attachments),
    methods: service.acceptsSimple ? ['signed', 'simple'] : ['signed'],
  };
}

export interface DraftListItem {
  id: string;
  service: { id: string; title: string };
  formVersionId: string;
  currentStep: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function listMyDrafts(deps: { db: Db }, input: { residentId: string }): Promise<DraftListItem[]> {
  const rows = await listDrafts(deps.db.kysely, input.residentId);
  return rows.map((d) => ({
    id: d.id,
    service: { id: d.service_id, title: d.service_title },
    formVersionId: d.form_version_id,
    currentStep: d.current_step,
    version: d.version,
    createdAt: d.created_at.toISOString(),
    updatedAt: d.updated_at.toISOString(),
  }));
}
