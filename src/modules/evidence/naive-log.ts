// A test double of the evidence API (design §5) over a naive RFC 9162 tree: MTH and PROOF written
// straight from the RFC's recursive definitions, signed notes from node:crypto. It shares no code
// with the platform's log, so a witness test against it checks the witness, not the log against
// itself. Its knobs play a misbehaving log: facts changed behind the tree, forks, bad proofs.
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};
const leaf = (fact: string) => sha(Buffer.from([0]), Buffer.from(fact, 'utf8'));
const node = (l: Uint8Array, r: Uint8Array) => sha(Buffer.from([1]), l, r);

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 §2.1.1 MTH over leaf hashes. */
export function naiveRoot(leaves: Uint8Array[]): Buffer {
  if (leaves.length === 0) return sha();
  if (leaves.length === 1) return Buffer.from(leaves[0]!);
  const k = split(leaves.length);
  return node(naiveRoot(leaves.slice(0, k)), naiveRoot(leaves.slice(k)));
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]). */
export function naiveConsistency(m: number, leaves: Uint8Array[]): Buffer[] {
  const sub = (m: number, d: Uint8Array[], b: boolean): Buffer[] => {
    if (m === d.length) return b ? [] : [naiveRoot(d)];
    const k = split(d.length);
    return m <= k ? [...sub(m, d.slice(0, k), b), naiveRoot(d.slice(k))] : [...sub(m - k, d.slice(k), false), naiveRoot(d.slice(0, k))];
  };
  return m === 0 || m === leaves.length ? [] : sub(m, leaves, true);
}

export interface NoteSigner {
  name: string;
  verifierKey: string;
  sign(body: string): string;
}

/** A C2SP signed-note Ed25519 signer with a fresh key. */
export function naiveSigner(name: string): NoteSigner {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.concat([Buffer.from([0x01]), Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')]);
  const keyId = sha(Buffer.from(`${name}\n`), raw).subarray(0, 4);
  const signWith = (key: KeyObject, body: string) => Buffer.concat([keyId, sign(null, Buffer.from(body, 'utf8'), key)]).toString('base64');
  return {
    name,
    verifierKey: `${name}+${keyId.toString('hex')}+${raw.toString('base64')}`,
    sign: (body) => `${body}\n\u2014 ${name} ${signWith(privateKey, body)}\n`,
  };
}

export class NaiveLog {
  /** The facts as served. */
  readonly facts: string[] = [];
  /** The tree's leaf hashes as the log keeps them: a fact changed in place leaves these alone. */
  readonly leaves: Buffer[] = [];
  private notes: string[] = [];
  /** Requests served, by path without the query. */
  readonly requests: string[] = [];
  /** Misbehaviours. */
  serveNote: string | null = null;
  corruptConsistency = false;
  failWith: number | null = null;
  /** Answer this many more requests with 429 Too Many Requests (Retry-After: 0). */
  throttle = 0;

  constructor(
    readonly signer: NoteSigner,
    readonly base = 'https://log.example',
  ) {}

  append(...facts: string[]): void {
    for (const f of facts) {
      this.facts.push(f);
      this.leaves.push(leaf(f));
    }
  }

  /** Signs the tree of the leaves so far; returns the note. */
  checkpoint(signer: NoteSigner = this.signer, size = this.leaves.length, root = naiveRoot(this.leaves.slice(0, size))): string {
    const note = signer.sign(`${this.signer.name}\n${size}\n${root.toString('base64')}\ntime 2026-12-07T22:00:00Z\n`);
    this.notes.push(note);
    return note;
  }

  /** Changes a fact as served, behind the tree's back (the stored tree keeps the old leaf hash). */
  tamper(index: number, fact: string): void {
    this.facts[index] = fact;
  }

  readonly fetch: typeof globalThis.fetch = async (input) => {
    const url = new URL(String(input));
    this.requests.push(url.pathname);
    if (this.failWith) return new Response('down', { status: this.failWith });
    if (this.throttle > 0) {
      this.throttle--;
      return new Response('slow down', { status: 429, headers: { 'retry-after': '0' } });
    }
    const q = (name: string) => Number(url.searchParams.get(name));
    const json = (value: unknown) => new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });
    switch (url.pathname) {
      case '/api/v1/evidence/checkpoint': {
        const note = this.serveNote ?? this.notes.at(-1);
        return note ? new Response(note, { headers: { 'content-type': 'text/plain; charset=utf-8' } }) : new Response('{}', { status: 404 });
      }
      case '/api/v1/evidence/proofs/consistency': {
        const proof = naiveConsistency(q('from'), this.leaves.slice(0, q('to')));
        if (this.corruptConsistency && proof.length > 0) proof[proof.length - 1] = sha(Buffer.from('not a node'));
        return json({ from: q('from'), to: q('to'), proof: proof.map((h) => h.toString('base64')) });
      }
      case '/api/v1/evidence/facts': {
        const start = q('start');
        const end = Math.min(q('end'), start + 10_000, this.facts.length);
        const lines = this.facts.slice(start, end).map((fact) => `${fact}\n`).join('');
        return new Response(lines, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8' } });
      }
      default:
        return new Response('{}', { status: 404 });
    }
  };
}

/** A fact-shaped canonical text, no personal data. */
export function sampleFact(i: number): string {
  const digest = createHash('sha256').update(String(i)).digest('hex');
  return `{"digests":{"content":"${digest}"},"details":{"method":"simple"},"ids":{"application":"00000000-0000-4000-8000-${String(i).padStart(12, '0')}"},"kind":"application.arrived","mode":"test","municipality":"131016","time":"2026-12-07T22:00:00.000000Z","v":1}`;
}
