// A draft made ready to sign or submit: the service still takes it, the data passes the exact form
// version it was filled in (cleaned of hidden answers), required attachments are there, and the
// application document — the bytes to sign (R4: with the attachment digests) — is built.
import type { Db } from '../../platform/db/index.ts';
import { draftNotFound, attachmentsMissing, invalidData, municipalityUnknown, noForm, serviceNotAvailable } from './errors.ts';
import { FORMS, type FormsPort, type FormVersion } from './forms.ts';
import { findDraftContext, type DraftAttachmentRow, type DraftContextRow } from './repository.ts';
import { checkAttachments, serviceForApplication, type AttachmentCheck, type ServiceForApplication } from './service-rules.ts';
import { buildApplicationDocument, sha256Hex } from './signed-content.ts';

export interface PreparedDraft {
  draftId: string;
  draftVersion: number;
  service: ServiceForApplication;
  formVersion: FormVersion;
  municipalityCode: string;
  data: Record<string, unknown>;
  attachments: DraftAttachmentRow[];
  check: AttachmentCheck;
  content: Uint8Array;
  contentSha256: string;
  /** The account's login certificate, read in the same statement: whose card may sign (R17). */
  loginCertificate: DraftContextRow['login_certificate'];
}

type Deps = { db: Db; forms?: FormsPort };

export async function prepareDraft(deps: Deps, residentId: string, draftId: string): Promise<PreparedDraft> {
  return prepareFromContext(deps, await findDraftContext(deps.db.kysely, residentId, draftId, null));
}

/** Prepares from what findDraftContext read (one statement), so a caller can look at it first. */
export async function prepareFromContext(deps: Deps, context: DraftContextRow): Promise<PreparedDraft> {
  const forms = deps.forms ?? FORMS;
  const { draft } = context;
  if (!draft) throw draftNotFound();
  if (!context.service) throw serviceNotAvailable();
  const service = serviceForApplication(context.service);
  if (!service.acceptsSigned) throw serviceNotAvailable();
  const formVersion = await forms.loadFormVersion(deps.db, draft.form_version_id);
  if (!formVersion) throw noForm();
  const { errors, data } = forms.checkFormData(formVersion, draft.data);
  if (errors.length > 0) throw invalidData(errors);
  const attachments = context.attachments;
  const check = checkAttachments(service, attachments);
  if (check.missing.length > 0) throw attachmentsMissing(check.missing);
  // The municipality an application goes to: the service's, or for a national or prefectural
  // service the resident's.
  const municipalityCode = service.municipalityCode ?? context.home_municipality_code;
  if (!municipalityCode) throw municipalityUnknown();
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
    loginCertificate: context.login_certificate,
  };
}
