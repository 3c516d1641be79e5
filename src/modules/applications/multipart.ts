// multipart/form-data with binary files (attachments). The identity module's reader turns every
// part into text, which would corrupt a scan; this one keeps file parts as bytes. The body is
// bounded by the route's bodyLimit before it gets here.
import type { FastifyInstance } from 'fastify';
import { badUpload } from './errors.ts';

export interface FilePart {
  field: string;
  filename: string;
  /** What the browser claimed; never trusted (the type comes from the content). */
  contentType: string | null;
  bytes: Uint8Array;
}

/** A parsed form: text fields at the top level (so the guard finds `_csrf`), files apart. */
export interface MultipartBody {
  [field: string]: unknown;
  files: FilePart[];
}

export function isMultipartBody(body: unknown): body is MultipartBody {
  return typeof body === 'object' && body !== null && Array.isArray((body as { files?: unknown }).files);
}

export function parseBinaryMultipart(body: Buffer, contentType: string): MultipartBody {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw badUpload();
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const result: MultipartBody = { files: [] };
  // The first delimiter may start the body without the leading CRLF.
  const first = body.indexOf(delimiter.subarray(2));
  if (first < 0) throw badUpload();
  let start = first + delimiter.length - 2;
  for (;;) {
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw badUpload();
    const part = body.subarray(start + 2, next);
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) throw badUpload();
    const headers = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const filename = /\bfilename\*?="?([^";]*)"?/i.exec(disposition)?.[1];
    if (name !== undefined) {
      if (filename !== undefined) {
        result.files.push({
          field: name,
          filename: decodeFilename(filename),
          contentType: /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim() ?? null,
          bytes: new Uint8Array(content.buffer, content.byteOffset, content.byteLength),
        });
      } else if (name !== 'files' && !(name in result)) {
        result[name] = content.toString('utf8');
      }
    }
    start = next + delimiter.length;
  }
  return result;
}

function decodeFilename(raw: string): string {
  // RFC 5987 (filename*=UTF-8''…) or a raw UTF-8 name as browsers send it.
  const extended = /^UTF-8''(.*)$/i.exec(raw);
  try {
    return extended ? decodeURIComponent(extended[1]!) : raw;
  } catch {
    return raw;
  }
}

/** Lets the plugin's routes take multipart/form-data with files (scoped to the plugin). */
export function acceptBinaryMultipart(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    try {
      done(null, parseBinaryMultipart(body as Buffer, request.headers['content-type'] ?? ''));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
