// INTERIM: the signed-note, checkpoint and consistency checks the witness needs, until the formats
// helper's note.ts / checkpoint-format.ts / verify.ts are merged; then this file goes.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { nodeHash } from './hashes.ts';

const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export interface VerifierKey {
  name: string;
  keyId: Buffer;
  publicKey: Buffer;
}

export function parseVerifierKey(text: string): VerifierKey {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!m) throw new Error('a verifier key is <name>+<key id>+<key>');
  const [, name, id, b64] = m as unknown as [string, string, string, string];
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 33 || raw[0] !== 0x01 || !/^[0-9a-f]{8}$/.test(id)) throw new Error('not an Ed25519 verifier key');
  const publicKey = raw.subarray(1);
  const keyId = createHash('sha256').update(name).update('\n').update(raw).digest().subarray(0, 4);
  if (keyId.toString('hex') !== id) throw new Error('the verifier key’s id does not match its key');
  return { name, keyId, publicKey };
}

/** The note's body when a signature by `key` verifies, else throws with the reason. */
export function openNote(note: string, key: VerifierKey): string {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('not a signed note (no blank line before the signatures)');
  const body = note.slice(0, split + 1);
  const publicKey = createPublicKey({ key: Buffer.concat([SPKI_ED25519, key.publicKey]), format: 'der', type: 'spki' });
  for (const line of note.slice(split + 2).split('\n')) {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== key.name) continue;
    const sig = Buffer.from(m[2]!, 'base64');
    if (sig.length !== 68 || !sig.subarray(0, 4).equals(key.keyId)) continue;
    if (verify(null, Buffer.from(body, 'utf8'), publicKey, sig.subarray(4))) return body;
  }
  throw new Error(`no valid signature by ${key.name}+${key.keyId.toString('hex')}`);
}

export function parseCheckpointBody(body: string): { origin: string; size: number; root: Uint8Array } {
  const lines = body.split('\n');
  const [origin, sizeText, rootText] = lines;
  if (!origin || !sizeText || !/^(0|[1-9][0-9]{0,15})$/.test(sizeText) || !rootText) throw new Error('not a checkpoint');
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== 32) throw new Error('not a checkpoint: the root is not 32 bytes');
  return { origin, size: Number(sizeText), root };
}

const equal = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** RFC 9162 §2.1.4.2, with sizes as JS numbers (no 32-bit shifts). */
export function verifyConsistency(size1: number, size2: number, proof: Uint8Array[], root1: Uint8Array, root2: Uint8Array): boolean {
  if (size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && equal(root1, root2);
  if (size1 === 0) return proof.length === 0;
  const path = [...proof];
  if (Number.isInteger(Math.log2(size1))) path.unshift(root1);
  if (path.length === 0) return false;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(fr, root1) && equal(sr, root2);
}
