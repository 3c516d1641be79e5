import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  computeKeyId,
  formatVerifierKey,
  generateKey,
  MAX_NOTE_BYTES,
  NoteError,
  openNote,
  parseNote,
  parseSignerKey,
  parseVerifierKey,
  signNote,
  type NoteErrorCode,
} from './note.ts';

// Published test vectors of golang.org/x/mod/sumdb/note (note_test.go): the keys, the text and the
// signatures Go's implementation produces. Matching them byte for byte shows our key ids, key texts
// and signature lines are the format Go's tools and every C2SP verifier read.
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG = '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG = '\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

function refused(code: NoteErrorCode, fn: () => unknown, message?: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof NoteError, `expected a NoteError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describe("Go's published vectors", () => {
  test('the private key gives the verifier key and the key id', () => {
    const signer = parseSignerKey(PETER_SKEY);
    assert.equal(signer.name, 'PeterNeumann');
    assert.equal(signer.keyIdHex, 'c74f20a3');
    assert.equal(signer.keyId, 0xc74f20a3);
    assert.equal(signer.verifierKey, PETER_VKEY);
    const verifier = parseVerifierKey(PETER_VKEY);
    assert.equal(computeKeyId('PeterNeumann', verifier.publicKey), 0xc74f20a3);
    assert.equal(formatVerifierKey('PeterNeumann', verifier.publicKey), PETER_VKEY);
    assert.equal(parseVerifierKey(ENOCH_VKEY).keyIdHex, 'af0cfe78');
  });

  test('signing the text gives the signed note of the Go tests, byte for byte', () => {
    assert.equal(signNote(TEXT, [parseSignerKey(PETER_SKEY)]), `${TEXT}\n${PETER_SIG}`);
  });

  test('a note signed by two keys opens with either; unknown keys are kept as unverified', () => {
    const note = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;
    const one = openNote(note, [PETER_VKEY]);
    assert.equal(one.text, TEXT);
    assert.deepEqual(one.signatures.map((s) => s.name), ['PeterNeumann']);
    assert.deepEqual(one.unverified.map((s) => [s.name, s.keyId]), [['EnochRoot', 0xaf0cfe78]]);
    const both = openNote(note, [PETER_VKEY, ENOCH_VKEY]);
    assert.deepEqual(both.verifiedBy.map((v) => v.verifierKey), [PETER_VKEY, ENOCH_VKEY]);
    assert.equal(both.unverified.length, 0);
    refused('unknown_key', () => openNote(note, []), /not signed by a trusted key.*PeterNeumann\+c74f20a3, EnochRoot\+af0cfe78/);
    refused('unknown_key', () => openNote(note, [generateKey('PeterNeumann').verifierKey]));
  });

  test("Go's malformed notes are refused as malformed", () => {
    const bad = [
      TEXT,
      `${TEXT}\n`,
      `${TEXT}\n${PETER_SIG.slice(0, -1)}`,
      `\x01${TEXT}\n${PETER_SIG}`,
      `${TEXT}\n\u2014 Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
      `${TEXT}\n${PETER_SIG}Unexpected line.\n`,
      `${TEXT}\n${PETER_SIG.repeat(101)}`,
    ];
    for (const note of bad) refused('malformed_note', () => openNote(note, [PETER_VKEY]));
    // Not UTF-8 (the bytes form): 0xff.
    refused('malformed_note', () => openNote(Buffer.concat([Buffer.from([0xff]), Buffer.from(`${TEXT}\n${PETER_SIG}`)]), [PETER_VKEY]), /UTF-8/);
  });

  test('a changed signature by a trusted key fails the note, never passes as unverified', () => {
    const note = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    refused('bad_signature', () => openNote(note, [PETER_VKEY]), /invalid signature for key PeterNeumann\+c74f20a3/);
  });

  test('repeated lines count once', () => {
    const opened = openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [PETER_VKEY]);
    assert.equal(opened.signatures.length, 1);
    assert.equal(opened.unverified.length, 1);
  });

  test('every substring and every one-byte change of the key texts is refused', () => {
    for (const [key, parse] of [
      [PETER_VKEY, parseVerifierKey],
      [PETER_SKEY, parseSignerKey],
    ] as const) {
      for (let i = 0; i <= key.length; i++) {
        for (let j = i + 1; j <= key.length; j++) {
          if (i === 0 && j === key.length) continue;
          refused('malformed_key', () => parse(key.slice(i, j)));
        }
      }
      for (let i = 0; i < key.length; i++) {
        const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        refused('malformed_key', () => parse(changed));
      }
    }
    // Go's two: a key of the wrong length and an unknown algorithm, each with a matching key id.
    refused('malformed_key', () => parseVerifierKey('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=='));
    refused('malformed_key', () => parseVerifierKey('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'), /algorithm/);
  });
});

describe('our own keys and notes', () => {
  const checkpointText = 'example.jp/evidence\n3\nn4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=\ntime 2026-12-07T21:51:06Z\n';

  test('a generated key round-trips through its texts and signs notes its verifier key opens', () => {
    const { privateKey, verifierKey } = generateKey('example.jp/evidence');
    assert.match(privateKey, /^PRIVATE\+KEY\+example\.jp\/evidence\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    assert.match(verifierKey, /^example\.jp\/evidence\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    const signer = parseSignerKey(privateKey);
    assert.equal(signer.verifierKey, verifierKey);
    const note = signNote(checkpointText, [signer]);
    const opened = openNote(note, [verifierKey]);
    assert.equal(opened.text, checkpointText);
    assert.equal(opened.verifiedBy[0]!.keyIdHex, signer.keyIdHex);
    // Ed25519 is deterministic: the same text signs to the same note.
    assert.equal(signNote(checkpointText, [signer]), note);
  });

  test('several signers: rotation with overlap, each old or new key alone opens the note', () => {
    const old = generateKey('example.jp/evidence');
    const next = generateKey('example.jp/evidence');
    const note = signNote(checkpointText, [parseSignerKey(next.privateKey), parseSignerKey(old.privateKey)]);
    assert.equal(note.match(/^\u2014 /gm)?.length, 2);
    assert.equal(openNote(note, [old.verifierKey]).verifiedBy[0]!.verifierKey, old.verifierKey);
    assert.equal(openNote(note, [next.verifierKey]).verifiedBy[0]!.verifierKey, next.verifierKey);
    assert.equal(openNote(note, [old.verifierKey, next.verifierKey]).signatures.length, 2);
    refused('malformed_note', () => signNote(checkpointText, [parseSignerKey(old.privateKey), parseSignerKey(old.privateKey)]), /given twice/);
  });

  test('a changed body, signature, key id or name is refused with the reason', () => {
    const key = generateKey('example.jp/evidence');
    const note = signNote(checkpointText, [parseSignerKey(key.privateKey)]);
    refused('bad_signature', () => openNote(note.replace('\n3\n', '\n4\n'), [key.verifierKey]));
    const line = note.slice(note.indexOf('\u2014'));
    const payload = Buffer.from(line.slice(line.lastIndexOf(' ') + 1, -1), 'base64');
    for (const at of [4, 30, 67]) {
      const changed = Buffer.from(payload);
      changed[at]! ^= 0x01;
      refused('bad_signature', () => openNote(note.replace(payload.toString('base64'), changed.toString('base64')), [key.verifierKey]));
    }
    const otherId = Buffer.from(payload);
    otherId[0]! ^= 0x80;
    refused('unknown_key', () => openNote(note.replace(payload.toString('base64'), otherId.toString('base64')), [key.verifierKey]));
    refused('unknown_key', () => openNote(note.replace('\u2014 example.jp/evidence ', '\u2014 example.jp/other '), [key.verifierKey]));
    refused('unknown_key', () => openNote(note, [generateKey('example.jp/evidence').verifierKey]));
    // A key of the same name and id but other bytes cannot be made, yet a forged trust list could hold one.
    const forged = parseVerifierKey(key.verifierKey);
    refused('unknown_key', () => openNote(note, [key.verifierKey, { ...forged, verifierKey: 'x', verify: () => true }]), /ambiguous/);
  });

  test('hostile notes are refused quickly and by their limits', () => {
    const key = generateKey('example.jp/evidence');
    const note = signNote(checkpointText, [parseSignerKey(key.privateKey)]);
    const started = performance.now();
    refused('malformed_note', () => openNote(`${'a'.repeat(MAX_NOTE_BYTES)}\n\n${note}`, [key.verifierKey]), /longer than/);
    refused('malformed_note', () => openNote(Buffer.alloc(MAX_NOTE_BYTES + 1, 0x61), [key.verifierKey]), /longer than/);
    refused('malformed_note', () => openNote(`x\n\n${'\u2014 a AAAAAAAA\n'.repeat(1000)}`, [key.verifierKey]), /more than 100 signatures/);
    refused('malformed_note', () => openNote(`x\n\n${'\n'.repeat(30000)}`, [key.verifierKey]));
    assert.ok(performance.now() - started < 1000);
    for (const bad of [
      '',
      '\n\n',
      'x\n\n\n',
      `x\n\n\u2014 name\n`,
      `x\n\n\u2014 name  AAAAAAAA\n`,
      `x\n\n\u2014 name AAAA\n`, // fewer than 5 bytes
      `x\n\n\u2014 name AAAAAAAA=\n`, // not base64
      `x\n\n\u2014 na+me AAAAAAAA\n`,
      `x\r\n\n${note.slice(note.indexOf('\u2014'))}`,
      `\ud800x\n\n\u2014 name AAAAAAAA\n`,
      `x\n\n- name AAAAAAAA\n`,
      `x\ny\n\nz\n\n\u2014 name AAAAAAAA\n`,
    ]) {
      refused('malformed_note', () => parseNote(bad), undefined);
    }
    assert.deepEqual(parseNote('x\n\n\u2014 name AAAAAAAA\n').signatures, [{ name: 'name', keyId: 0, base64: 'AAAAAAAA' }]);
  });

  test('text and names we cannot sign are refused before signing', () => {
    const signer = parseSignerKey(generateKey('n').privateKey);
    for (const text of ['', 'no newline', 'a\n\nb\n', '\nx\n', 'tab\there\n']) refused('malformed_note', () => signNote(text, [signer]));
    refused('malformed_note', () => signNote('x\n', []));
    for (const name of ['', 'a b', 'a+b', 'a\u3000b', 'x'.repeat(256), 'a\nb']) refused('malformed_key', () => generateKey(name));
  });
});
