import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CheckpointFormatError, formatCheckpoint, formatCheckpointTime, openCheckpoint, parseCheckpoint } from './checkpoint-format.ts';
import { generateKey, NoteError, parseSignerKey, signNote } from './note.ts';
import { leafHash } from './hashes.ts';

const root = leafHash(Buffer.from('root'));
const rootText = Buffer.from(root).toString('base64');
const body = `example.jp/evidence\n456\n${rootText}\ntime 2026-12-07T21:51:06Z\n`;

test('a checkpoint body is origin, size, base64 root and the time line, each ending in a newline', () => {
  assert.equal(formatCheckpoint({ origin: 'example.jp/evidence', size: 456, root, time: new Date('2026-12-07T21:51:06.987Z') }), body);
  assert.equal(formatCheckpoint({ origin: 'example.jp/evidence', size: 456, root, time: '2026-12-07T21:51:06Z' }), body);
  const parsed = parseCheckpoint(body);
  assert.deepEqual({ ...parsed, root: Buffer.from(parsed.root).toString('base64') }, { origin: 'example.jp/evidence', size: 456, root: rootText, time: '2026-12-07T21:51:06Z' });
  assert.equal(parseCheckpoint(formatCheckpoint({ origin: 'o', size: 0, root, time: new Date(0) })).size, 0);
  assert.equal(parseCheckpoint(formatCheckpoint({ origin: 'o', size: Number.MAX_SAFE_INTEGER, root, time: new Date(0) })).size, Number.MAX_SAFE_INTEGER);
  assert.equal(formatCheckpointTime(new Date('2026-01-02T03:04:05.999Z')), '2026-01-02T03:04:05Z');
});

test('every other spelling is refused', () => {
  const bad = [
    body.slice(0, -1),
    `${body}extra line\n`,
    body.replace('time ', 'time  '),
    body.replace('time ', 'Time '),
    body.replace('\n456\n', '\n0456\n'),
    body.replace('\n456\n', '\n+456\n'),
    body.replace('\n456\n', '\n4.5e2\n'),
    body.replace('\n456\n', '\n9007199254740992\n'),
    body.replace('\n456\n', '\n\n'),
    body.replace(rootText, rootText.slice(0, -1)),
    body.replace(rootText, Buffer.from(root.subarray(1)).toString('base64')),
    body.replace('2026-12-07T21:51:06Z', '2026-12-07T21:51:06.000Z'),
    body.replace('2026-12-07T21:51:06Z', '2026-12-07T21:51:06+09:00'),
    body.replace('2026-12-07T21:51:06Z', '2026-02-30T21:51:06Z'),
    body.replace('2026-12-07T21:51:06Z', '2026-12-07 21:51:06Z'),
    body.replace('example.jp/evidence', 'example.jp evidence'),
    body.replace('example.jp/evidence', ''),
    body.replace('example.jp/evidence', 'a+b'),
    '\r\n',
    'x'.repeat(2000),
  ];
  for (const text of bad) assert.throws(() => parseCheckpoint(text), CheckpointFormatError, JSON.stringify(text));
  // 32 bytes fill 42 digits and 4 bits of the 43rd; its 2 last bits must be 0, or the same root
  // would have several texts.
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const loose = `${rootText.slice(0, 42)}${alphabet[alphabet.indexOf(rootText[42]!) ^ 1]}=`;
  assert.equal(Buffer.from(Buffer.from(loose, 'base64')).toString('base64'), rootText);
  assert.throws(() => parseCheckpoint(body.replace(rootText, loose)), /canonical/);
  assert.throws(() => formatCheckpoint({ origin: 'o', size: -1, root, time: new Date() }), CheckpointFormatError);
  assert.throws(() => formatCheckpoint({ origin: 'o', size: 1.5, root, time: new Date() }), CheckpointFormatError);
  assert.throws(() => formatCheckpoint({ origin: 'o', size: 1, root: root.subarray(1), time: new Date() }), CheckpointFormatError);
  assert.throws(() => formatCheckpoint({ origin: 'o o', size: 1, root, time: new Date() }), CheckpointFormatError);
  assert.throws(() => formatCheckpoint({ origin: 'o', size: 1, root, time: new Date(NaN) }), CheckpointFormatError);
});

test('a signed checkpoint opens with a trusted key of its own log only', () => {
  const key = generateKey('example.jp/evidence');
  const signer = parseSignerKey(key.privateKey);
  const note = signNote(body, [signer]);
  const opened = openCheckpoint(note, [key.verifierKey]);
  assert.equal(opened.size, 456);
  assert.equal(opened.signer.verifierKey, key.verifierKey);
  assert.equal(opened.note, note);
  assert.throws(() => openCheckpoint(note, [generateKey('example.jp/evidence').verifierKey]), (e: unknown) => e instanceof NoteError && e.code === 'unknown_key');
  const other = signNote(body.replace('example.jp/evidence', 'other.example/evidence'), [signer]);
  assert.throws(() => openCheckpoint(other, [key.verifierKey]), /origin other\.example\/evidence is not the log of the key example\.jp\/evidence/);
  assert.throws(() => openCheckpoint(signNote('example.jp/evidence\n1\n', [signer]), [key.verifierKey]), CheckpointFormatError);
});
