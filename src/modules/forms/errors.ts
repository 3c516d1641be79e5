// The forms module's error codes (stable; problem+json `code`). The errors themselves are made where
// they are thrown; their codes and kinds are all here.
import type { ModuleErrorCodes } from '../../platform/errors.ts';

/** Every code this module throws, with its kind (and so its HTTP status): one place (issue #11, point 13). */
export const errorCodes = {
  'forms.invalid_edit': 'bad_request',
  'forms.invalid_layout': 'bad_request',
  'forms.not_adopted': 'bad_request',
  'forms.not_found': 'not_found',
  'forms.revision_conflict': 'conflict',
  'forms.service_not_found': 'not_found',
} as const satisfies ModuleErrorCodes<'forms'>;

// AppError takes these codes, each only with its kind: tsc refuses any other (platform/errors.ts).
type Codes = typeof errorCodes;
declare module '../../platform/errors.ts' {
  interface ErrorCodes extends Codes {}
}
