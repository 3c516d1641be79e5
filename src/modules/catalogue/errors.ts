// The catalogue module's error codes (stable; problem+json `code`). The errors themselves are made
// where they are thrown; their codes and kinds are all here.
import type { ModuleErrorCodes } from '../../platform/errors.ts';

/** Every code this module throws, with its kind (and so its HTTP status): one place (issue #11, point 13). */
export const errorCodes = {
  'catalogue.bad_import_file': 'bad_request',
  'catalogue.invalid_household': 'bad_request',
  'catalogue.invalid_search': 'bad_request',
  'catalogue.invalid_service': 'bad_request',
  'catalogue.life_event_not_found': 'not_found',
  'catalogue.service_not_found': 'not_found',
  'catalogue.version_conflict': 'conflict',
} as const satisfies ModuleErrorCodes<'catalogue'>;

// AppError takes these codes, each only with its kind: tsc refuses any other (platform/errors.ts).
type Codes = typeof errorCodes;
declare module '../../platform/errors.ts' {
  interface ErrorCodes extends Codes {}
}
