// Checking the log without trusting it: RFC 9162's inclusion and consistency proof verification,
// a compact range for auditors and witnesses (the tree's right edge, enough to extend the tree
// and compute its root without the earlier leaves), and the whole check of a proof bundle.
// Pure code, no database: the standalone tools/verify-evidence.mjs does the same in one file.
//
// Tree sizes and indexes are JS numbers (safe up to 2^53), so halving is arithmetic, never `>>`
// (which would cut them to 32 bits).
import { timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { EMPTY_ROOT, HASH_SIZE, leafHash, nodeHash } from './hashes.ts';
import { CheckpointFormatError, openCheckpoint, type OpenedCheckpoint } from './checkpoint-format.ts';
import { NoteError, parseVerifierKey, type NoteVerifier } from './note.ts';
import { BundleFormatError, checkBundle, type EvidenceBundle, type EvidenceFact } from './bundle.ts';

/** The deepest a tree of up to 2^53 leaves can be: longer proofs are refused before any hashing. */
export const MAX_PROOF_LENGTH = 64;

const half = (n: number) => Math.floor(n / 2);
const odd = (n: number) => n % 2 === 1;

function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === HASH_SIZE && b.length === HASH_SIZE && timingSafeEqual(a, b);
}

function validIndex(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function validProof(proof: readonly Uint8Array[]): boolean {
  return proof.length <= MAX_PROOF_LENGTH && proof.every((p) => p instanceof Uint8Array && p.length === HASH_SIZE);
}

/**
 * RFC 9162 §2.1.3.2: the root that `proof` (PATH, leaf to root) gives for the leaf hash at `index`
 * in a tree of `size` leaves, or undefined when the proof cannot be for that position (wrong length).
 */
export function rootFromInclusionProof(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[]): Uint8Array | undefined {
  if (!validIndex(index) || !validIndex(size) || index >= size || leaf.length !== HASH_SIZE || !validProof(proof)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

/** RFC 9162 §2.1.3.2: whether `proof` shows the leaf hash at `index` in the tree of `size` leaves with `root`. */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  const computed = rootFromInclusionProof(leaf, index, size, proof);
  return computed !== undefined && sameHash(computed, root);
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows that the tree of `size1` leaves with `root1` is a prefix
 * of the tree of `size2` leaves with `root2`. Equal sizes need an empty proof and equal roots; the
 * empty tree is a prefix of every tree (empty proof, root1 the empty root).
 */
export function verifyConsistency(size1: number, size2: number, proof: readonly Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean {
  if (!validIndex(size1) || !validIndex(size2) || size1 > size2 || !validProof(proof)) return false;
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) return false;
  if (size1 === 0) return proof.length === 0 && sameHash(root1, EMPTY_ROOT);
  if (size1 === size2) return proof.length === 0 && sameHash(root1, root2);
  // Step 1: a non-empty proof is needed from here.
  if (proof.length === 0) return false;
  // Step 2: when size1 is a power of 2, its root is the first node of the path and is not sent.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  // Step 3, 4.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // Step 6.
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 7.
  return sn === 0 && sameHash(fr, root1) && sameHash(sr, root2);
}

function isPowerOfTwo(n: number): boolean {
  while (n > 1 && !odd(n)) n = half(n);
  return n === 1;
}

/**
 * The right edge of a tree: the hashes of its perfect subtrees from the largest (leftmost) to the
 * smallest, one per set bit of the size. Appending a leaf merges equal-sized subtrees; the root folds
 * them from the right. A witness keeps (size, frontier) between runs and extends it with new leaves,
 * so it checks the log's root without keeping the leaves.
 */
export class CompactRange {
  #size: number;
  readonly #hashes: Uint8Array[];

  private constructor(size: number, hashes: Uint8Array[]) {
    this.#size = size;
    this.#hashes = hashes;
  }

  static empty(): CompactRange {
    return new CompactRange(0, []);
  }

  /**
   * Restores a range from its size and `frontier()` bytes: popcount(size) hashes of 32 bytes,
   * largest subtree first — the layout of `evidence_heads.frontier` too.
   */
  static restore(size: number, frontier: Uint8Array): CompactRange {
    if (!validIndex(size)) throw new RangeError('the size of a compact range must be a non-negative safe integer');
    let count = 0;
    for (let n = size; n > 0; n = half(n)) if (odd(n)) count++;
    if (frontier.length !== count * HASH_SIZE) throw new RangeError(`a compact range of size ${size} has ${count} hashes (${count * HASH_SIZE} bytes), not ${frontier.length} bytes`);
    const hashes: Uint8Array[] = [];
    for (let i = 0; i < count; i++) hashes.push(Uint8Array.from(frontier.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
    return new CompactRange(size, hashes);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends one leaf hash (SHA-256(0x00 ‖ leaf), as leafHash gives). */
  append(leaf: Uint8Array): void {
    if (leaf.length !== HASH_SIZE) throw new RangeError(`a leaf hash is ${HASH_SIZE} bytes`);
    if (this.#size >= Number.MAX_SAFE_INTEGER) throw new RangeError('the compact range is full');
    let hash = leaf;
    // Each trailing 1 bit of the size is a perfect subtree of the same height as the new one: merge.
    for (let n = this.#size; odd(n); n = half(n)) hash = nodeHash(this.#hashes.pop()!, hash);
    this.#hashes.push(hash);
    this.#size += 1;
  }

  appendAll(leaves: Iterable<Uint8Array>): void {
    for (const leaf of leaves) this.append(leaf);
  }

  /** MTH of the leaves appended so far (RFC 9162 §2.1.1); the empty root for none. */
  root(): Uint8Array {
    if (this.#hashes.length === 0) return EMPTY_ROOT;
    let root = this.#hashes[this.#hashes.length - 1]!;
    for (let i = this.#hashes.length - 2; i >= 0; i--) root = nodeHash(this.#hashes[i]!, root);
    return root;
  }

  /** The frontier hashes, largest subtree first, concatenated (see restore). */
  frontier(): Uint8Array {
    const out = new Uint8Array(this.#hashes.length * HASH_SIZE);
    this.#hashes.forEach((h, i) => out.set(h, i * HASH_SIZE));
    return out;
  }

  clone(): CompactRange {
    return new CompactRange(this.#size, this.#hashes.map((h) => Uint8Array.from(h)));
  }
}

export type BundleVerdict =
  | {
      ok: true;
      fact: EvidenceFact;
      leafIndex: number;
      treeSize: number;
      /** The checkpoint's time (RFC 3339 UTC); the fact's own time is fact.time. */
      time: string;
      origin: string;
      keyName: string;
      keyId: string;
      /** The verifier key that checked the checkpoint's signature. */
      verifierKey: string;
    }
  | { ok: false; reason: string };

const FACT_KIND = /^[a-z]+\.[a-z]+(?:-[a-z]+)*$/;

/** The fact's version-1 shape: what a verifier reads (kind, municipality, time, ids). */
function checkFactShape(value: unknown): EvidenceFact | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the fact is not a JSON object';
  const fact = value as Record<string, unknown>;
  if (fact.v !== 1) return 'the fact is not version 1 ("v":1)';
  if (typeof fact.kind !== 'string' || !FACT_KIND.test(fact.kind)) return 'the fact has no valid kind';
  if (typeof fact.municipality !== 'string' || !/^\d{6}$/.test(fact.municipality)) return 'the fact has no six-digit municipality code';
  if (typeof fact.time !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/.test(fact.time)) return 'the fact has no RFC 3339 UTC time';
  if (fact.mode !== 'live' && fact.mode !== 'test') return 'the fact\'s mode is neither "live" nor "test"';
  for (const member of ['ids', 'digests', 'details'] as const) {
    const inner = fact[member];
    if (typeof inner !== 'object' || inner === null || Array.isArray(inner)) return `the fact's ${member} is not an object`;
  }
  return fact as unknown as EvidenceFact;
}

/**
 * Checks a proof bundle offline (docs/evidence.md, "Verifying a bundle"): the checkpoint's
 * signature by a trusted key (the bundle's own verifierKey unless `trustedVerifierKeys` is given),
 * the checkpoint's origin being that key's name, its size being the bundle's tree size, the fact's
 * leaf hash leading to the checkpoint's root through the inclusion proof, and the fact being in
 * RFC 8785 canonical form. Never throws on bad input: the verdict says why.
 */
export function verifyBundle(input: EvidenceBundle | unknown, trustedVerifierKeys?: readonly string[]): BundleVerdict {
  const fail = (reason: string): BundleVerdict => ({ ok: false, reason });
  let bundle: EvidenceBundle;
  try {
    bundle = checkBundle(input);
  } catch (error) {
    if (error instanceof BundleFormatError) return fail(error.message);
    throw error;
  }
  // (1) The keys to trust.
  let trusted: NoteVerifier[];
  try {
    trusted = (trustedVerifierKeys && trustedVerifierKeys.length > 0 ? trustedVerifierKeys : [bundle.verifierKey]).map(parseVerifierKey);
  } catch (error) {
    if (error instanceof NoteError) return fail(`verifier key: ${error.message}`);
    throw error;
  }
  // (2) The checkpoint's signature, (3) the tree head it signs, of the signing key's own log.
  let checkpoint: OpenedCheckpoint;
  try {
    checkpoint = openCheckpoint(bundle.checkpoint, trusted);
  } catch (error) {
    if (error instanceof NoteError || error instanceof CheckpointFormatError) return fail(`checkpoint: ${error.message}`);
    throw error;
  }
  const signer = checkpoint.signer;
  if (checkpoint.size !== bundle.treeSize) return fail(`the checkpoint is of tree size ${checkpoint.size}, the bundle says ${bundle.treeSize}`);
  if (bundle.leafIndex >= bundle.treeSize) return fail(`leaf ${bundle.leafIndex} is not in a tree of ${bundle.treeSize} leaves`);
  // (4) The fact's place in that tree.
  const proof: Uint8Array[] = bundle.inclusionProof.map((p) => Buffer.from(p, 'base64'));
  const leaf = leafHash(Buffer.from(bundle.fact, 'utf8'));
  if (!verifyInclusion(leaf, bundle.leafIndex, bundle.treeSize, proof, checkpoint.root)) {
    return fail(`the inclusion proof does not lead from the fact (leaf ${bundle.leafIndex}) to the checkpoint's root`);
  }
  // (5) The fact itself: canonical, so its text is the only one for its content, and version 1.
  let parsed: unknown;
  try {
    parsed = JSON.parse(bundle.fact);
  } catch {
    return fail('the fact is not JSON');
  }
  let canonical: string;
  try {
    canonical = canonicalJson(parsed);
  } catch {
    return fail('the fact cannot be put in canonical form');
  }
  if (canonical !== bundle.fact) return fail('the fact is not in RFC 8785 canonical form');
  const fact = checkFactShape(parsed);
  if (typeof fact === 'string') return fail(fact);
  return {
    ok: true,
    fact,
    leafIndex: bundle.leafIndex,
    treeSize: bundle.treeSize,
    time: checkpoint.time,
    origin: checkpoint.origin,
    keyName: signer.name,
    keyId: signer.keyIdHex,
    verifierKey: signer.verifierKey,
  };
}
