// The evidence module's error codes (stable; problem+json `code`), with their kinds.
import { AppError, type ModuleErrorCodes } from '../../platform/errors.ts';

/** Every code this module throws, with its kind (and so its HTTP status): one place (issue #11, point 13). */
export const errorCodes = {
  /** A size, leaf or range the log does not have (beyond its head, or the wrong way round). */
  'evidence.bad_range': 'bad_request',
  /** No checkpoint has been signed yet. */
  'evidence.no_checkpoint': 'not_found',
  /** The fact has no signed checkpoint over it yet (a second or two after it was recorded): try again. */
  'evidence.pending': 'conflict',
} as const satisfies ModuleErrorCodes<'evidence'>;

// AppError takes these codes, each only with its kind: tsc refuses any other (platform/errors.ts).
type Codes = typeof errorCodes;
declare module '../../platform/errors.ts' {
  interface ErrorCodes extends Codes {}
}

/** A leaf, size or range the log does not have (yet): sizes above the latest tree head are refused. */
export const badRange = (detail: { en: string; ja: string }) =>
  new AppError('evidence.bad_range', 'bad_request', detail.en, { ja: detail.ja });

/** A proof asked for in the second or two before a signed checkpoint covers its fact (Retry-After says when to ask again). */
export const evidencePending = () =>
  new AppError('evidence.pending', 'conflict', 'The proof is not ready yet: the log signs its next checkpoint within seconds. Try again shortly.', {
    ja: '証明はまだ準備中です。記録簿の次の署名（チェックポイント）は数秒以内にできます。少し待ってからもう一度お試しください。',
  });
