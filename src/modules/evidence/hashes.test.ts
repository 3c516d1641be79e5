import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_ROOT, leafHash, nodeHash } from './hashes.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// Vectors from RFC 6962/9162 test data (certificate-transparency-go merkletree tests).
test('the empty root and a leaf hash match the RFC test vectors', () => {
  assert.equal(hex(EMPTY_ROOT), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(hex(leafHash(new Uint8Array())), '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
});

test('a node hash is SHA-256 of 0x01 and its children, never equal to a leaf of the same bytes', () => {
  const a = leafHash(Buffer.from('a'));
  const b = leafHash(Buffer.from('b'));
  assert.notEqual(hex(nodeHash(a, b)), hex(leafHash(Buffer.concat([a, b]))));
  assert.notEqual(hex(nodeHash(a, b)), hex(nodeHash(b, a)));
});
