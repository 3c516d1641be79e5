// The shared answers step of a one-stop bundle: what the resident answers once (the applicant, the
// children …) is written into every draft of the bundle, each in its own form's place. Saved as
// typed even when incomplete, like any draft; the step's errors come back for the page.
import type { Db } from '../../platform/db/index.ts';
import { applySharedAnswers, SHARED_STEP_ID, type FieldError } from '../forms/index.ts';
import { FORMS, type FormsPort } from './forms.ts';
import { getBundle } from './get-bundle.ts';
import { saveDraft } from './save-draft.ts';

export async function saveSharedAnswers(
  deps: { db: Db; forms?: FormsPort },
  input: { residentId: string; bundleKey: string; answers: Record<string, unknown>; validate: boolean },
): Promise<{ errors: FieldError[] }> {
  const bundle = await getBundle(deps, input);
  for (const { draft, version } of bundle.drafts) {
    const data = applySharedAnswers(version.definition.layout, draft.data, input.answers);
    await saveDraft(deps, { residentId: input.residentId, draftId: draft.id, data });
  }
  const forms = deps.forms ?? FORMS;
  return { errors: input.validate ? forms.validateFormData(bundle.shared, input.answers, { stepId: SHARED_STEP_ID }) : [] };
}
