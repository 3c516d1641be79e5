// A small multipart/form-data reader for the staff console's uploads (a CSV of codes, a file of
// services): every part becomes a string field, except a file part (one with a filename), which
// stays bytes, so the reader can tell UTF-8 from Shift_JIS (issue #11 point 4) and a NUL in a file
// is the file's business, not the form's. The body size is bounded by Fastify.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../platform/errors.ts';

function badForm(): AppError {
  return new AppError('identity.bad_form', 'bad_request', 'The form could not be read.', { ja: 'フォームの内容を読み取れませんでした。' });
}

export function parseMultipart(body: Buffer, contentType: string): Record<string, string | Buffer> {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw badForm();
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string | Buffer> = {};
  let start = body.indexOf(delimiter);
  if (start < 0) throw badForm();
  for (;;) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw badForm();
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw badForm();
    const headers = part.subarray(0, split).toString('utf8');
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    const content = part.subarray(split + 4);
    const isFile = /content-disposition:[^\r\n]*\bfilename\*?=/i.test(headers);
    if (name !== undefined && !(name in fields)) fields[name] = isFile ? Buffer.from(content) : content.toString('utf8');
    start = next;
  }
  return fields;
}

/** Lets the plugin's routes take multipart/form-data forms (scoped to the plugin). */
export function acceptMultipart(app: FastifyInstance, bodyLimit = 2 * 1024 * 1024): void {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, request.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
