// Attaching a document to a draft (§3.4): size and count limited, the type taken from the content
// (PDF and images only), the bytes stored once by SHA-256 however often and by whomever they are
// uploaded. Changing attachments changes the draft's version: the signing payload changes with it (R4).
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import { limitsOf, type ApplicationsDeps } from './deps.ts';
import { detectMediaType } from './detect-media-type.ts';
import { attachmentEmpty, attachmentTooLarge, attachmentTypeRefused, draftNotFound, tooManyAttachments } from './errors.ts';
import { attachmentViewOf, type DraftAttachmentView } from './get-draft.ts';
import { findDraft, keepBlob, insertBlob, insertDraftAttachment, listDraftAttachments, touchDraft } from './repository.ts';
import { loadServiceForApplication } from './service-rules.ts';

export interface UploadAttachmentInput {
  residentId: string;
  draftId: string;
  /** The file name as uploaded; only used as a label. */
  filename: string;
  /** Which of the service's attachments this is (its name); null or absent: another document. */
  requirement?: string | null;
  bytes: Uint8Array;
}

// Control characters, and the bidirectional controls (U+061C, U+200E/F, U+202A–E, U+2066–9) that
// make "invoice\u202Efdp.exe" show to staff as "invoiceexe.pdf" (issue #11, point 8), and lone
// surrogates, which no database can store as text.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A label safe to show and to use as the key of the digest in the signed content. */
export function cleanName(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  // Cut by code points, so the cut never leaves half of a surrogate pair behind.
  const clean = Array.from(base.replace(UNSAFE_IN_NAME, '').trim()).slice(0, 150).join('').trim();
  return clean || 'attachment';
}

function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function uploadAttachment(deps: ApplicationsDeps, input: UploadAttachmentInput): Promise<DraftAttachmentView> {
  const limits = limitsOf(deps);
  if (input.bytes.byteLength === 0) throw attachmentEmpty();
  if (input.bytes.byteLength > limits.maxBytes) throw attachmentTooLarge(limits.maxBytes);
  const mediaType = detectMediaType(input.bytes);
  if (!mediaType) throw attachmentTypeRefused();
  const db = deps.db.kysely;
  const draft = await findDraft(db, input.residentId, input.draftId);
  if (!draft) throw draftNotFound();
  const requirement = input.requirement?.trim() || null;
  if (requirement) {
    const service = await loadServiceForApplication(deps.db, draft.service_id);
    if (!service.attachments.some((a) => a.name === requirement)) {
      throw new AppError('applications.unknown_requirement', 'bad_request', 'This service asks for no attachment of that name.', {
        ja: 'このサービスでは、その名前の添付書類は求められていません。',
        fields: [{ field: 'requirement', rule: 'enum', message: { en: 'not one of the service’s attachments', ja: 'サービスの添付書類から選んでください' } }],
      });
    }
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  // Content-addressed, outside the draft's transaction: the bytes are sent only when new; a blob left
  // behind by a failed attach is found again by the same bytes, or collected after a day.
  if (!(await keepBlob(db, sha256))) await insertBlob(db, { sha256, mediaType, bytes: input.bytes });
  const row = await db.transaction().execute(async (trx) => {
    const locked = await findDraft(trx, input.residentId, input.draftId, { forUpdate: true });
    if (!locked) throw draftNotFound();
    const existing = await listDraftAttachments(trx, [locked.id]);
    if (existing.length >= limits.maxCount) throw tooManyAttachments(limits.maxCount);
    const name = uniqueName(cleanName(input.filename), new Set(existing.map((a) => a.name)));
    const inserted = await insertDraftAttachment(trx, { draftId: locked.id, name, requirement, mediaType, size: input.bytes.byteLength, sha256 });
    await touchDraft(trx, locked.id);
    return inserted;
  });
  return attachmentViewOf(row);
}
