// The catalogue module (PRODUCT.md §3.2, §3.3, §5): national procedures, services and their
// maintenance, search, and benefit estimates with rules kept as code and dated parameter tables
// (ADR 0011).
export { benefitsRoutes } from './benefits/routes.ts';
export { estimateBenefits, validateEstimateInput, EARLIEST_ESTIMATE_DATE } from './benefits/estimate-benefits.ts';
export type { BenefitEstimate, EstimateInput, EstimateResult, MemberInput, Reason } from './benefits/types.ts';
export { ensureNationalProcedures } from './ensure-procedures.ts';
export { NATIONAL_PROCEDURES } from './national-procedures.ts';
export { CATEGORIES, LIFE_EVENTS, APPLY_METHODS, labelOf, type Term } from './taxonomy.ts';
export { ServiceInputSchema, validateServiceInput, type ServiceInput } from './service-input.ts';
export {
  createService,
  updateService,
  setServiceStatus,
  adoptService,
  inWriterTransaction,
  serviceNotFound,
  type Writer,
  type Owner,
  type ServiceRow,
  type CreateServiceArgs,
  type UpdateServiceArgs,
} from './maintenance/save-service.ts';
export { cataloguePages } from './pages/index.tsx';
export { listServiceExternalKeys, externalKey as serviceExternalKey, findServicesByExternalIds, listLifeEventServices, findMunicipalityName } from './pages/repository.ts';
export { inputOfRow } from './maintenance/service-fields.ts';
// Residents' search (ADR 0012).
export { searchRoutes } from './search/routes.ts';
export {
  searchServices,
  planSearch,
  resolveMunicipality,
  todayInJapan,
  DEFAULT_SEARCH_ENGINE,
  type SearchDeps,
  type SearchEngine,
  type ServiceSearchQuery,
  type ServiceSearchResult,
  type ServiceSearchItem,
} from './search/search-services.ts';
export { getPublicService } from './search/get-service.ts';
export { normalizeText, normalizeQuery } from './search/normalize.ts';
export { maintenanceRoutes, serviceApiRoutes } from './maintenance/routes.ts';
export { servicesCommands } from './maintenance/cli.ts';
export { importServices, type ImportReport, type RejectedRecord } from './maintenance/import-services.ts';
export { exportServices } from './maintenance/export-services.ts';
export { OPEN_DATA_COLUMNS, parseRecordsFile, normaliseDate } from './maintenance/open-data-layout.ts';
// The search's segmenter, for other small corpora searched the same way (the help module's FAQ).
export { planWords, type PlanWord } from './search/plan.ts';
export { bigramsOf } from './search/segment.ts';
