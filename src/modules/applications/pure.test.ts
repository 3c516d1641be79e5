import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectMediaType } from './detect-media-type.ts';
import { cleanName } from './upload-attachment.ts';
import { parseBinaryMultipart } from './multipart.ts';
import { generateReference, normalizeReference } from './reference-number.ts';
import { checkAttachments, type ServiceForApplication } from './service-rules.ts';

describe('attachment types come from the content', () => {
  const bytes = (...values: number[]) => new Uint8Array(values);
  const text = (s: string) => new TextEncoder().encode(s);
  test('given the magic bytes of each accepted type, then that type, whatever the name says', () => {
    assert.equal(detectMediaType(text('%PDF-1.4\n')), 'application/pdf');
    assert.equal(detectMediaType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)), 'image/png');
    assert.equal(detectMediaType(bytes(0xff, 0xd8, 0xff, 0xe0)), 'image/jpeg');
    assert.equal(detectMediaType(text('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ')), 'image/webp');
    assert.equal(detectMediaType(text('\u0000\u0000\u0000\u0018ftypheic\u0000')), 'image/heic');
  });
  test('given anything else — a script, an HTML page, a ZIP, a truncated header — then nothing', () => {
    for (const content of ['#!/bin/sh', '<html><script>', 'PK\u0003\u0004', '%PD', '']) assert.equal(detectMediaType(text(content)), null, content);
  });
});

describe('attachment names', () => {
  test('given a name with bidirectional controls, controls or a lone surrogate, then none is left and the rest is kept', () => {
    const bidi = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    for (const c of bidi) assert.equal(cleanName(`a${c}b.pdf`), 'ab.pdf', `U+${c.codePointAt(0)!.toString(16)}`);
    assert.equal(cleanName('C:\\scans\\申請\u0000\u0085書\uD800.pdf'), '申請書.pdf');
    assert.equal(cleanName('\u202E'), 'attachment');
  });
  test('given a long name, then it is cut by characters, never inside a surrogate pair', () => {
    const name = cleanName(`${'a'.repeat(149)}𠮷𠮷.pdf`);
    assert.equal(Array.from(name).length, 150);
    assert.ok(name.endsWith('𠮷'));
  });
});

describe('reference numbers', () => {
  test('given a generated reference, then it is well-formed, its check character holds, and a mistyped one is caught', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const ref = generateReference();
      assert.match(ref, /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      assert.equal(normalizeReference(ref.toLowerCase().replace(/-/g, ' ')), ref);
      seen.add(ref);
      const chars = ref.replace(/-/g, '').split('');
      [chars[0], chars[1]] = [chars[1]!, chars[0]!];
      if (chars[0] !== chars[1]) assert.equal(normalizeReference(chars.join('')), null, `swapped ${ref}`);
    }
    assert.equal(seen.size, 200);
  });
});

describe('binary multipart', () => {
  test('given a file with bytes that are not UTF-8 and text fields, then the bytes come through unchanged and the fields as text', () => {
    const boundary = 'xYz';
    const file = new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x0d, 0x0a, 0x2d, 0x2d, 0x80, 0xfe]);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\ntoken\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="写真.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
      Buffer.from(file),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const parsed = parseBinaryMultipart(body, `multipart/form-data; boundary=${boundary}`);
    assert.equal(parsed._csrf, 'token');
    assert.equal(parsed.files.length, 1);
    assert.equal(parsed.files[0]!.filename, '写真.jpg');
    assert.deepEqual([...parsed.files[0]!.bytes], [...file]);
  });
});

describe('required attachments and originals (R5)', () => {
  const service = {
    attachments: [
      { name: '就労証明書', required: true, originalRequired: false },
      { name: '戸籍謄本', required: true, originalRequired: true },
      { name: '診断書', required: false, originalRequired: true },
    ],
  } as ServiceForApplication;
  test('given some attachments, then the missing required ones and the originals to bring are listed', () => {
    const check = checkAttachments(service, [{ id: 'a', requirement: '戸籍謄本' }, { id: 'b', requirement: null }]);
    assert.deepEqual(check.missing, ['就労証明書']);
    assert.deepEqual(check.originalsToBring, ['戸籍謄本']);
    const withOptional = checkAttachments(service, [{ id: 'c', requirement: '診断書' }]);
    assert.deepEqual(withOptional.originalsToBring, ['戸籍謄本', '診断書']);
  });
});
