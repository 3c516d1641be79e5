// The witness (issue #12 §5): looks at an evidence log from the outside, over its public HTTP API
// only, and remembers what it verified. Each look fetches the latest signed checkpoint, checks the
// signature with the key it was given (not one the log offers), checks that the log only grew since
// the last verified look (RFC 9162 consistency proof), then re-hashes the new facts into its own
// compact range, whose root must be the signed one. A full look re-hashes every fact from leaf 0,
// which is what catches a fact changed in place: the stored tree would still answer proofs, but the
// fact's bytes no longer hash to the root that was signed and witnessed.
//
// Anything that does not verify is an 'alarm' observation with its reason. A log that cannot be
// reached is 'unreachable': no evidence of misbehaviour, but no verification either.
import * as crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../platform/db/index.ts';
import { EMPTY_ROOT, HASH_SIZE } from './hashes.ts';
import { insertObservation, lastVerified, witnessState, type WitnessObservation } from './repository/witness.ts';
import { parseCheckpoint, type Checkpoint } from './checkpoint-format.ts';
import { openNote, parseVerifierKey, type NoteVerifier } from './note.ts';
import { verifyConsistency } from './verify.ts';

/** The facts endpoint's page limit. */
export const FACTS_PAGE = 10_000;
/** Pages in flight at once: the server reads the next ones while this side hashes. */
const PAGES_AHEAD = 4;
const REQUEST_TIMEOUT_MS = 60_000;
/** Waits on 429 Too Many Requests before a look gives up as unreachable. */
const RATE_LIMIT_RETRIES = 30;

export interface WitnessOptions {
  /** The platform's address (https://host) or its evidence API (https://host/api/v1/evidence). */
  url: string;
  /** The log's verifier key, as the log's operator published it: `<name>+<key id>+<key>`. */
  verifierKey: string;
  /** Re-hash every fact from leaf 0 instead of only the new ones. */
  full?: boolean;
  /** Another fetch (tests pass one that goes through the app without a socket). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Why a look failed, first word a code the admin page explains: signature, origin, shrunk, fork,
 * consistency, facts, history, protocol (alarms); unreachable (not one).
 */
class Alarm extends Error {}
class Unreachable extends Error {}

// --- hashing ------------------------------------------------------------------------------------

// One-shot SHA-256 (Node ≥ 20.12) is about twice as fast as createHash for these small inputs, and
// a from-scratch audit of a million leaves is two million hashes.
const sha256: (data: Buffer | string) => Buffer =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'buffer') : (data) => crypto.createHash('sha256').update(data).digest();

/** RFC 9162 leaf hash of a fact's UTF-8 text: "\0" is the 0x00 prefix byte in UTF-8. */
export function factLeafHash(fact: string): Buffer {
  return sha256(`\0${fact}`);
}

const scratch = Buffer.alloc(1 + 2 * HASH_SIZE);
scratch[0] = 0x01;
function node(left: Uint8Array, right: Uint8Array): Buffer {
  scratch.set(left, 1);
  scratch.set(right, 1 + HASH_SIZE);
  return sha256(scratch);
}

/**
 * A compact range [0, size): the hashes of the perfect subtrees along the tree's right edge, largest
 * first — one per set bit of size. Appending a leaf merges equal subtrees; the root folds them.
 * verify.ts's CompactRange does the same for auditors; this one reuses one buffer for the node hash
 * and hashes in one call, which halves the time of a from-scratch audit (about a million node
 * hashes per million leaves). The tests hold the two to the same roots and frontiers.
 */
export class Frontier {
  private constructor(
    private count: number,
    private readonly hashes: Uint8Array[],
  ) {}

  static empty(): Frontier {
    return new Frontier(0, []);
  }

  static restore(size: number, bytes: Uint8Array): Frontier {
    const expected = popcount(size);
    if (bytes.length !== expected * HASH_SIZE) throw new Error(`a frontier of size ${size} has ${expected} hashes, not ${bytes.length / HASH_SIZE}`);
    const hashes: Uint8Array[] = [];
    for (let i = 0; i < expected; i++) hashes.push(Buffer.from(bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)));
    return new Frontier(size, hashes);
  }

  get size(): number {
    return this.count;
  }

  append(leaf: Uint8Array): void {
    let hash = leaf;
    // Each trailing 1 bit of the old size is a subtree of the new leaf's height: merge it.
    for (let n = this.count; n % 2 === 1; n = (n - 1) / 2) hash = node(this.hashes.pop()!, hash);
    this.hashes.push(hash);
    this.count++;
  }

  root(): Uint8Array {
    if (this.hashes.length === 0) return EMPTY_ROOT;
    let root = this.hashes[this.hashes.length - 1]!;
    for (let i = this.hashes.length - 2; i >= 0; i--) root = node(this.hashes[i]!, root);
    return root;
  }

  serialise(): Buffer {
    return Buffer.concat(this.hashes);
  }
}

function popcount(n: number): number {
  let bits = 0;
  for (let x = n; x > 0; x = Math.floor(x / 2)) bits += x % 2;
  return bits;
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const b64 = (h: Uint8Array) => Buffer.from(h).toString('base64');

// --- the log's API --------------------------------------------------------------------------------

/**
 * The log's identity in the witness's table: the platform's address, however it was given — the
 * platform's (https://host), its evidence API's (…/api/v1/evidence) or its checkpoint's.
 */
export function logKey(url: string): string {
  return url
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/checkpoint$/, '')
    .replace(/\/api\/v1\/evidence$/, '');
}

/** The evidence API's base for a configured address. */
export function evidenceApiBase(url: string): string {
  return `${logKey(url)}/api/v1/evidence`;
}

function client(url: string, fetcher: typeof globalThis.fetch, abort: AbortController) {
  const base = evidenceApiBase(url);
  async function get(path: string, headers: Record<string, string> = { accept: 'application/json, text/plain' }): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetcher(`${base}${path}`, { signal: AbortSignal.any([abort.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]), headers });
      } catch (error) {
        throw new Unreachable(`unreachable: GET ${path}: ${error instanceof Error ? error.message : String(error)}`);
      }
      // A full look at a large log is thousands of pages: more than a rate limit allows in a
      // minute. Waiting as told is part of reading the log, not a failure of it.
      if (res.status === 429 && attempt < RATE_LIMIT_RETRIES) {
        const told = Number(res.headers.get('retry-after'));
        await res.body?.cancel();
        await sleep(Math.min(Number.isFinite(told) && told >= 0 ? told : 5, 60) * 1000, undefined, { signal: abort.signal }).catch(() => {});
        if (abort.signal.aborted) throw new Unreachable(`unreachable: GET ${path}: abandoned while rate-limited`);
        continue;
      }
      if (res.status >= 500 || res.status === 429) throw new Unreachable(`unreachable: GET ${path} answered ${res.status}`);
      return res;
    }
  }
  async function json(path: string): Promise<any> {
    const res = await get(path);
    if (!res.ok) throw new Alarm(`protocol: GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    try {
      return await res.json();
    } catch {
      throw new Alarm(`protocol: GET ${path} did not answer JSON`);
    }
  }
  return {
    /** The latest signed note; null when the log has none yet (404). */
    async checkpoint(): Promise<string | null> {
      const res = await get('/checkpoint');
      if (res.status === 404) return null;
      if (!res.ok) throw new Alarm(`protocol: GET /checkpoint answered ${res.status}`);
      return res.text();
    },
    async consistency(from: number, to: number): Promise<Uint8Array[]> {
      const body = await json(`/proofs/consistency?from=${from}&to=${to}`);
      if (!Array.isArray(body?.proof) || !body.proof.every((h: unknown) => typeof h === 'string')) throw new Alarm('protocol: the consistency proof is not a list of hashes');
      return (body.proof as string[]).map((h) => Buffer.from(h, 'base64'));
    },
    /** Facts as lines (the facts endpoint's NDJSON form): no JSON to build or parse on either side. */
    async facts(start: number, end: number): Promise<string[]> {
      const path = `/facts?start=${start}&end=${end}`;
      const res = await get(path, { accept: 'application/x-ndjson' });
      if (!res.ok) throw new Alarm(`protocol: GET ${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      const text = await res.text();
      const lines = text.split('\n');
      // Every fact ends with a newline: the last piece is empty, and no other may be.
      if (lines.pop() !== '' || lines.length !== end - start) {
        throw new Alarm(`facts: the log gave ${lines.length} facts for leaves [${start}, ${end})`);
      }
      const empty = lines.indexOf('');
      if (empty >= 0) throw new Alarm(`facts: leaf ${start + empty} is missing in [${start}, ${end})`);
      return lines;
    },
  };
}

/** Facts [start, end) in order, a few pages fetched ahead of the one being hashed. */
async function* factPages(api: ReturnType<typeof client>, start: number, end: number): AsyncGenerator<string[]> {
  const queue: Promise<string[]>[] = [];
  let next = start;
  const launch = () => {
    const from = next;
    next = Math.min(end, from + FACTS_PAGE);
    const page = api.facts(from, next);
    // Awaited in turn below; until then a failure must not count as unhandled.
    page.catch(() => {});
    queue.push(page);
  };
  while (queue.length < PAGES_AHEAD && next < end) launch();
  while (queue.length > 0) {
    const page = await queue.shift()!;
    if (next < end) launch();
    yield page;
  }
}

// --- one look -------------------------------------------------------------------------------------

interface Seen {
  origin: string | null;
  size: number | null;
  root: Uint8Array | null;
  note: string | null;
}

/** One look at a log; stores and returns the observation (ok, alarm or unreachable). */
export async function witnessOnce(db: Db, options: WitnessOptions): Promise<WitnessObservation> {
  const logUrl = logKey(options.url);
  const previous = await lastVerified(db.kysely, logUrl);
  // After an alarm every look is full until one passes: an incremental look from the last verified
  // state would not see a changed fact again, and the alarm must not quietly clear.
  const full = options.full === true || !previous || (await witnessState(db.kysely, logUrl)).inAlarm;
  const seen: Seen = { origin: null, size: null, root: null, note: null };
  const abort = new AbortController();
  try {
    let key: NoteVerifier;
    try {
      key = parseVerifierKey(options.verifierKey);
    } catch (error) {
      throw new Alarm(`signature: the configured verifier key is unusable: ${(error as Error).message}`);
    }
    const api = client(options.url, options.fetch ?? globalThis.fetch, abort);
    const note = await api.checkpoint();
    if (note === null) {
      if (previous) throw new Alarm(`protocol: the log serves no checkpoint, after one of size ${previous.size} on ${previous.observedAt.toISOString()}`);
      throw new Unreachable('unreachable: the log has no checkpoint yet');
    }
    seen.note = note;
    let body: string;
    try {
      body = openNote(note, [key]).text;
    } catch (error) {
      throw new Alarm(`signature: ${(error as Error).message}`);
    }
    let checkpoint: Checkpoint;
    try {
      checkpoint = parseCheckpoint(body);
    } catch (error) {
      throw new Alarm(`protocol: ${(error as Error).message}`);
    }
    Object.assign(seen, { origin: checkpoint.origin, size: checkpoint.size, root: checkpoint.root });
    if (checkpoint.origin !== key.name) throw new Alarm(`origin: the checkpoint is of "${checkpoint.origin}", the key of "${key.name}"`);

    if (previous) {
      const before = { size: previous.size!, root: previous.root! };
      const when = previous.observedAt.toISOString();
      if (checkpoint.size < before.size) {
        throw new Alarm(`shrunk: a signed checkpoint of size ${checkpoint.size}, after one of size ${before.size} verified on ${when}`);
      }
      if (checkpoint.size === before.size && !same(checkpoint.root, before.root)) {
        throw new Alarm(`fork: a signed checkpoint of size ${checkpoint.size} with root ${b64(checkpoint.root)}, not the root ${b64(before.root)} verified on ${when}`);
      }
      if (checkpoint.size > before.size) {
        const proof = await api.consistency(before.size, checkpoint.size);
        if (!verifyConsistency(before.size, checkpoint.size, proof, before.root, checkpoint.root)) {
          throw new Alarm(`consistency: the log's proof does not show size ${checkpoint.size} extending size ${before.size} verified on ${when}`);
        }
      }
    }

    const range = full ? Frontier.empty() : Frontier.restore(previous!.size!, previous!.frontier!);
    // On a full look, the prefix the witness verified before must still hash to the root it saw:
    // a fact changed in place shows here, even though the log's stored tree answers every proof.
    const checkAt = full && previous && previous.size! > 0 ? previous.size! : -1;
    for await (const facts of factPages(api, range.size, checkpoint.size)) {
      for (const fact of facts) {
        range.append(factLeafHash(fact));
        if (range.size === checkAt && !same(range.root(), previous!.root!)) {
          throw new Alarm(
            `history: facts [0, ${checkAt}) no longer hash to the root ${b64(previous!.root!)} this witness verified on ${previous!.observedAt.toISOString()}: a fact was changed`,
          );
        }
      }
    }
    if (!same(range.root(), checkpoint.root)) {
      throw new Alarm(
        full
          ? `facts: facts [0, ${checkpoint.size}) hash to ${b64(range.root())}, not the signed root ${b64(checkpoint.root)}`
          : `facts: facts [${previous!.size}, ${checkpoint.size}) do not extend the verified tree to the signed root ${b64(checkpoint.root)}`,
      );
    }
    return await insertObservation(db.kysely, {
      logUrl,
      origin: checkpoint.origin,
      size: checkpoint.size,
      root: checkpoint.root,
      frontier: range.serialise(),
      note,
      status: 'ok',
      fullCheck: full,
      reason: null,
    });
  } catch (error) {
    if (!(error instanceof Alarm || error instanceof Unreachable)) throw error;
    return insertObservation(db.kysely, {
      logUrl,
      ...seen,
      frontier: null,
      status: error instanceof Alarm ? 'alarm' : 'unreachable',
      fullCheck: full,
      reason: error.message,
    });
  } finally {
    abort.abort();
  }
}
