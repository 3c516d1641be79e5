// Every job definition of the platform, in one list: each node registers all of them.
import type { Config } from './platform/config.ts';
import type { Db } from './platform/db/index.ts';
import type { JobDefinition } from './platform/jobs/index.ts';
import { refreshMasterJob } from './modules/municipalities/index.ts';
import { collectBlobsJob, reverifySignatureJob } from './modules/applications/index.ts';
import { witnessJob } from './modules/evidence/index.ts';
import { eraseInquiriesJob } from './modules/help/index.ts';

/**
 * `config`: the settings jobs read (the logs to witness, the inquiry retention period). Without one
 * (tests of other jobs) the witness job watches no log and inquiries are kept 365 days.
 */
export function allJobDefinitions(db: Db, config?: Config): JobDefinition<any>[] {
  const witness = config?.evidence;
  return [
    refreshMasterJob(db),
    reverifySignatureJob(db),
    collectBlobsJob(db),
    witnessJob(db, { logs: witness?.witness ?? [], intervalSeconds: witness?.witnessIntervalSeconds ?? 60, fullEvery: witness?.witnessFullEvery ?? 60 }),
    eraseInquiriesJob(db, config?.HELP_INQUIRY_RETENTION_DAYS ?? 365),
  ];
}
