import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EMPTY_ROOT, leafHash, nodeHash } from './hashes.ts';
import { CompactRange, MAX_PROOF_LENGTH, verifyBundle, verifyConsistency, verifyInclusion } from './verify.ts';
import { bundleCases, mth, path, proof, split } from './test-bundles.ts';

const leaves = Array.from({ length: 300 }, (_, i) => leafHash(Buffer.from(`leaf ${i}`)));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function flipBit(hash: Uint8Array, bit: number): Uint8Array {
  const copy = Uint8Array.from(hash);
  copy[Math.floor(bit / 8) % 32]! ^= 1 << bit % 8;
  return copy;
}

/** Every proof with one hash changed by one bit, one hash missing, or one extra. */
function broken(proofs: Uint8Array[]): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  proofs.forEach((_, i) => {
    out.push(proofs.map((p, j) => (i === j ? flipBit(p, (i * 37 + proofs.length) % 256) : p)));
    out.push(proofs.filter((_, j) => j !== i));
  });
  out.push([...proofs, leaves[0]!], [leaves[0]!, ...proofs]);
  return out;
}

describe('inclusion proofs (RFC 9162 §2.1.3.2)', () => {
  test('every leaf of every tree of 1..64 leaves verifies with PATH; any change fails', () => {
    for (let n = 1; n <= 64; n++) {
      const tree = leaves.slice(0, n);
      const root = mth(tree);
      for (let m = 0; m < n; m++) {
        const p = path(m, tree);
        assert.ok(verifyInclusion(tree[m]!, m, n, p, root), `leaf ${m} of ${n}`);
        for (const bad of broken(p)) assert.ok(!verifyInclusion(tree[m]!, m, n, bad, root), `broken proof of leaf ${m} of ${n}`);
        assert.ok(!verifyInclusion(flipBit(tree[m]!, m), m, n, p, root));
        assert.ok(!verifyInclusion(tree[m]!, m, n, p, flipBit(root, n)));
        if (n > 1) assert.ok(!verifyInclusion(tree[m]!, (m + 1) % n, n, p, root), `leaf ${m} of ${n} at another index`);
        assert.ok(!verifyInclusion(tree[m]!, m, m, p, root), 'an index at or past the size');
      }
    }
  });

  test('sizes above 2^32 are handled as numbers, not 32-bit integers', () => {
    // A tree whose leaves are all equal: its subtree roots depend only on their size, so the naive
    // definitions stay cheap at any size, with memoised MTH.
    const leaf = leaves[0]!;
    const memo = new Map<number, Uint8Array>();
    const uniform = (n: number): Uint8Array => {
      if (n === 1) return leaf;
      let r = memo.get(n);
      if (!r) memo.set(n, (r = nodeHash(uniform(split(n)), uniform(n - split(n)))));
      return r;
    };
    const uniformPath = (m: number, n: number): Uint8Array[] => {
      if (n <= 1) return [];
      const k = split(n);
      return m < k ? [...uniformPath(m, k), uniform(n - k)] : [...uniformPath(m - k, n - k), uniform(k)];
    };
    for (const [m, n] of [
      [2 ** 32 + 7, 2 ** 33 + 12345],
      [2 ** 40 - 1, 2 ** 40 + 1],
      [0, Number.MAX_SAFE_INTEGER],
      [Number.MAX_SAFE_INTEGER - 1, Number.MAX_SAFE_INTEGER],
    ] as const) {
      const p = uniformPath(m, n);
      assert.ok(p.length <= MAX_PROOF_LENGTH);
      assert.ok(verifyInclusion(leaf, m, n, p, uniform(n)), `${m} of ${n}`);
      assert.ok(!verifyInclusion(leaf, m, n, p.slice(1), uniform(n)));
    }
  });

  test('bad arguments are refused, not thrown on', () => {
    const p = path(1, leaves.slice(0, 3));
    const root = mth(leaves.slice(0, 3));
    for (const [index, size] of [[-1, 3], [1.5, 3], [1, 2 ** 53], [NaN, 3], [3, 3]]) assert.ok(!verifyInclusion(leaves[1]!, index!, size!, p, root));
    assert.ok(!verifyInclusion(leaves[1]!.subarray(1), 1, 3, p, root));
    assert.ok(!verifyInclusion(leaves[1]!, 1, 3, [p[0]!, p[1]!.subarray(0, 31)], root));
    assert.ok(!verifyInclusion(leaves[1]!, 1, 3, Array.from({ length: 65 }, () => p[0]!), root));
  });
});

describe('consistency proofs (RFC 9162 §2.1.4.2)', () => {
  test('every pair of sizes 1 ≤ m < n ≤ 64 verifies with PROOF; any change fails', () => {
    for (let n = 2; n <= 64; n++) {
      const root2 = mth(leaves.slice(0, n));
      for (let m = 1; m < n; m++) {
        const root1 = mth(leaves.slice(0, m));
        const p = proof(m, leaves.slice(0, n));
        assert.ok(verifyConsistency(m, n, p, root1, root2), `${m} → ${n}`);
        for (const bad of broken(p)) assert.ok(!verifyConsistency(m, n, bad, root1, root2), `broken proof ${m} → ${n}`);
        assert.ok(!verifyConsistency(m, n, p, flipBit(root1, m), root2));
        assert.ok(!verifyConsistency(m, n, p, root1, flipBit(root2, n)));
        assert.ok(!verifyConsistency(n, m, p, root2, root1));
        assert.ok(!verifyConsistency(m, n, [], root1, root2));
        // The second tree with one leaf changed is not an extension of the first.
        const other = [...leaves.slice(0, n)];
        other[n - 1] = leaves[299]!;
        assert.ok(!verifyConsistency(m, n, p, root1, mth(other)));
      }
    }
  });

  test('equal sizes need equal roots and an empty proof; the empty tree precedes every tree', () => {
    const root = mth(leaves.slice(0, 5));
    assert.ok(verifyConsistency(5, 5, [], root, root));
    assert.ok(!verifyConsistency(5, 5, [root], root, root));
    assert.ok(!verifyConsistency(5, 5, [], root, mth(leaves.slice(0, 4))));
    assert.ok(verifyConsistency(0, 5, [], EMPTY_ROOT, root));
    assert.ok(!verifyConsistency(0, 5, [root], EMPTY_ROOT, root));
    assert.ok(!verifyConsistency(0, 5, [], root, root));
    assert.ok(!verifyConsistency(-1, 5, [], root, root));
  });

  test('sizes above 2^32 (a perfect first tree extended by one equal leaf)', () => {
    const leaf = leaves[0]!;
    let perfect = leaf;
    for (let h = 0; h < 33; h++) perfect = nodeHash(perfect, perfect);
    // PROOF(2^33, D[2^33 + 1]) = [leaf]; the first root is not sent (m is a power of 2).
    assert.ok(verifyConsistency(2 ** 33, 2 ** 33 + 1, [leaf], perfect, nodeHash(perfect, leaf)));
    const two = nodeHash(leaf, leaf);
    assert.ok(verifyConsistency(2 ** 33, 2 ** 33 + 2, [two], perfect, nodeHash(perfect, two)));
    assert.ok(!verifyConsistency(2 ** 33, 2 ** 33 + 2, [leaf], perfect, nodeHash(perfect, two)));
    // 2^33 + 3 is not a power of two: the first root is the fold of 2^33, 2 and 1 leaves.
    const first = nodeHash(perfect, nodeHash(two, leaf));
    assert.ok(verifyConsistency(2 ** 33 + 3, 2 ** 33 + 4, [leaf, leaf, two, perfect], first, nodeHash(perfect, nodeHash(two, two))));
  });
});

describe('the compact range', () => {
  test('its root is MTH after every append of 1..300 leaves, and after being saved and restored', () => {
    const range = CompactRange.empty();
    assert.equal(hex(range.root()), hex(EMPTY_ROOT));
    let restored = CompactRange.restore(0, new Uint8Array());
    for (let n = 1; n <= 300; n++) {
      range.append(leaves[n - 1]!);
      restored.append(leaves[n - 1]!);
      const expected = hex(mth(leaves.slice(0, n)));
      assert.equal(range.size, n);
      assert.equal(hex(range.root()), expected, `size ${n}`);
      assert.equal(hex(restored.root()), expected, `restored, size ${n}`);
      const frontier = range.frontier();
      assert.equal(frontier.length, 32 * n.toString(2).replaceAll('0', '').length);
      // Save and restore at every size; the next appends continue from the restored copy.
      restored = CompactRange.restore(n, frontier);
      assert.equal(hex(restored.root()), expected);
    }
  });

  test('a frontier of the wrong length for its size is refused; a clone is independent', () => {
    const range = CompactRange.empty();
    range.appendAll(leaves.slice(0, 5));
    assert.throws(() => CompactRange.restore(7, range.frontier()), /has 3 hashes/);
    assert.throws(() => CompactRange.restore(-1, new Uint8Array()), RangeError);
    assert.throws(() => range.append(new Uint8Array(31)), RangeError);
    const copy = range.clone();
    copy.append(leaves[5]!);
    assert.equal(range.size, 5);
    assert.equal(hex(copy.root()), hex(mth(leaves.slice(0, 6))));
  });
});

describe('verifyBundle', () => {
  for (const c of bundleCases()) {
    test(c.name, () => {
      const verdict = verifyBundle(c.bundle, c.keys);
      if (!c.refused) {
        assert.ok(verdict.ok, verdict.ok ? '' : verdict.reason);
        const bundle = c.bundle as { leafIndex: number; treeSize: number; fact: string };
        assert.equal(verdict.leafIndex, bundle.leafIndex);
        assert.equal(verdict.treeSize, bundle.treeSize);
        assert.deepEqual(verdict.fact, JSON.parse(bundle.fact));
        assert.equal(verdict.origin, 'example.jp/evidence');
        assert.equal(verdict.keyName, 'example.jp/evidence');
        assert.equal(verdict.time, '2026-12-07T21:51:06Z');
        if (c.keys) assert.equal(verdict.verifierKey, c.keys[0]);
      } else {
        assert.equal(verdict.ok, false);
        assert.match(verdict.ok ? '' : verdict.reason, c.refused);
      }
    });
  }

  test('any input at all gives a verdict, never an exception', () => {
    for (const input of [null, 1, 'x', [], {}, { format: 'kosodate-onestop/evidence-bundle/v1' }]) {
      assert.equal(verifyBundle(input).ok, false);
    }
    const valid = bundleCases()[0]!.bundle as Record<string, unknown>;
    assert.equal(verifyBundle({ ...valid, extra: 1 }).ok, false);
    assert.equal(verifyBundle({ ...valid, verifierKey: 'nope' }).ok, false);
    assert.equal(verifyBundle(valid, ['nope']).ok, false);
    assert.equal(verifyBundle({ ...valid, fact: '{"v":1' }).ok, false);
  });
});
