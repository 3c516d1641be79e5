// A resident withdraws an application before the municipality has decided on it. The status and its
// timeline event are one transaction; what arrived, and when, stays as it was (R1).
import type { Db } from '../../platform/db/index.ts';
import { applicationNotFound, notWithdrawable } from './errors.ts';
import { detailOf, WITHDRAWABLE, type ApplicationDetail } from './present.ts';
import { findApplicationOfResident, insertEvent, updateStatus } from './repository.ts';

export async function withdrawApplication(
  deps: { db: Db },
  input: { residentId: string; applicationId: string; reason?: string | null },
): Promise<ApplicationDetail> {
  return deps.db.kysely.transaction().execute(async (trx) => {
    const row = await findApplicationOfResident(trx, input.residentId, input.applicationId);
    if (!row) throw applicationNotFound();
    const moved = await updateStatus(trx, row.id, WITHDRAWABLE, 'withdrawn', input.residentId);
    if (!moved) throw notWithdrawable();
    await insertEvent(trx, {
      applicationId: row.id,
      municipalityCode: row.municipality_code,
      kind: 'withdrawn',
      status: 'withdrawn',
      actorKind: 'resident',
      actorId: input.residentId,
      message: input.reason?.trim() || null,
    });
    const after = await findApplicationOfResident(trx, input.residentId, row.id);
    return detailOf(trx, after!, { forStaff: false });
  });
}
