// Attachment bytes nothing refers to any more are deleted (a resident removed an upload, a draft was
// discarded or expired). Blobs are content-addressed and shared, so a blob goes only when no draft
// attachment and no application attachment names it, and only a day after it was stored: an upload
// in progress stores its bytes a moment before it attaches them. Applications' attachments are
// records and keep their bytes for as long as the application exists. Hourly; safe to run again.
import type { Db } from '../../../platform/db/index.ts';
import { defineJob, type JobDefinition } from '../../../platform/jobs/index.ts';
import { deleteUnreferencedBlobs } from '../repository.ts';

export const COLLECT_BLOBS_JOB_NAME = 'applications.collect-blobs';
/** How long stored bytes may wait for the attachment that refers to them. */
export const BLOB_GRACE_MS = 24 * 3600 * 1000;
const BATCH = 500;

/** Deletes unreferenced blobs stored before `now - grace`, a batch at a time; returns how many. */
export async function collectBlobs(db: Db, now = new Date(), graceMs = BLOB_GRACE_MS): Promise<number> {
  const before = new Date(now.getTime() - graceMs);
  let total = 0;
  for (;;) {
    const deleted = await deleteUnreferencedBlobs(db.kysely, before, BATCH);
    total += deleted;
    if (deleted < BATCH) return total;
  }
}

export function collectBlobsJob(db: Db): JobDefinition<Record<string, never>> {
  return defineJob<Record<string, never>>({
    name: COLLECT_BLOBS_JOB_NAME,
    version: 1,
    cron: '23 * * * *',
    async handler(_data, context) {
      const deleted = await collectBlobs(db);
      context.logger.info({ deleted }, 'unreferenced attachment bytes deleted');
    },
  });
}
