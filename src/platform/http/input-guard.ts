// Hostile input stops at the edge (issue #11, point 2), for every route, whatever its schema or
// body parser says, before any route code, the guard or the database sees it:
// - text no database can hold — NUL (PostgreSQL text cannot store it) and lone UTF-16 surrogates
//   (not Unicode: no UTF-8 encoding, refused by jsonb) — in path parameters, query names and
//   values, and every string and key of a parsed body (JSON, urlencoded, multipart text fields);
// - JSON nested deeper than MAX_DEPTH, found by a scan of the raw text before JSON.parse, so that
//   nothing recursive (validation, canonical JSON, JSON.stringify) ever meets it;
// - integers in request schemas that state no bound get PostgreSQL's integer range, so that
//   `1e20` or `18446744073709551616` is a 400, never a database error; and a numeric field given
//   `Infinity`, `NaN` or `1e400` is refused here, since Ajv's coercion turns the text into a
//   number that then skips every range check.
// Each refusal is a 400 `request.invalid` naming the field, as a schema failure would be.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError, type FieldProblem } from '../errors.ts';
import { sendError, toAppError } from './problems.ts';

export const MAX_DEPTH = 64;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** A route as registered, for tests that must reach every route (the hostile-input fuzz). */
export interface RegisteredRoute {
  method: string;
  url: string;
  config: Record<string, unknown>;
  schema: RouteOptions['schema'];
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[];
  }
}

// eslint-disable-next-line no-control-regex
const BAD_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const RULES = {
  finite: { en: 'must be a finite number', ja: '有限の数値を入力してください' },
  noNul: { en: 'must not contain a NUL character (U+0000)', ja: 'NUL文字（U+0000）は使えません' },
  wellFormed: { en: 'must be well-formed Unicode (a lone surrogate is not)', ja: '文字として正しくない値（単独のサロゲート）が含まれています' },
  maxDepth: { en: `is nested too deeply (at most ${MAX_DEPTH} levels)`, ja: `入れ子が深すぎます（${MAX_DEPTH}段まで）` },
} as const;

/** A field name safe to show and to put in JSON: the offending characters written as escapes. */
function printable(name: string): string {
  return name.replace(new RegExp(BAD_TEXT.source, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function invalid(field: string, rule: keyof typeof RULES): AppError {
  const problem: FieldProblem = { field: printable(field), rule, message: RULES[rule] };
  return new AppError('request.invalid', 'bad_request', 'The request is not valid.', { ja: 'リクエストの内容が正しくありません。', fields: [problem] });
}

function ruleFor(text: string): keyof typeof RULES {
  return text.includes('\u0000') ? 'noNul' : 'wellFormed';
}

/**
 * The first string or key under `value` that a database cannot hold, as a refusal naming it.
 * Iterative, with the same depth bound as JSON, so a deep body from any parser cannot overflow it.
 */
export function findBadText(value: unknown, root: string): AppError | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (BAD_TEXT.test(current)) return invalid(path, ruleFor(current));
      continue;
    }
    if (typeof current !== 'object' || current === null || ArrayBuffer.isView(current)) continue;
    if (depth >= MAX_DEPTH) return invalid(path, 'maxDepth');
    // Reversed onto the stack, so the first bad field in the document is the one named.
    for (const [key, child] of Object.entries(current).reverse()) {
      const childPath = `${path}/${key}`;
      if (BAD_TEXT.test(key)) return invalid(childPath, ruleFor(key));
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}

/** Whether JSON text nests arrays and objects deeper than `limit`: one pass, no parsing. */
export function isJsonTooDeep(text: string, limit = MAX_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

function hasBound(schema: Record<string, unknown>, bound: 'maximum' | 'minimum'): boolean {
  return typeof schema[bound] === 'number' || typeof schema[bound === 'maximum' ? 'exclusiveMaximum' : 'exclusiveMinimum'] === 'number';
}

/** A copy of a request schema in which every integer without a bound gets PostgreSQL's integer range. */
export function boundIntegers(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(boundIntegers);
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = boundIntegers(value);
  const types = [copy.type].flat();
  if (types.includes('integer')) {
    if (!hasBound(copy, 'maximum')) copy.maximum = INT_MAX;
    if (!hasBound(copy, 'minimum')) copy.minimum = INT_MIN;
  }
  return copy;
}

type Part = 'querystring' | 'params' | 'body';
const PARTS: readonly Part[] = ['querystring', 'params', 'body'];

/** The top-level fields a request schema declares as numbers, by part. */
function numericFieldsOf(schema: Record<string, unknown>): Array<[Part, string]> {
  const fields: Array<[Part, string]> = [];
  for (const part of PARTS) {
    const properties = (schema[part] as { properties?: Record<string, { type?: unknown }> } | undefined)?.properties ?? {};
    for (const [name, property] of Object.entries(properties)) {
      if ([property.type].flat().some((t) => t === 'integer' || t === 'number')) fields.push([part, name]);
    }
  }
  return fields;
}

function checkNumbers(request: FastifyRequest, fields: Array<[Part, string]>): void {
  const parts = { querystring: request.query, params: request.params, body: request.body } as Record<Part, unknown>;
  for (const [part, name] of fields) {
    const container = parts[part];
    if (typeof container !== 'object' || container === null) continue;
    for (const value of [(container as Record<string, unknown>)[name]].flat()) {
      if (typeof value === 'string' && value.trim() !== '' && !Number.isFinite(Number(value))) throw invalid(`${part}/${name}`, 'finite');
    }
  }
}

function checkRequestLine(request: FastifyRequest): void {
  const params = findBadText(request.params, 'params');
  if (params) throw params;
  const query = findBadText(request.query, 'querystring');
  if (query) throw query;
}

export function registerInputGuard(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  const numericByRoute = new Map<string, Array<[Part, string]>>();
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    if (schema) {
      for (const part of ['querystring', 'params', 'body', 'headers'] as const) {
        if (schema[part] !== undefined) schema[part] = boundIntegers(schema[part]);
      }
      const numeric = numericFieldsOf(schema);
      if (numeric.length > 0) for (const method of [route.method].flat()) numericByRoute.set(`${method} ${route.url}`, numeric);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, config: (route.config ?? {}) as Record<string, unknown>, schema: route.schema });
    }
  });

  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (isJsonTooDeep(body as string)) {
      done(invalid('body', 'maxDepth'), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });

  app.addHook('onRequest', async (request) => {
    checkRequestLine(request);
  });
  app.addHook('preValidation', async (request) => {
    const body = findBadText(request.body, 'body');
    if (body) throw body;
    const numeric = numericByRoute.get(`${request.method} ${request.routeOptions.url}`);
    if (numeric) checkNumbers(request, numeric);
  });
}

/**
 * Fastify's own refusals before routing (`frameworkErrors`): a path whose escapes are not UTF-8,
 * such as a lone surrogate's, is a 400 problem (or page) like any other, not Fastify's bare JSON.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void sendError(request, reply, error.code === 'FST_ERR_BAD_URL' ? invalid('params', 'wellFormed') : toAppError(error));
}
