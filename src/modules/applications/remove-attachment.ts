// Taking an attachment off a draft; the draft's version moves, so an earlier signing payload no
// longer matches (R4).
import type { Db } from '../../platform/db/index.ts';
import { attachmentNotFound, draftNotFound } from './errors.ts';
import { deleteDraftAttachment, findDraft, touchDraft } from './repository.ts';

export async function removeAttachment(deps: { db: Db }, input: { residentId: string; draftId: string; attachmentId: string }): Promise<void> {
  await deps.db.kysely.transaction().execute(async (trx) => {
    const draft = await findDraft(trx, input.residentId, input.draftId, { forUpdate: true });
    if (!draft) throw draftNotFound();
    if (!(await deleteDraftAttachment(trx, draft.id, input.attachmentId))) throw attachmentNotFound();
    await touchDraft(trx, draft.id);
  });
}
