// A resident starts applying for a service: a draft on the server (resumable on any device), on the
// form version the service uses now — the application will keep exactly that version. Started
// without data, it is prefilled with what the account already knows (load-known-data.ts).
import type { Db } from '../../platform/db/index.ts';
import { prefillFormData } from '../forms/index.ts';
import { noForm, serviceNotAvailable } from './errors.ts';
import { FORMS, type FormsPort } from './forms.ts';
import { getDraft, type DraftView } from './get-draft.ts';
import { loadKnownData } from './load-known-data.ts';
import { insertDraft } from './repository.ts';
import { loadServiceForApplication } from './service-rules.ts';

export async function startDraft(
  deps: { db: Db; forms?: FormsPort },
  input: { residentId: string; serviceId: string; data?: Record<string, unknown>; currentStep?: string | null },
): Promise<DraftView> {
  const forms = deps.forms ?? FORMS;
  const service = await loadServiceForApplication(deps.db, input.serviceId);
  if (!service.acceptsSigned) throw serviceNotAvailable();
  const version = await forms.formVersionForService(deps.db, service.id);
  if (!version) throw noForm();
  const data = input.data ?? prefillFormData(version, await loadKnownData(deps, input.residentId));
  const draft = await insertDraft(deps.db.kysely, {
    residentId: input.residentId,
    serviceId: service.id,
    formVersionId: version.id,
    data,
    currentStep: input.currentStep ?? null,
  });
  return getDraft(deps, { residentId: input.residentId, draftId: draft.id });
}
