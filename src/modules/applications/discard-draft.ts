// A resident throws a draft away (its attachments' references go with it; the bytes stay for any
// other draft or application that holds the same digest).
import type { Db } from '../../platform/db/index.ts';
import { draftNotFound } from './errors.ts';
import { deleteDraft } from './repository.ts';

export async function discardDraft(deps: { db: Db }, input: { residentId: string; draftId: string }): Promise<void> {
  if (!(await deleteDraft(deps.db.kysely, input.residentId, input.draftId))) throw draftNotFound();
}
