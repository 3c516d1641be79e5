// Saving a draft as the resident goes (each step, or "save and come back later"): the data is kept
// as entered, never refused — a draft may be incomplete — and the errors of the step just saved are
// returned for the page to show. With the version the device saw, a save over a newer one from
// another device is a conflict rather than a silent loss.
import type { Db } from '../../platform/db/index.ts';
import { draftNotFound, draftVersionConflict } from './errors.ts';
import { FORMS, type FieldError, type FormsPort, type FormVersion } from './forms.ts';
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
  /** The step reached when the step validated has no errors (written instead of currentStep). */
  nextStep?: string;
  /**
   * The draft as the caller has just read it, with its form version: the step is validated before
   * the write, and the answer is built from it and the saved row, so a step post reads the draft
   * once (issue 11 point 11). Saving data changes neither the service nor the attachments.
   */
  current?: { draft: DraftView; version: FormVersion };
}

export async function saveDraft(deps: { db: Db; forms?: FormsPort }, input: SaveDraftInput): Promise<{ draft: DraftView; errors: FieldError[] }> {
  const forms = deps.forms ?? FORMS;
  // Known before the write: the errors decide which step is written, in the same statement.
  const before = input.current && input.validateStep !== undefined ? forms.validateFormData(input.current.version, input.data ?? input.current.draft.data, { stepId: input.validateStep }) : null;
  const reached = input.nextStep !== undefined && (before ?? []).length === 0 ? input.nextStep : input.currentStep;
  const updated = await updateDraft(
    deps.db.kysely,
    input.residentId,
    input.draftId,
    { ...(input.data !== undefined ? { data: input.data } : {}), ...(reached !== undefined ? { currentStep: reached } : {}) },
    input.expectedVersion,
  );
  if (!updated) {
    const current = await findDraft(deps.db.kysely, input.residentId, input.draftId);
    if (!current) throw draftNotFound();
    throw draftVersionConflict(current.version);
  }
  let errors: FieldError[] = before ?? [];
  if (before === null && input.validateStep !== undefined) {
    const version = await forms.loadFormVersion(deps.db, updated.form_version_id);
    if (version) errors = forms.validateFormData(version, updated.data, { stepId: input.validateStep });
  }
  if (!input.current) return { draft: await getDraft(deps, input), errors };
  const draft: DraftView = {
    ...input.current.draft,
    data: updated.data,
    currentStep: updated.current_step,
    version: updated.version,
    updatedAt: updated.updated_at.toISOString(),
  };
  return { draft, errors };
}
