// The municipalities module's error codes (stable; problem+json `code`), with their kinds.
import type { ModuleErrorCodes } from '../../platform/errors.ts';

/** Every code this module throws, with its kind (and so its HTTP status): one place (issue #11, point 13). */
export const errorCodes = {
  'municipalities.invalid_code': 'bad_request',
  'municipalities.not_found': 'not_found',
} as const satisfies ModuleErrorCodes<'municipalities'>;

// AppError takes these codes, each only with its kind: tsc refuses any other (platform/errors.ts).
type Codes = typeof errorCodes;
declare module '../../platform/errors.ts' {
  interface ErrorCodes extends Codes {}
}
