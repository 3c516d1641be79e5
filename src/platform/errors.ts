// One error type for the whole platform. Each module owns its codes: its errors.ts lists them with
// their kind, one table maps a kind to an HTTP status, and every HTTP error leaves as
// application/problem+json with a stable code. A code has one kind, so one status, everywhere: the
// lists merge into `ErrorCodes` below and AppError takes only a listed code with its own kind
// (issue #11, point 13; src/error-codes.test.ts checks the rest: owners, duplicates, literals).

export type ErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export const STATUS_OF_KIND: Record<ErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** A module's list of codes: each begins with the module's name. */
export type ModuleErrorCodes<M extends string> = Record<`${M}.${string}`, ErrorKind>;

/** The platform's own codes (the HTTP edge and readiness). */
export const platformErrorCodes = {
  internal: 'internal',
  not_found: 'not_found',
  'metrics.forbidden': 'forbidden',
  'platform.database_unavailable': 'unavailable',
  'request.bad': 'bad_request',
  'request.invalid': 'bad_request',
  'request.rate_limited': 'rate_limited',
  'request.too_large': 'payload_too_large',
  'request.unsupported_media_type': 'unsupported_media_type',
} as const satisfies Record<string, ErrorKind>;

type PlatformCodes = typeof platformErrorCodes;

/** Every code with its kind: the platform's here, each module's added by its errors.ts (declaration merging). */
export interface ErrorCodes extends PlatformCodes {}

export type ErrorCode = keyof ErrorCodes;

/** A field-level problem: which field, which rule, in both languages. */
export interface FieldProblem {
  /** JSON pointer or form field name. */
  field: string;
  /** The rule that failed, e.g. 'required', 'pattern', 'maxLength'. */
  rule: string;
  message: { ja: string; en: string };
}

export interface AppErrorOptions {
  /** Message in Japanese; `message` is the English one. */
  ja?: string;
  fields?: FieldProblem[];
  cause?: unknown;
  /** Extra members for the problem document (never personal data). */
  extra?: Record<string, unknown>;
}

export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: number;
  readonly ja: string;
  readonly fields: FieldProblem[];
  readonly extra: Record<string, unknown>;

  constructor(
    /** Stable, dotted code: `<module>.<what>`, e.g. `municipalities.not_found`. */
    readonly code: C,
    /** Always the kind the code is listed with: the type allows no other. */
    readonly kind: ErrorCodes[C],
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.status = STATUS_OF_KIND[kind];
    this.ja = options.ja ?? message;
    this.fields = options.fields ?? [];
    this.extra = options.extra ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The JSON body of an application/problem+json response (RFC 9457). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  detailJa: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extra: string]: unknown;
}

export function toProblem(error: AppError, requestId?: string, instance?: string): Problem {
  return {
    ...error.extra,
    type: `urn:onestop:problem:${error.code}`,
    title: error.code,
    status: error.status,
    code: error.code,
    detail: error.message,
    detailJa: error.ja,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(error.fields.length > 0 ? { errors: error.fields } : {}),
  };
}
