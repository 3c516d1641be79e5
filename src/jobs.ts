// Every job definition of the platform, in one list: each node registers all of them.
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/index.ts';
import type { JobDefinition } from './platform/jobs/index.ts';
import { refreshMasterJob } from './modules/municipalities/index.ts';
import { collectBlobsJob, reverifySignatureJob } from './modules/applications/index.ts';
import { eraseInquiriesJob } from './modules/help/index.ts';

/** `config`: the settings jobs read (the inquiry retention period); its default when not given. */
export function allJobDefinitions(db: Db, config: Pick<Config, 'HELP_INQUIRY_RETENTION_DAYS'> = { HELP_INQUIRY_RETENTION_DAYS: 365 }): JobDefinition<any>[] {
  return [refreshMasterJob(db), reverifySignatureJob(db), collectBlobsJob(db), eraseInquiriesJob(db, config.HELP_INQUIRY_RETENTION_DAYS)];
}
