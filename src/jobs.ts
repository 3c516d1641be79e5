// Every job definition of the platform, in one list: each node registers all of them.
import type { Db } from './platform/db/index.ts';
import type { JobDefinition } from './platform/jobs/index.ts';
import { refreshMasterJob } from './modules/municipalities/index.ts';
import { collectBlobsJob, reverifySignatureJob } from './modules/applications/index.ts';

export function allJobDefinitions(db: Db): JobDefinition<any>[] {
  return [refreshMasterJob(db), reverifySignatureJob(db), collectBlobsJob(db)];
}
