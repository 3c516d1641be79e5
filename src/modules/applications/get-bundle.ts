// A one-stop bundle as the resident's pages show it: the drafts started together (those not yet sent),
// each with its form version, what is still missing, and the shared answers step built from their
// forms; and, once signed, the applications it became, each with its own reference and arrival (R1).
import type { Db } from '../../platform/db/index.ts';
import { mergeSharedAnswers, sharedAnswersOf, sharedFormVersion, type FieldError, type FormVersion } from '../forms/index.ts';
import { applicationNotFound, bundleNotFound, noForm } from './errors.ts';
import { FORMS, type FormsPort } from './forms.ts';
import { getDraft, type DraftView } from './get-draft.ts';
import { receiptsOf, type ApplicationReceipt } from './present.ts';
import { isUuid, listApplicationsOfBundle, listBundleDrafts } from './repository.ts';

export interface BundleDraft {
  draft: DraftView;
  version: FormVersion;
  /** The form's errors (all steps); [] when complete. */
  errors: FieldError[];
  ready: boolean;
}

export interface BundleView {
  bundleKey: string;
  drafts: BundleDraft[];
  /** The shared answers step of these forms, and the answers the drafts hold now. */
  shared: FormVersion;
  answers: Record<string, unknown>;
  ready: boolean;
}

export async function getBundle(deps: { db: Db; forms?: FormsPort }, input: { residentId: string; bundleKey: string }): Promise<BundleView> {
  const forms = deps.forms ?? FORMS;
  const rows = await listBundleDrafts(deps.db.kysely, input.residentId, input.bundleKey);
  if (rows.length === 0) throw bundleNotFound();
  const drafts: BundleDraft[] = [];
  for (const row of rows) {
    const draft = await getDraft(deps, { residentId: input.residentId, draftId: row.id });
    const version = await forms.loadFormVersion(deps.db, draft.formVersionId);
    if (!version) throw noForm();
    const errors = forms.validateFormData(version, draft.data);
    drafts.push({ draft, version, errors, ready: errors.length === 0 && draft.attachmentCheck.missing.length === 0 });
  }
  const shared = sharedFormVersion(drafts.map((d) => d.version));
  const answers = mergeSharedAnswers(...drafts.map((d) => sharedAnswersOf(d.version.definition.layout, d.draft.data)));
  return { bundleKey: input.bundleKey, drafts, shared, answers, ready: drafts.length >= 2 && drafts.every((d) => d.ready) };
}

/** The applications a signed bundle became: the resident's own only. */
export async function getSentBundle(deps: { db: Db }, input: { residentId: string; bundleId: string }): Promise<ApplicationReceipt[]> {
  if (!isUuid(input.bundleId)) throw applicationNotFound();
  const rows = (await listApplicationsOfBundle(deps.db.kysely, input.bundleId)).filter((r) => r.resident_id === input.residentId);
  if (rows.length === 0) throw applicationNotFound();
  return receiptsOf(deps.db.kysely, rows);
}
