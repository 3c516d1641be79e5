// Saving a draft as the resident goes (each step, or "save and come back later"): the data is kept
// as entered, never refused — a draft may be incomplete — and the errors of the step just saved are
// returned for the page to show. With the version the device saw, a save over a newer one from
// another device is a conflict rather than a silent loss.
import type { Db } from '../../platform/db/index.ts';
import { draftNotFound, draftVersionConflict } from './errors.ts';
import { FORMS, type FieldError, type FormsPort } from './forms.ts';
import { getDraft, type DraftView } from './get-draft.ts';
import { findDraft, updateDraft } from './repository.ts';

export interface SaveDraftInput {
  residentId: string;
  draftId: string;
  /** The whole data of the form (replaces what was saved). */
  data?: Record<string, unknown>;
  currentStep?: string | null;
  expectedVersion?: number;
  /** Validate only this step's fields for the answer (the page's step). */
  validateStep?: string;
}

export async function saveDraft(deps: { db: Db; forms?: FormsPort }, input: SaveDraftInput): Promise<{ draft: DraftView; errors: FieldError[] }> {
  const forms = deps.forms ?? FORMS;
  const updated = await updateDraft(
    deps.db.kysely,
    input.residentId,
    input.draftId,
    { ...(input.data !== undefined ? { data: input.data } : {}), ...(input.currentStep !== undefined ? { currentStep: input.currentStep } : {}) },
    input.expectedVersion,
  );
  if (!updated) {
    const current = await findDraft(deps.db.kysely, input.residentId, input.draftId);
    if (!current) throw draftNotFound();
    throw draftVersionConflict(current.version);
  }
  let errors: FieldError[] = [];
  if (input.validateStep !== undefined) {
    const version = await forms.loadFormVersion(deps.db, updated.form_version_id);
    if (version) errors = forms.validateFormData(version, updated.data, { stepId: input.validateStep });
  }
  return { draft: await getDraft(deps, input), errors };
}
