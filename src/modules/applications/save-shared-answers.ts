// The shared answers step of a one-stop bundle: what the resident answers once (the applicant, the
// children …) is written into every draft of the bundle, each in its own form's place, in one
// transaction: all drafts or none. Each draft is written only if nobody saved it since it was read
// (another device): otherwise nothing is written and the resident is told to reload. Saved as typed
// even when incomplete, like any draft; the step's errors come back for the page.
import type { Db } from '../../platform/db/index.ts';
import { applySharedAnswers, SHARED_STEP_ID, type FieldError } from '../forms/index.ts';
import { draftVersionConflict } from './errors.ts';
import { FORMS, type FormsPort } from './forms.ts';
import { getBundle } from './get-bundle.ts';
import { updateDraft } from './repository.ts';

export async function saveSharedAnswers(
  deps: { db: Db; forms?: FormsPort },
  input: { residentId: string; bundleKey: string; answers: Record<string, unknown>; validate: boolean },
): Promise<{ errors: FieldError[] }> {
  const bundle = await getBundle(deps, input);
  await deps.db.kysely.transaction().execute(async (trx) => {
    for (const { draft, version } of bundle.drafts) {
      const data = applySharedAnswers(version.definition.layout, draft.data, input.answers);
      const updated = await updateDraft(trx, input.residentId, draft.id, { data }, draft.version);
      if (!updated) throw draftVersionConflict(draft.version);
    }
  });
  const forms = deps.forms ?? FORMS;
  return { errors: input.validate ? forms.validateFormData(bundle.shared, input.answers, { stepId: SHARED_STEP_ID }) : [] };
}
