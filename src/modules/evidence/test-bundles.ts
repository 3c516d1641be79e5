// For tests only: RFC 9162's Merkle tree written the naive way, straight from the RFC's recursive
// definitions (§2.1.1 MTH, §2.1.3.1 PATH, §2.1.4.1 PROOF/SUBPROOF), and proof bundles built with
// it. The verifiers (verify.ts, tools/verify-evidence.mjs) are checked against these, never against
// the code that serves proofs, so a shared mistake cannot hide.
import { canonicalJson } from '../../platform/canonical-json.ts';
import { formatCheckpoint } from './checkpoint-format.ts';
import { EMPTY_ROOT, leafHash, nodeHash } from './hashes.ts';
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { computeKeyId, generateKey, parseSignerKey, signNote } from './note.ts';
import { BUNDLE_FORMAT, type EvidenceBundle } from './bundle.ts';

/** The largest power of two smaller than n (n > 1). */
export function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over leaf hashes. */
export function mth(leaves: readonly Uint8Array[]): Uint8Array {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  const k = split(leaves.length);
  return nodeHash(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

/** PATH(m, D[n]) over leaf hashes. */
export function path(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  if (leaves.length <= 1) return [];
  const k = split(leaves.length);
  if (m < k) return [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))];
  return [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

function subproof(m: number, leaves: readonly Uint8Array[], complete: boolean): Uint8Array[] {
  const n = leaves.length;
  if (m === n) return complete ? [] : [mth(leaves)];
  const k = split(n);
  if (m <= k) return [...subproof(m, leaves.slice(0, k), complete), mth(leaves.slice(k))];
  return [...subproof(m - k, leaves.slice(k), false), mth(leaves.slice(0, k))];
}

/** PROOF(m, D[n]) over leaf hashes, 0 < m < n. */
export function proof(m: number, leaves: readonly Uint8Array[]): Uint8Array[] {
  return subproof(m, leaves, true);
}

/** A fact of the design's version-1 shape, in canonical form. */
export function sampleFact(i: number, overrides: Record<string, unknown> = {}): string {
  return canonicalJson({
    v: 1,
    kind: 'application.arrived',
    municipality: '131016',
    mode: 'live',
    time: `2026-12-07T21:51:${String(i % 60).padStart(2, '0')}.123456Z`,
    ids: { application: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, reference: '7KQM-3XWA-9ZP4' },
    digests: { content: leafHashHex(i) },
    details: { method: 'signed' },
    ...overrides,
  });
}

function leafHashHex(i: number): string {
  return Buffer.from(leafHash(Buffer.from(`content ${i}`))).toString('hex');
}

export interface TestLog {
  origin: string;
  privateKey: string;
  verifierKey: string;
  facts: string[];
  /** A bundle for leaf `index` of the whole log, checkpoint signed by the log's key (or `signers`). */
  bundle(index: number, options?: { signers?: string[]; origin?: string; time?: string }): EvidenceBundle;
}

/** A log of `facts` (canonical texts, or other texts to test refusals) with a fresh key or the one given. */
export function buildTestLog(facts: string[], origin = 'example.jp/evidence', key = generateKey(origin)): TestLog {
  const { privateKey, verifierKey } = key;
  const leaves = facts.map((f) => leafHash(Buffer.from(f, 'utf8')));
  return {
    origin,
    privateKey,
    verifierKey,
    facts,
    bundle(index, options = {}) {
      const text = formatCheckpoint({ origin: options.origin ?? origin, size: leaves.length, root: mth(leaves), time: options.time ?? '2026-12-07T21:51:06Z' });
      const checkpoint = signNote(text, (options.signers ?? [privateKey]).map(parseSignerKey));
      return {
        format: BUNDLE_FORMAT,
        fact: facts[index]!,
        leafIndex: index,
        treeSize: leaves.length,
        inclusionProof: path(index, leaves).map((h) => Buffer.from(h).toString('base64')),
        checkpoint,
        verifierKey,
      };
    },
  };
}

export interface BundleCase {
  name: string;
  bundle: unknown;
  /** Verifier keys to trust instead of the bundle's own (`--key`). */
  keys?: string[];
  /** Undefined when valid; else what the reason must say. */
  refused?: RegExp;
}

/** Valid and broken bundles, the same for verifyBundle, the CLI and the standalone script. */
export function bundleCases(): BundleCase[] {
  const facts = Array.from({ length: 7 }, (_, i) => sampleFact(i));
  const log = buildTestLog(facts);
  const valid = log.bundle(5);
  const single = buildTestLog([sampleFact(0, { kind: 'notice.delivered' })]);
  const next = generateKey(log.origin);
  const rotated = log.bundle(3, { signers: [next.privateKey, log.privateKey] });
  const loose = buildTestLog([facts[0]!, facts[1]!.replace('{"details"', '{ "details"'), facts[2]!]);
  const flipped = structuredClone(valid);
  const hash = Buffer.from(flipped.inclusionProof[1]!, 'base64');
  hash[7]! ^= 0x10;
  flipped.inclusionProof[1] = hash.toString('base64');
  return [
    { name: 'valid', bundle: valid },
    { name: 'valid, one leaf, empty proof', bundle: single.bundle(0) },
    { name: 'valid, signed by the old and new keys, checked with the old one', bundle: rotated, keys: [log.verifierKey] },
    { name: 'valid, signed by the old and new keys, checked with the new one', bundle: rotated, keys: [next.verifierKey] },
    { name: 'tampered fact', bundle: { ...valid, fact: valid.fact.replace('131016', '131130') }, refused: /inclusion proof/ },
    { name: 'non-canonical fact', bundle: loose.bundle(1), refused: /canonical/ },
    { name: 'wrong tree size', bundle: { ...valid, treeSize: 8 }, refused: /tree size/ },
    { name: 'leaf beyond the tree', bundle: { ...valid, leafIndex: 7 }, refused: /not in a tree|inclusion/ },
    { name: 'another leaf index', bundle: { ...valid, leafIndex: 4 }, refused: /inclusion proof/ },
    { name: 'a proof hash flipped', bundle: flipped, refused: /inclusion proof/ },
    { name: 'a proof hash missing', bundle: { ...valid, inclusionProof: valid.inclusionProof.slice(1) }, refused: /inclusion proof/ },
    { name: 'a trusted key that did not sign', bundle: valid, keys: [next.verifierKey], refused: /not signed by a trusted key/ },
    { name: "the bundle's key replaced", bundle: { ...valid, verifierKey: next.verifierKey }, refused: /not signed by a trusted key/ },
    { name: 'a checkpoint of another origin', bundle: log.bundle(5, { origin: 'other.example/evidence' }), refused: /origin/ },
    { name: 'a checkpoint changed after signing', bundle: { ...valid, checkpoint: valid.checkpoint.replace('\n7\n', '\n8\n'), treeSize: 8 }, refused: /invalid signature/ },
    { name: 'not a bundle', bundle: { ...valid, format: 'something/else' }, refused: /format/ },
  ];
}

/** A key whose seed is SHA-256 of a phrase: the same key on every run, for the published example. */
export function fixedKey(name: string, phrase: string): { privateKey: string; verifierKey: string } {
  const seed = createHash('sha256').update(phrase).digest();
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const publicKey = createPublicKey(createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' }).subarray(12);
  const id = computeKeyId(name, publicKey).toString(16).padStart(8, '0');
  const privateKey = `PRIVATE+KEY+${name}+${id}+${Buffer.concat([Buffer.from([1]), seed]).toString('base64')}`;
  return { privateKey, verifierKey: parseSignerKey(privateKey).verifierKey };
}

/** The example bundle of docs/evidence-example.json: fixed key, facts and time, so the same bytes every run. */
export function exampleBundle(): EvidenceBundle {
  const kinds = ['application.arrived', 'application.status-changed', 'application.arrived', 'notice.delivered', 'application.arrived', 'consent.given'];
  const facts = kinds.map((kind, i) => sampleFact(i, { kind }));
  const log = buildTestLog(facts, 'example.jp/evidence', fixedKey('example.jp/evidence', 'kosodate-onestop evidence example key (public: never use it)'));
  return log.bundle(4, { time: '2026-12-07T21:51:07Z' });
}
