// The evidence module's error codes (stable; problem+json `code`), each with Japanese and English.
import { AppError, type ModuleErrorCodes } from '../../platform/errors.ts';

/** Every code this module throws, with its kind (and so its HTTP status): one place (issue #11, point 13). */
export const errorCodes = {
  /** A size, leaf or range the log does not have (beyond its head, or the wrong way round). */
  'evidence.bad_range': 'bad_request',
  /** No checkpoint has been signed yet. */
  'evidence.no_checkpoint': 'not_found',
} as const satisfies ModuleErrorCodes<'evidence'>;

// AppError takes these codes, each only with its kind: tsc refuses any other (platform/errors.ts).
type Codes = typeof errorCodes;
declare module '../../platform/errors.ts' {
  interface ErrorCodes extends Codes {}
}

/** A leaf, size or range the log does not have (yet): sizes above the latest tree head are refused. */
export const badRange = (detail: { en: string; ja: string }) =>
  new AppError('evidence.bad_range', 'bad_request', detail.en, { ja: detail.ja });
