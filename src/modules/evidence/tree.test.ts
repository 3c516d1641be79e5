import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_ROOT, leafHash, nodeHash } from './hashes.ts';
import {
  consistencyRanges,
  decodeFrontier,
  encodeFrontier,
  extendFrontier,
  inclusionRanges,
  keyId,
  rangeHashes,
  rootFromFrontier,
  rootFromStored,
  rootRanges,
  storedKeysFor,
  STORED_LEVEL_STEP,
  type Frontier,
} from './tree.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const hexes = (list: Uint8Array[]) => list.map(hex);

// --- RFC 9162 §2.1, written as the RFC says it -------------------------------------------------------

function largestPowerBelow(n: number): number {
  let k = 1;
  while (k < n) k <<= 1;
  return k >> 1;
}

/** MTH(D[n]) over leaf hashes (memoised by range: the reference stays naive but fast enough). */
function referenceTree(leaves: Uint8Array[]) {
  const memo = new Map<string, Uint8Array>();
  const mth = (start: number, end: number): Uint8Array => {
    const n = end - start;
    if (n === 0) return EMPTY_ROOT;
    if (n === 1) return leaves[start]!;
    const id = `${start}-${end}`;
    let h = memo.get(id);
    if (!h) {
      const k = largestPowerBelow(n);
      h = nodeHash(mth(start, start + k), mth(start + k, end));
      memo.set(id, h);
    }
    return h;
  };
  // PATH(m, D[start:end])
  const path = (m: number, start: number, end: number): Uint8Array[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = largestPowerBelow(n);
    return m < k ? [...path(m, start, start + k), mth(start + k, end)] : [...path(m - k, start + k, end), mth(start, start + k)];
  };
  // SUBPROOF(m, D[start:end], b)
  const subproof = (m: number, start: number, end: number, b: boolean): Uint8Array[] => {
    const n = end - start;
    if (m === n) return b ? [] : [mth(start, end)];
    const k = largestPowerBelow(n);
    return m <= k ? [...subproof(m, start, start + k, b), mth(start + k, end)] : [...subproof(m - k, start + k, end, false), mth(start, start + k)];
  };
  return {
    root: (n: number) => mth(0, n),
    inclusion: (m: number, n: number) => path(m, 0, n),
    consistency: (m: number, n: number) => (m === 0 || m === n ? [] : subproof(m, 0, n, true)),
  };
}

function leavesOf(count: number, seed = 'leaf'): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => leafHash(Buffer.from(`${seed} ${i}`)));
}

/** What the database would hold after integrating the leaves in the given batch sizes. */
function storeOf(leaves: Uint8Array[], batches: number[]) {
  const stored = new Map<string, Uint8Array>();
  leaves.forEach((h, i) => stored.set(keyId(0, i), h));
  let frontier: Frontier = [];
  let size = 0;
  const roots: Array<{ size: number; root: Uint8Array }> = [];
  for (const count of batches) {
    const step = extendFrontier(frontier, size, leaves.slice(size, size + count));
    for (const node of step.nodes) {
      assert.equal(node.level % STORED_LEVEL_STEP, 0);
      assert.ok(node.level > 0);
      assert.ok(!stored.has(keyId(node.level, node.index)), 'a node is completed once');
      stored.set(keyId(node.level, node.index), node.hash);
    }
    frontier = decodeFrontier(encodeFrontier(step.frontier), size + count);
    size += count;
    roots.push({ size, root: rootFromFrontier(frontier) });
  }
  return { stored, roots };
}

/** Only what storedKeysFor asks for: a proof must not need anything else. */
function fetched(stored: Map<string, Uint8Array>, keys: Array<{ level: number; index: number }>) {
  const out = new Map<string, Uint8Array>();
  for (const k of keys) {
    const h = stored.get(keyId(k.level, k.index));
    assert.ok(h, `stored hash ${keyId(k.level, k.index)} is asked for but was never stored`);
    out.set(keyId(k.level, k.index), h);
  }
  return out;
}

test('the frontier gives the RFC root after every batch, and stores every complete subtree at levels 4, 8, …', () => {
  const leaves = leavesOf(300);
  const ref = referenceTree(leaves);
  for (const batches of [Array(300).fill(1), [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 69], [300], [15, 1, 16, 255, 13]]) {
    const { stored, roots } = storeOf(leaves, batches);
    for (const { size, root } of roots) assert.equal(hex(root), hex(ref.root(size)), `root at ${size}`);
    // 300 leaves: level 4 → 18 subtrees, level 8 → 1.
    assert.equal([...stored.keys()].filter((k) => k.startsWith('4:')).length, 18);
    assert.equal([...stored.keys()].filter((k) => k.startsWith('8:')).length, 1);
    assert.equal(stored.size, 300 + 19);
  }
  assert.equal(hex(rootFromFrontier([])), hex(EMPTY_ROOT));
});

test('inclusion and consistency proofs from stored subtrees equal RFC 9162 PATH and PROOF for every size 1..70', () => {
  const leaves = leavesOf(70);
  const ref = referenceTree(leaves);
  const { stored } = storeOf(leaves, [7, 9, 16, 1, 37]);
  for (let n = 1; n <= 70; n++) {
    assert.equal(hex(rootFromStored(n, fetched(stored, storedKeysFor(rootRanges(n))))), hex(ref.root(n)), `root ${n}`);
    for (let m = 0; m < n; m++) {
      const ranges = inclusionRanges(m, n);
      assert.deepEqual(hexes(rangeHashes(ranges, fetched(stored, storedKeysFor(ranges)))), hexes(ref.inclusion(m, n)), `PATH(${m}, ${n})`);
    }
    for (let m = 0; m <= n; m++) {
      const ranges = consistencyRanges(m, n);
      assert.deepEqual(hexes(rangeHashes(ranges, fetched(stored, storedKeysFor(ranges)))), hexes(ref.consistency(m, n)), `PROOF(${m}, ${n})`);
    }
  }
});

test('proofs at random larger sizes equal the reference and need few stored hashes', () => {
  const leaves = leavesOf(20_000, 'big');
  const ref = referenceTree(leaves);
  const { stored } = storeOf(leaves, [4095, 1, 10_000, 5904]);
  let seed = 12345;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % below;
  };
  for (let i = 0; i < 300; i++) {
    const n = 1 + random(20_000);
    const m = random(n);
    const inc = inclusionRanges(m, n);
    const incKeys = storedKeysFor(inc);
    assert.ok(incKeys.length <= 120, `${incKeys.length} hashes for PATH(${m}, ${n})`);
    assert.deepEqual(hexes(rangeHashes(inc, fetched(stored, incKeys))), hexes(ref.inclusion(m, n)), `PATH(${m}, ${n})`);
    const con = consistencyRanges(m, n);
    const conKeys = storedKeysFor(con);
    assert.ok(conKeys.length <= 200, `${conKeys.length} hashes for PROOF(${m}, ${n})`);
    assert.deepEqual(hexes(rangeHashes(con, fetched(stored, conKeys))), hexes(ref.consistency(m, n)), `PROOF(${m}, ${n})`);
    assert.equal(hex(rootFromStored(n, fetched(stored, storedKeysFor(rootRanges(n))))), hex(ref.root(n)));
  }
});

test('at 10^8 leaves a proof reads about a hundred stored hashes', () => {
  const n = 100_000_000;
  let worst = 0;
  for (const m of [0, 1, 12_345_678, 67_108_863, 67_108_864, n - 1]) {
    worst = Math.max(worst, storedKeysFor(inclusionRanges(m, n)).length, storedKeysFor(consistencyRanges(m + 1, n)).length);
  }
  assert.ok(worst <= 160, `worst ${worst}`);
});

test('bad sizes and ranges are refused', () => {
  assert.throws(() => inclusionRanges(5, 5), RangeError);
  assert.throws(() => consistencyRanges(6, 5), RangeError);
  assert.throws(() => decodeFrontier(new Uint8Array(32), 3), RangeError);
  assert.throws(() => extendFrontier([], 1, []), RangeError);
});
