// The municipality master (全国地方公共団体コード): list and search API, pages, and its loader.
import type { FastifyPluginAsync } from 'fastify';
import type { Db } from '../../platform/db/index.ts';
import { registerMunicipalityPages } from './pages.tsx';
import { municipalityRoutes } from './routes.ts';

export const municipalitiesModule: FastifyPluginAsync<{ db: Db }> = async (app, { db }) => {
  await app.register(municipalityRoutes, { db });
  registerMunicipalityPages(app, db);
};

export { computeCheckDigit, isValidLocalGovernmentCode } from './check-digit.ts';
export { ensureMunicipalityMaster } from './ensure-master.ts';
export { listParticipating, upsertProfile, findOwnProfile } from './repository.ts';
export { refreshMasterJob } from './jobs/refresh-master.ts';
