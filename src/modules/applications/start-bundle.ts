// One-stop for a life event, the start (§3.4, issue 6 point 5): the services of the resident's
// municipality for the event that take online applications and have a form, and one draft per
// chosen service under one bundle key — each prefilled with what the account already knows, so
// the shared answers step starts filled where it can.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/index.ts';
import { listLifeEventServices } from '../catalogue/index.ts';
import { prefillFormData, type FormVersion } from '../forms/index.ts';
import { bundleChoiceInvalid, noForm, serviceNotAvailable } from './errors.ts';
import { FORMS, type FormsPort } from './forms.ts';
import { loadKnownData } from './load-known-data.ts';
import { insertDraft } from './repository.ts';
import { loadServiceForApplication } from './service-rules.ts';
import { MAX_BUNDLE_SIZE } from './submit-bundle.ts';

export interface BundleCandidate {
  serviceId: string;
  title: string;
  summary: string | null;
  /** Null for a national or prefectural service (it goes to the resident's municipality). */
  municipalityCode: string | null;
  formTitle: { ja: string; en: string };
}

export async function listBundleCandidates(
  deps: { db: Db; forms?: FormsPort },
  input: { municipalityCode: string; lifeEvent: string },
): Promise<BundleCandidate[]> {
  const forms = deps.forms ?? FORMS;
  const rows = await listLifeEventServices(deps.db.kysely, input);
  const out: BundleCandidate[] = [];
  for (const row of rows) {
    if (!row.applyMethods.some((m) => m === 'signed_online' || m === 'simple_online')) continue;
    const version = await forms.formVersionForService(deps.db, row.id);
    if (!version) continue;
    out.push({ serviceId: row.id, title: row.title, summary: row.summary ?? null, municipalityCode: row.municipalityCode, formTitle: version.title });
  }
  return out;
}

export async function startBundle(
  deps: { db: Db; forms?: FormsPort },
  input: { residentId: string; serviceIds: string[] },
): Promise<{ bundleKey: string; draftIds: string[] }> {
  const forms = deps.forms ?? FORMS;
  const ids = [...new Set(input.serviceIds)];
  if (ids.length < 2 || ids.length > MAX_BUNDLE_SIZE) throw bundleChoiceInvalid(MAX_BUNDLE_SIZE);
  // Every service is checked before any draft is written: a bundle starts whole or not at all.
  const chosen: Array<{ serviceId: string; version: FormVersion }> = [];
  for (const id of ids) {
    const service = await loadServiceForApplication(deps.db, id);
    if (!service.acceptsSigned) throw serviceNotAvailable();
    const version = await forms.formVersionForService(deps.db, service.id);
    if (!version) throw noForm();
    chosen.push({ serviceId: service.id, version });
  }
  const known = await loadKnownData(deps, input.residentId);
  const bundleKey = randomUUID();
  const draftIds = await deps.db.kysely.transaction().execute(async (trx) => {
    const out: string[] = [];
    for (const [bundlePosition, c] of chosen.entries()) {
      const draft = await insertDraft(trx, { residentId: input.residentId, serviceId: c.serviceId, formVersionId: c.version.id, data: prefillFormData(c.version, known), currentStep: null, bundleKey, bundlePosition });
      out.push(draft.id);
    }
    return out;
  });
  return { bundleKey, draftIds };
}
