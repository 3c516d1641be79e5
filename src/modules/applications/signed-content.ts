// The documents a resident signs. One application: its RFC 8785 JSON with the attachment digests in
// the same shape as signatures' buildSignedContent (R4), built from the stored digests so the bytes
// need not be re-read. A bundle (one signing step for a life event): a document listing the SHA-256
// of each application's document; each application keeps its own document and the bundle's.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.ts';
import type { AttachmentDigest } from '../signatures/index.ts';

export const APPLICATION_DOCUMENT_TYPE = 'kosodate-onestop/application';
export const BUNDLE_DOCUMENT_TYPE = 'kosodate-onestop/bundle';

export interface ApplicationDocumentInput {
  draftId: string;
  serviceId: string;
  municipalityCode: string;
  formVersionId: string;
  data: Record<string, unknown>;
  attachments: AttachmentDigest[];
}

function encode(document: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(document));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function buildApplicationDocument(input: ApplicationDocumentInput): Uint8Array {
  return encode({
    type: APPLICATION_DOCUMENT_TYPE,
    version: 1,
    draftId: input.draftId,
    serviceId: input.serviceId,
    municipalityCode: input.municipalityCode,
    formVersionId: input.formVersionId,
    data: input.data,
    // The order of attachments does not matter to the meaning; a stable one keeps the bytes stable.
    attachments: [...input.attachments]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((a) => ({ name: a.name, mediaType: a.mediaType, size: a.size, sha256: a.sha256 })),
  });
}

export function buildBundleDocument(applications: Array<{ draftId: string; serviceId: string; content: Uint8Array }>): Uint8Array {
  return encode({
    type: BUNDLE_DOCUMENT_TYPE,
    version: 1,
    applications: applications.map((a) => ({ draftId: a.draftId, serviceId: a.serviceId, contentSha256: sha256Hex(a.content) })),
  });
}

/** Whether a bundle document lists this application document (its digest). */
export function bundleListsContent(bundle: Uint8Array, content: Uint8Array): boolean {
  const parsed = JSON.parse(new TextDecoder().decode(bundle)) as { type?: string; applications?: Array<{ contentSha256?: string }> };
  const digest = sha256Hex(content);
  return parsed.type === BUNDLE_DOCUMENT_TYPE && (parsed.applications ?? []).some((a) => a.contentSha256 === digest);
}
