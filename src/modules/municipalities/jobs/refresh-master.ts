// Keeps the municipality master in step with the package once a day (a new package release after
// a merger of municipalities lands without a migration). Safe to retry: the load is an upsert.
import type { Db } from '../../../platform/db/index.ts';
import { defineJob } from '../../../platform/jobs/index.ts';
import { ensureMunicipalityMaster } from '../ensure-master.ts';

export function refreshMasterJob(db: Db) {
  return defineJob<Record<string, never>>({
    name: 'municipalities.refresh-master',
    version: 1,
    cron: '17 3 * * *',
    retryLimit: 3,
    async handler(_data, { logger }) {
      const result = await ensureMunicipalityMaster(db.kysely);
      logger.info(result, 'municipality master checked');
    },
  });
}
