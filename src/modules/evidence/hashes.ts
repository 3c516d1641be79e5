// The two hashes of the evidence log's Merkle tree, as RFC 9162 §2.1.1 defines them: a leaf is
// SHA-256 of 0x00 followed by the fact's bytes, an inner node SHA-256 of 0x01 followed by its two
// children. The prefixes keep a leaf from ever passing for a node (second-preimage attacks).
import { createHash } from 'node:crypto';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) — the root of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT: Uint8Array = createHash('sha256').digest();

export function leafHash(leaf: Uint8Array): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}
