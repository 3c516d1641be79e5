// Personal data in inquiries is kept only as long as the operator sets (HELP_INQUIRY_RETENTION_DAYS):
// daily, the text, contact address, replies and recorded e-mails of inquiries closed longer ago than
// that are erased. The inquiry itself stays with its timings, so response times are still measured;
// each erasure writes its history row. Safe to run again: erased inquiries are not picked again.
import type { Db } from '../../../platform/db/index.ts';
import { defineJob, type JobDefinition } from '../../../platform/jobs/index.ts';
import { eraseClosedInquiries } from '../repository.ts';

export const ERASE_INQUIRIES_JOB_NAME = 'help.erase-inquiries';
const BATCH = 200;

/** Erases closed inquiries older than the retention period, a batch per transaction; returns how many. */
export async function eraseExpiredInquiries(db: Db, retentionDays: number, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - retentionDays * 24 * 3600 * 1000);
  let total = 0;
  for (;;) {
    const erased = await eraseClosedInquiries(db.kysely, before, BATCH);
    total += erased;
    if (erased < BATCH) return total;
  }
}

export function eraseInquiriesJob(db: Db, retentionDays: number): JobDefinition<Record<string, never>> {
  return defineJob<Record<string, never>>({
    name: ERASE_INQUIRIES_JOB_NAME,
    version: 1,
    // Daily at 03:17 Japan time (18:17 UTC), away from the hour's other jobs.
    cron: '17 18 * * *',
    async handler(_data, context) {
      const erased = await eraseExpiredInquiries(db, retentionDays);
      context.logger.info({ erased, retentionDays }, 'personal data of closed inquiries erased');
    },
  });
}
