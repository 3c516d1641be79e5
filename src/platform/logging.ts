// Logs carry no personal data: requests are logged by method, path (never the query, which can
// hold search words or names), status and timing; headers and bodies are never logged.
import pino, { type LoggerOptions } from 'pino';
import type { FastifyReply, FastifyRequest } from 'fastify';

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'onestop' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: FastifyReply) => ({ status: res.statusCode }),
    },
    redact: { paths: ['req.headers', 'headers', 'body', '*.password', '*.pin'], remove: true },
  };
}

export function createLogger(level: string): pino.Logger {
  return pino(loggerOptions(level));
}
