// "My applications" (§3.4): the resident's applications, newest first, and one with its data,
// receipt and status timeline. Residents read only their own (by resident id; platform work).
import type { Db } from '../../platform/db/index.ts';
import { applicationNotFound, attachmentNotFound } from './errors.ts';
import { detailOf, receiptsOf, type ApplicationDetail, type ApplicationReceipt } from './present.ts';
import { findApplicationAttachment, findApplicationOfResident, listApplicationsOfResident, readBlob } from './repository.ts';

export async function listMyApplications(
  deps: { db: Db },
  input: { residentId: string; limit?: number; offset?: number },
): Promise<{ total: number; items: ApplicationReceipt[] }> {
  const { rows, total } = await listApplicationsOfResident(deps.db.kysely, input.residentId, { limit: input.limit ?? 50, offset: input.offset ?? 0 });
  return { total, items: await receiptsOf(deps.db.kysely, rows) };
}

export async function getMyApplication(deps: { db: Db }, input: { residentId: string; applicationId: string }): Promise<ApplicationDetail> {
  const row = await findApplicationOfResident(deps.db.kysely, input.residentId, input.applicationId);
  if (!row) throw applicationNotFound();
  return detailOf(deps.db.kysely, row, { forStaff: false });
}

export async function readMyAttachment(
  deps: { db: Db },
  input: { residentId: string; applicationId: string; attachmentId: string },
): Promise<{ name: string; mediaType: string; bytes: Uint8Array }> {
  const row = await findApplicationOfResident(deps.db.kysely, input.residentId, input.applicationId);
  if (!row) throw applicationNotFound();
  const attachment = await findApplicationAttachment(deps.db.kysely, row.id, input.attachmentId);
  const blob = attachment ? await readBlob(deps.db.kysely, attachment.sha256) : undefined;
  if (!attachment || !blob) throw attachmentNotFound();
  return { name: attachment.name, mediaType: attachment.media_type, bytes: blob.bytes };
}
