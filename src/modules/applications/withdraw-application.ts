// A resident withdraws an application before the municipality has decided on it. The status and its
// timeline event are one transaction; what arrived, and when, stays as it was (R1).
import type { Db } from '../../platform/db/index.ts';
import { applicationNotFound, notWithdrawable } from './errors.ts';
import { detailOf, WITHDRAWABLE, type ApplicationDetail } from './present.ts';
import { findApplicationOfResident, moveApplicationStatus } from './repository.ts';

export async function withdrawApplication(
  deps: { db: Db },
  input: { residentId: string; applicationId: string; reason?: string | null },
): Promise<ApplicationDetail> {
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findApplicationOfResident(trx, input.residentId, input.applicationId);
    if (!row) throw applicationNotFound();
    const moved = await moveApplicationStatus(trx, {
      applicationId: row.id,
      from: WITHDRAWABLE,
      to: 'withdrawn',
      residentId: input.residentId,
      event: { kind: 'withdrawn', actorKind: 'resident', actorId: input.residentId, message: input.reason?.trim() || null },
    });
    if (!moved) throw notWithdrawable();
    const after = await findApplicationOfResident(trx, input.residentId, row.id);
    return detailOf(trx, after!, { forStaff: false });
  });
}
