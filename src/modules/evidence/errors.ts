// The evidence module's error codes (stable; problem+json `code`), each with Japanese and English.
import { AppError, type ModuleErrorCodes } from '../../platform/errors.ts';

/** Every code this module throws, with its kind (and so its HTTP status). */
export const errorCodes = {
  'evidence.bad_range': 'bad_request',
} as const satisfies ModuleErrorCodes<'evidence'>;

type Codes = typeof errorCodes;
declare module '../../platform/errors.ts' {
  interface ErrorCodes extends Codes {}
}

/** A leaf, size or range the log does not have (yet): sizes above the latest tree head are refused. */
export const badRange = (detail: { en: string; ja: string }) =>
  new AppError('evidence.bad_range', 'bad_request', detail.en, { ja: detail.ja });
