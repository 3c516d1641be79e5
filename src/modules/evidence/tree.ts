// The evidence log's Merkle tree math (RFC 9162 §2.1), pure: no database here.
//
// What is stored: the leaf hash of every fact, and the hash of every complete subtree whose height
// is a multiple of 4 (levels 4, 8, 12, …; a subtree at level L with index i covers the leaves
// [i·2^L, (i+1)·2^L)). A complete subtree's hash never changes once its last leaf is in, so these
// rows are written once by the sequencer and only read afterwards. Any other complete subtree is
// rebuilt from at most 8 stored hashes of the stored level below it, and any node of RFC 9162's
// recursion (a subtree, or a right edge [a, n) of a tree of size n) from complete subtrees. So a
// proof or a root at any size up to the log's needs a few dozen stored hashes, all known before
// reading anything: one query fetches them (repository/log.ts), then hashing is done here.
import { EMPTY_ROOT, HASH_SIZE, nodeHash } from './hashes.ts';

/** Levels kept in evidence_nodes are multiples of this (level 0 is the facts' leaf hashes). */
export const STORED_LEVEL_STEP = 4;

/** A range of leaves [start, end) whose RFC 9162 hash MTH(D[start:end]) a proof holds. */
export interface LeafRange {
  start: number;
  end: number;
}

/** A stored hash: level 0 is a leaf (index = leaf index), else a row of evidence_nodes. */
export interface StoredKey {
  level: number;
  index: number;
}

/** A complete subtree the sequencer has just finished at a stored level (≥ 4). */
export interface CompletedNode {
  level: number;
  index: number;
  hash: Uint8Array;
}

/** The largest power of two strictly less than n (n ≥ 2), as RFC 9162 splits a tree. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

function log2Exact(n: number): number {
  return Math.round(Math.log2(n));
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer`);
}

// --- the frontier (compact range [0, size)) -----------------------------------------------------------

/**
 * The right edge of a tree of `size` leaves: the hashes of its perfect subtrees, largest first, one
 * per bit set in size. With it alone the sequencer appends leaves and computes the root.
 */
export type Frontier = Uint8Array[];

/** Bits set in size, from the highest: the levels of the frontier's hashes, in order. */
export function frontierLevels(size: number): number[] {
  checkSize(size, 'size');
  const levels: number[] = [];
  for (let level = 52; level >= 0; level--) {
    if (Math.floor(size / 2 ** level) % 2 === 1) levels.push(level);
  }
  return levels;
}

/**
 * Appends leaf hashes to the frontier of a tree of `size` leaves. Returns the new frontier and every
 * complete subtree finished on the way at a stored level (4, 8, …), in the order they completed.
 */
export function extendFrontier(frontier: Frontier, size: number, leafHashes: readonly Uint8Array[]): { frontier: Frontier; nodes: CompletedNode[] } {
  checkSize(size, 'size');
  if (frontier.length !== frontierLevels(size).length) throw new RangeError('the frontier does not match the size');
  const stack = [...frontier];
  const nodes: CompletedNode[] = [];
  let n = size;
  for (const leaf of leafHashes) {
    let hash = leaf;
    let level = 0;
    // Each set low bit of n is a perfect subtree on the stack that the new leaf completes a sibling of.
    while (Math.floor(n / 2 ** level) % 2 === 1) {
      hash = nodeHash(stack.pop()!, hash);
      level++;
      if (level % STORED_LEVEL_STEP === 0) nodes.push({ level, index: Math.floor(n / 2 ** level), hash });
    }
    stack.push(hash);
    n++;
  }
  return { frontier: stack, nodes };
}

/** MTH of the whole tree from its frontier (EMPTY_ROOT for size 0). */
export function rootFromFrontier(frontier: Frontier): Uint8Array {
  if (frontier.length === 0) return EMPTY_ROOT;
  let root = frontier[frontier.length - 1]!;
  for (let i = frontier.length - 2; i >= 0; i--) root = nodeHash(frontier[i]!, root);
  return root;
}

/** The frontier as stored in evidence_heads: its hashes concatenated, largest subtree first. */
export function encodeFrontier(frontier: Frontier): Uint8Array {
  return Buffer.concat(frontier.map((h) => Buffer.from(h.buffer, h.byteOffset, h.byteLength)));
}

export function decodeFrontier(bytes: Uint8Array, size: number): Frontier {
  const count = frontierLevels(size).length;
  if (bytes.length !== count * HASH_SIZE) throw new RangeError(`a frontier of size ${size} has ${count} hashes, not ${bytes.length / HASH_SIZE}`);
  const out: Frontier = [];
  for (let i = 0; i < count; i++) out.push(Uint8Array.prototype.slice.call(bytes, i * HASH_SIZE, (i + 1) * HASH_SIZE));
  return out;
}

// --- which nodes a proof holds (RFC 9162 §2.1.3.1 and §2.1.4.1, as ranges) -----------------------------

/** PATH(m, D[n]): the ranges whose hashes make the inclusion proof of leaf m in a tree of n, in order. */
export function inclusionRanges(leafIndex: number, treeSize: number): LeafRange[] {
  checkSize(leafIndex, 'leafIndex');
  checkSize(treeSize, 'treeSize');
  if (leafIndex >= treeSize) throw new RangeError('the leaf is not in the tree');
  const out: LeafRange[] = [];
  // Walk down from the root; the RFC lists the deepest sibling first, so collect and reverse.
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (leafIndex < start + k) {
      out.push({ start: start + k, end });
      end = start + k;
    } else {
      out.push({ start, end: start + k });
      start += k;
    }
  }
  return out.reverse();
}

/** PROOF(m, D[n]): the ranges whose hashes make the consistency proof from size m to size n. */
export function consistencyRanges(from: number, to: number): LeafRange[] {
  checkSize(from, 'from');
  checkSize(to, 'to');
  if (from > to) throw new RangeError('from is larger than to');
  // Nothing to prove between a tree and itself, or from the empty tree.
  if (from === 0 || from === to) return [];
  const out: LeafRange[] = [];
  let start = 0;
  let end = to;
  let m = from;
  let whole = true; // SUBPROOF's b: the old tree is the whole of D[start:end] so far
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      out.push({ start: start + k, end });
      end = start + k;
    } else {
      out.push({ start, end: start + k });
      start += k;
      m -= k;
      whole = false;
    }
  }
  if (!whole) out.push({ start, end });
  return out.reverse();
}

// --- from ranges to stored hashes and back ---------------------------------------------------------------

/** The complete aligned subtrees (level, index) whose hashes make MTH(D[start:end]) of an RFC node. */
function completeSubtrees(range: LeafRange, out: StoredKey[]): void {
  const size = range.end - range.start;
  if (size <= 0) throw new RangeError('an empty range has no hash in a proof');
  if (isPowerOfTwo(size) && range.start % size === 0) {
    out.push({ level: log2Exact(size), index: range.start / size });
    return;
  }
  const k = splitPoint(size);
  completeSubtrees({ start: range.start, end: range.start + k }, out);
  completeSubtrees({ start: range.start + k, end: range.end }, out);
}

/** The stored hashes a complete subtree is made from: itself when stored, else ≤ 8 of the level below. */
function storedUnder(subtree: StoredKey, out: StoredKey[]): void {
  const below = subtree.level - (subtree.level % STORED_LEVEL_STEP);
  const count = 2 ** (subtree.level - below);
  const first = subtree.index * count;
  for (let i = 0; i < count; i++) out.push({ level: below, index: first + i });
}

/** Every stored hash the ranges need, each once (level 0: leaf indexes; else evidence_nodes rows). */
export function storedKeysFor(ranges: readonly LeafRange[]): StoredKey[] {
  const subtrees: StoredKey[] = [];
  for (const range of ranges) completeSubtrees(range, subtrees);
  const keys: StoredKey[] = [];
  for (const subtree of subtrees) storedUnder(subtree, keys);
  const seen = new Set<string>();
  return keys.filter((k) => {
    const id = keyId(k.level, k.index);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

export function keyId(level: number, index: number): string {
  return `${level}:${index}`;
}

/** Stored hashes by keyId(level, index), as read back for storedKeysFor's keys. */
export type StoredHashes = ReadonlyMap<string, Uint8Array>;

function subtreeHash(level: number, index: number, stored: StoredHashes): Uint8Array {
  if (level % STORED_LEVEL_STEP === 0) {
    const hash = stored.get(keyId(level, index));
    if (!hash) throw new Error(`the stored hash of subtree ${level}:${index} is missing`);
    return hash;
  }
  return nodeHash(subtreeHash(level - 1, index * 2, stored), subtreeHash(level - 1, index * 2 + 1, stored));
}

/** MTH(D[start:end]) of an RFC 9162 node from the stored hashes. */
export function rangeHash(range: LeafRange, stored: StoredHashes): Uint8Array {
  const size = range.end - range.start;
  if (isPowerOfTwo(size) && range.start % size === 0) return subtreeHash(log2Exact(size), range.start / size, stored);
  const k = splitPoint(size);
  return nodeHash(rangeHash({ start: range.start, end: range.start + k }, stored), rangeHash({ start: range.start + k, end: range.end }, stored));
}

/** The ranges' hashes, in order. */
export function rangeHashes(ranges: readonly LeafRange[], stored: StoredHashes): Uint8Array[] {
  return ranges.map((r) => rangeHash(r, stored));
}

/** The root of the tree of `size` leaves (EMPTY_ROOT for 0), as a range for storedKeysFor. */
export function rootRanges(size: number): LeafRange[] {
  checkSize(size, 'size');
  return size === 0 ? [] : [{ start: 0, end: size }];
}

export function rootFromStored(size: number, stored: StoredHashes): Uint8Array {
  return size === 0 ? EMPTY_ROOT : rangeHash({ start: 0, end: size }, stored);
}
