import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { encodeCp932 } from './testing/cp932.ts';
import { decodeTextFile } from './text-file.ts';

const TEXT = 'サービスID,タイトル（制度名）,お問い合わせ先\r\nx-1,児童手当～①㈱,03-0000-1101\r\n';

test('UTF-8 is read as UTF-8, its byte-order mark dropped', () => {
  assert.deepEqual(decodeTextFile(Buffer.from(`\uFEFF${TEXT}`, 'utf8')), { ok: true, text: TEXT, encoding: 'utf-8' });
  assert.deepEqual(decodeTextFile(Buffer.from(TEXT, 'utf8')), { ok: true, text: TEXT, encoding: 'utf-8' });
});

test('Shift_JIS (CP932, with the NEC extensions) is read as the same text', () => {
  assert.deepEqual(decodeTextFile(encodeCp932(TEXT)), { ok: true, text: TEXT, encoding: 'shift_jis' });
});

test('UTF-16 and binary files are refused, not read as mojibake', () => {
  assert.deepEqual(decodeTextFile(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])), { ok: false });
  assert.deepEqual(decodeTextFile(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()])), { ok: false });
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(2048)]);
  assert.deepEqual(decodeTextFile(png), { ok: false });
});
