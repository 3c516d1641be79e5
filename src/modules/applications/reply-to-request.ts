// A resident answers the municipality's request for more information: a message, new data and/or
// new attachments, recorded as a timeline event of their own. The application's original data,
// content and signature never change (R1); the reply's attachments are linked to the reply.
import { createHash } from 'node:crypto';
import { AppError } from '../../platform/errors.ts';
import { limitsOf, type ApplicationsDeps } from './deps.ts';
import { detectMediaType } from './detect-media-type.ts';
import { applicationNotFound, attachmentEmpty, attachmentTooLarge, attachmentTypeRefused, noInformationRequested, tooManyAttachments } from './errors.ts';
import { detailOf, type ApplicationDetail } from './present.ts';
import { findApplicationOfResident, keepBlob, insertApplicationAttachments, insertBlob, moveApplicationStatus } from './repository.ts';
import { cleanName } from './upload-attachment.ts';

export interface ReplyInput {
  residentId: string;
  applicationId: string;
  message: string;
  data?: Record<string, unknown> | null;
  files?: Array<{ filename: string; bytes: Uint8Array }>;
}

export async function replyToRequest(deps: ApplicationsDeps, input: ReplyInput): Promise<ApplicationDetail> {
  const limits = limitsOf(deps);
  const message = input.message.trim();
  const files = input.files ?? [];
  if (!message && !input.data && files.length === 0) {
    throw new AppError('applications.empty_reply', 'bad_request', 'Write a message or add data or a document to reply.', {
      ja: '回答として、メッセージを入力するか、情報または書類を追加してください。',
      fields: [{ field: 'message', rule: 'required', message: { en: 'write a message', ja: 'メッセージを入力してください' } }],
    });
  }
  if (files.length > limits.maxCount) throw tooManyAttachments(limits.maxCount);
  const checked = files.map((f) => {
    if (f.bytes.byteLength === 0) throw attachmentEmpty();
    if (f.bytes.byteLength > limits.maxBytes) throw attachmentTooLarge(limits.maxBytes);
    const mediaType = detectMediaType(f.bytes);
    if (!mediaType) throw attachmentTypeRefused();
    return { name: cleanName(f.filename), mediaType, bytes: f.bytes, sha256: createHash('sha256').update(f.bytes).digest('hex') };
  });
  const db = deps.db.kysely;
  for (const f of checked) if (!(await keepBlob(db, f.sha256))) await insertBlob(db, f);
  return db.transaction().execute(async (trx) => {
    const row = await findApplicationOfResident(trx, input.residentId, input.applicationId);
    if (!row) throw applicationNotFound();
    const moved = await moveApplicationStatus(trx, {
      applicationId: row.id,
      from: ['info_requested'],
      to: 'in_review',
      residentId: input.residentId,
      event: { kind: 'resident_replied', actorKind: 'resident', actorId: input.residentId, message: message || null, data: input.data ?? null },
    });
    if (!moved) throw noInformationRequested();
    const { eventId } = moved;
    await insertApplicationAttachments(
      trx,
      checked.map((f) => ({
        applicationId: row.id,
        municipalityCode: row.municipality_code,
        eventId,
        name: f.name,
        requirement: null,
        originalRequired: false,
        mediaType: f.mediaType,
        size: f.bytes.byteLength,
        sha256: f.sha256,
      })),
    );
    const after = await findApplicationOfResident(trx, input.residentId, row.id);
    return detailOf(trx, after!, { forStaff: false });
  });
}
