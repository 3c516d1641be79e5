// A draft made ready to sign or submit: the service still takes it, the data passes the exact form
// version it was filled in (cleaned of hidden answers), required attachments are there, and the
// application document — the bytes to sign (R4: with the attachment digests) — is built.
import type { Db } from '../../platform/db/index.ts';
import { draftNotFound, attachmentsMissing, invalidData, noForm, serviceNotAvailable } from './errors.ts';
import { FORMS, type FormsPort, type FormVersion } from './forms.ts';
import { findDraft, listDraftAttachments } from './repository.ts';
import { checkAttachments, destinationOf, loadServiceForApplication, type AttachmentCheck, type ServiceForApplication } from './service-rules.ts';
import { buildApplicationDocument, sha256Hex } from './signed-content.ts';

export interface PreparedDraft {
  draftId: string;
  draftVersion: number;
  service: ServiceForApplication;
  formVersion: FormVersion;
  municipalityCode: string;
  data: Record<string, unknown>;
  attachments: Awaited<ReturnType<typeof listDraftAttachments>>;
  check: AttachmentCheck;
  content: Uint8Array;
  contentSha256: string;
}

export async function prepareDraft(deps: { db: Db; forms?: FormsPort }, residentId: string, draftId: string): Promise<PreparedDraft> {
  const forms = deps.forms ?? FORMS;
  const draft = await findDraft(deps.db.kysely, residentId, draftId);
  if (!draft) throw draftNotFound();
  const service = await loadServiceForApplication(deps.db, draft.service_id);
  if (!service.acceptsSigned) throw serviceNotAvailable();
  const formVersion = await forms.loadFormVersion(deps.db, draft.form_version_id);
  if (!formVersion) throw noForm();
  const errors = forms.validateFormData(formVersion, draft.data);
  if (errors.length > 0) throw invalidData(errors);
  const data = forms.cleanFormData(formVersion, draft.data);
  const attachments = await listDraftAttachments(deps.db.kysely, [draft.id]);
  const check = checkAttachments(service, attachments);
  if (check.missing.length > 0) throw attachmentsMissing(check.missing);
  const municipalityCode = await destinationOf(deps.db, service, residentId);
  const content = buildApplicationDocument({
    draftId: draft.id,
    serviceId: service.id,
    municipalityCode,
    formVersionId: formVersion.id,
    data,
    attachments: attachments.map((a) => ({ name: a.name, mediaType: a.media_type, size: a.size, sha256: a.sha256 })),
  });
  return {
    draftId: draft.id,
    draftVersion: draft.version,
    service,
    formVersion,
    municipalityCode,
    data,
    attachments,
    check,
    content,
    contentSha256: sha256Hex(content),
  };
}
