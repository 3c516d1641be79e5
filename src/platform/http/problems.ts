// Every error leaves the API as application/problem+json with a stable code; pages get an HTML
// page in the reader's language, drawn by the app (web/ is above the platform: issue #11, point 10).
// 5xx details never reach the client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError, toProblem, type FieldProblem } from '../errors.ts';

/** Sends the HTML error page for a browser; given by the app at registration. */
export type ErrorPageRenderer = (request: FastifyRequest, reply: FastifyReply, error: AppError) => Promise<FastifyReply>;

declare module 'fastify' {
  interface FastifyInstance {
    errorPage?: ErrorPageRenderer;
  }
}

function wantsHtml(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/') || request.url.startsWith('/pki/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

const RULE_JA: Record<string, string> = {
  required: '入力してください',
  type: '形式が正しくありません',
  pattern: '形式が正しくありません',
  minLength: '短すぎます',
  maxLength: '長すぎます',
  minimum: '小さすぎます',
  maximum: '大きすぎます',
  enum: '選択肢から選んでください',
  format: '形式が正しくありません',
  additionalProperties: '使えない項目があります',
};

/** Fastify's schema validation errors, as field problems. */
function fieldsOf(error: FastifyError): FieldProblem[] {
  return (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const missing = typeof params.missingProperty === 'string' ? `/${params.missingProperty}` : '';
    const extra = typeof params.additionalProperty === 'string' ? `/${params.additionalProperty}` : '';
    const field = `${error.validationContext ?? 'body'}${v.instancePath}${missing}${extra}`;
    return { field, rule: v.keyword, message: { en: v.message ?? v.keyword, ja: RULE_JA[v.keyword] ?? '入力内容が正しくありません' } };
  });
}

export function toAppError(error: FastifyError | Error): AppError {
  if (isAppError(error)) return error;
  const fe = error as FastifyError;
  if (fe.validation) {
    return new AppError('request.invalid', 'bad_request', 'The request is not valid.', {
      ja: 'リクエストの内容が正しくありません。',
      fields: fieldsOf(fe),
    });
  }
  if (fe.statusCode === 429) {
    return new AppError('request.rate_limited', 'rate_limited', 'Too many requests: wait a moment and try again.', {
      ja: 'リクエストが多すぎます。しばらく待ってからもう一度お試しください。',
    });
  }
  if (fe.statusCode === 413) {
    return new AppError('request.too_large', 'payload_too_large', 'The request body is too large.', { ja: 'リクエストが大きすぎます。' });
  }
  if (fe.statusCode === 415) {
    return new AppError('request.unsupported_media_type', 'unsupported_media_type', 'This content type is not accepted.', {
      ja: 'この形式のデータは受け付けていません。',
    });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError('request.bad', 'bad_request', fe.message, { ja: 'リクエストが正しくありません。' });
  }
  return new AppError('internal', 'internal', 'Something went wrong on our side. Please try again later.', {
    ja: 'システムで問題が発生しました。時間をおいてもう一度お試しください。',
    cause: error,
  });
}

export async function sendError(request: FastifyRequest, reply: FastifyReply, appError: AppError): Promise<FastifyReply> {
  if (appError.status === 429 || appError.status === 503) reply.header('retry-after', '60');
  const errorPage = request.server.errorPage;
  if (errorPage && wantsHtml(request)) return errorPage(request, reply, appError);
  return reply
    .status(appError.status)
    .type('application/problem+json; charset=utf-8')
    // A problem document is whole whatever the route's response schema says about errors.
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send(toProblem(appError, request.id, request.url.split('?')[0]));
}

export function registerProblemHandlers(app: FastifyInstance, options: { errorPage?: ErrorPageRenderer } = {}): void {
  if (options.errorPage) app.decorate('errorPage', options.errorPage);
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, status: appError.status }, 'request refused');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) =>
    sendError(
      request,
      reply,
      new AppError('not_found', 'not_found', 'There is no page or resource at this address.', {
        ja: 'お探しのページまたはリソースは見つかりませんでした。',
      }),
    ),
  );
}
