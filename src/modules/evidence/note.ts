// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519, the format of Go's checksum
// database and of every tlog-checkpoint witness: a text, a blank line, and one signature line per
// key. The key texts are those of golang.org/x/mod/sumdb/note, so an operator can make and check
// keys with Go's tools and ours alike. Verification takes only the keys the caller trusts: a
// signature by an unknown key is ignored (a witness may cosign), a signature by a trusted key that
// does not verify fails the whole note. Sizes and counts are bounded before any work, so a hostile
// note costs at most MAX_NOTE_BYTES of scanning and MAX_SIGNATURES signature checks.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** The only algorithm: Ed25519 (signature type 0x01 of the spec). */
export const ALG_ED25519 = 0x01;
/** A checkpoint is a few hundred bytes; anything much larger is not one of ours. */
export const MAX_NOTE_BYTES = 64 * 1024;
/** Go's sumdb/note refuses more than 100 signature lines; so do we. */
export const MAX_SIGNATURES = 100;
/** A key name is an origin like `example.jp/evidence`; no log needs more. */
export const MAX_NAME_BYTES = 255;
const SIGNATURE_PREFIX = '\u2014 '; // EM DASH, SPACE

export type NoteErrorCode = 'malformed_note' | 'malformed_key' | 'unknown_key' | 'bad_signature';

/** Why a note or a key text was refused; `code` tells a caller which, `message` says it to a person. */
export class NoteError extends Error {
  readonly code: NoteErrorCode;
  constructor(code: NoteErrorCode, message: string) {
    super(message);
    this.name = 'NoteError';
    this.code = code;
  }
}

export interface NoteVerifier {
  name: string;
  /** The 4-byte key id as an unsigned 32-bit number. */
  keyId: number;
  /** The key id as 8 lowercase hex digits, as the key texts write it. */
  keyIdHex: string;
  /** The raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** `<name>+<keyid>+<base64(0x01 ‖ public key)>` */
  verifierKey: string;
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export interface NoteSigner {
  name: string;
  keyId: number;
  keyIdHex: string;
  verifierKey: string;
  sign(message: Uint8Array): Uint8Array;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** The base64 text of the line: key id ‖ signature. */
  base64: string;
}

export interface OpenedNote {
  /** The signed text, ending in "\n" (without the blank line). */
  text: string;
  /** Signatures by trusted keys, each verified; never empty. */
  signatures: NoteSignature[];
  /** Signatures by keys not trusted (not checked), e.g. a witness's cosignature. */
  unverified: NoteSignature[];
  /** The trusted keys that signed, in the order of their lines. */
  verifiedBy: NoteVerifier[];
}

// DER prefixes that wrap a raw Ed25519 key for node:crypto (RFC 8410): SPKI for the public key,
// PKCS#8 for the 32-byte seed. Fixed bytes, so no ASN.1 library is needed.
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const KEY_ID = /^[0-9a-fA-F]{8}$/;
const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict standard base64 (with padding), refusing anything Buffer.from would silently skip. */
function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  // Non-zero padding bits decode to the same bytes as another text: one text per value.
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Whether the text holds a character below U+0020 (other than "\n" when allowed). */
function hasControlCharacter(text: string, newlineAllowed: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !(newlineAllowed && c === 0x0a)) return true;
  }
  return false;
}

/** A key name: non-empty UTF-8 with no white space and no '+', as Go's isValidName. */
export function isValidKeyName(name: string): boolean {
  return (
    name.length > 0 &&
    (name as string & { isWellFormed(): boolean }).isWellFormed() &&
    encoder.encode(name).length <= MAX_NAME_BYTES &&
    !/[\p{White_Space}+]/u.test(name) &&
    // Control characters cannot appear in a note, so a name with one could never sign one.
    !hasControlCharacter(name, false)
  );
}

/** The key id: the first 4 bytes (big-endian) of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
export function computeKeyId(name: string, publicKey: Uint8Array): number {
  const digest = createHash('sha256').update(name, 'utf8').update(Buffer.from([0x0a, ALG_ED25519])).update(publicKey).digest();
  return digest.readUInt32BE(0);
}

const hex8 = (id: number) => id.toString(16).padStart(8, '0');

function publicKeyObject(publicKey: Uint8Array): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

function makeVerifier(name: string, publicKey: Uint8Array): NoteVerifier {
  const keyId = computeKeyId(name, publicKey);
  const key = publicKeyObject(publicKey);
  const verifierKey = `${name}+${hex8(keyId)}+${Buffer.concat([Buffer.from([ALG_ED25519]), publicKey]).toString('base64')}`;
  return {
    name,
    keyId,
    keyIdHex: hex8(keyId),
    publicKey: Uint8Array.from(publicKey),
    verifierKey,
    verify: (message, signature) => signature.length === 64 && verify(null, message, key, signature),
  };
}

/** The verifier key text of an Ed25519 public key under a name. */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError('malformed_key', `invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new NoteError('malformed_key', 'an Ed25519 public key is 32 bytes');
  return makeVerifier(name, publicKey).verifierKey;
}

/** The text cut at its first count−1 '+' signs (the last part keeps any further '+'). */
function cut(text: string, count: number): string[] | undefined {
  const parts: string[] = [];
  let rest = text;
  for (let i = 1; i < count; i++) {
    const plus = rest.indexOf('+');
    if (plus < 0) return undefined;
    parts.push(rest.slice(0, plus));
    rest = rest.slice(plus + 1);
  }
  parts.push(rest);
  return parts;
}

/** Reads `<name>+<8 hex key id>+<base64(0x01 ‖ 32-byte public key)>`, checking the key id. */
export function parseVerifierKey(text: string): NoteVerifier {
  if (typeof text !== 'string' || text.length > 400) throw new NoteError('malformed_key', 'a verifier key is <name>+<key id>+<key>');
  // The key's base64 may hold '+' itself: the parts are cut at the first two '+' only.
  const parts = cut(text, 3);
  if (!parts) throw new NoteError('malformed_key', 'a verifier key is <name>+<key id>+<key>, three parts joined by "+"');
  const [name, id, key64] = parts as [string, string, string];
  if (!isValidKeyName(name)) throw new NoteError('malformed_key', `invalid key name ${JSON.stringify(name)}`);
  if (!KEY_ID.test(id)) throw new NoteError('malformed_key', 'the key id must be 8 hex digits');
  const key = decodeBase64(key64);
  if (!key || key.length === 0) throw new NoteError('malformed_key', 'the key is not base64');
  if (key[0] !== ALG_ED25519) throw new NoteError('malformed_key', `unknown key algorithm ${key[0]} (only 1, Ed25519)`);
  if (key.length !== 33) throw new NoteError('malformed_key', 'an Ed25519 key is 0x01 followed by 32 bytes');
  let verifier: NoteVerifier;
  try {
    verifier = makeVerifier(name, key.subarray(1));
  } catch {
    throw new NoteError('malformed_key', 'the key is not an Ed25519 public key');
  }
  if (verifier.keyId !== parseInt(id, 16)) throw new NoteError('malformed_key', `the key id ${id} does not match the key (it is ${verifier.keyIdHex})`);
  return verifier;
}

/** Reads Go's `PRIVATE+KEY+<name>+<8 hex key id>+<base64(0x01 ‖ 32-byte seed)>`, checking the key id. */
export function parseSignerKey(text: string): NoteSigner {
  // Never echo the text: it is a secret.
  if (typeof text !== 'string' || text.length > 400) throw new NoteError('malformed_key', 'a private key is PRIVATE+KEY+<name>+<key id>+<key>');
  const parts = cut(text, 5);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') {
    throw new NoteError('malformed_key', 'a private key is PRIVATE+KEY+<name>+<key id>+<key>, five parts joined by "+"');
  }
  const [, , name, id, key64] = parts as [string, string, string, string, string];
  if (!isValidKeyName(name)) throw new NoteError('malformed_key', 'invalid key name in the private key');
  if (!KEY_ID.test(id)) throw new NoteError('malformed_key', 'the key id of the private key must be 8 hex digits');
  const key = decodeBase64(key64);
  if (!key || key.length === 0) throw new NoteError('malformed_key', 'the private key is not base64');
  if (key[0] !== ALG_ED25519) throw new NoteError('malformed_key', `unknown key algorithm ${key[0]} (only 1, Ed25519)`);
  if (key.length !== 33) throw new NoteError('malformed_key', 'an Ed25519 private key is 0x01 followed by a 32-byte seed');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, key.subarray(1)]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  const verifier = makeVerifier(name, publicKey);
  if (verifier.keyId !== parseInt(id, 16)) throw new NoteError('malformed_key', 'the key id of the private key does not match its key');
  return {
    name,
    keyId: verifier.keyId,
    keyIdHex: verifier.keyIdHex,
    verifierKey: verifier.verifierKey,
    sign: (message) => sign(null, message, privateKey),
  };
}

/** A new Ed25519 key under a name: the private key text (secret) and its verifier key (public). */
export function generateKey(name: string): { privateKey: string; verifierKey: string } {
  if (!isValidKeyName(name)) throw new NoteError('malformed_key', `invalid key name ${JSON.stringify(name)}: no spaces, no "+", at most ${MAX_NAME_BYTES} bytes`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_PREFIX.length);
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
  const keyId = hex8(computeKeyId(name, publicKey));
  return {
    privateKey: `PRIVATE+KEY+${name}+${keyId}+${Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString('base64')}`,
    verifierKey: `${name}+${keyId}+${Buffer.concat([Buffer.from([ALG_ED25519]), publicKey]).toString('base64')}`,
  };
}

/** Valid UTF-8 text (no lone surrogates), no control character but "\n", within the size limit. */
function checkNoteCharacters(text: string, what: string): void {
  if (text.length > MAX_NOTE_BYTES || encoder.encode(text).length > MAX_NOTE_BYTES) throw new NoteError('malformed_note', `the ${what} is longer than ${MAX_NOTE_BYTES} bytes`);
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) throw new NoteError('malformed_note', `the ${what} is not valid UTF-8`);
  if (hasControlCharacter(text, true)) throw new NoteError('malformed_note', `the ${what} holds a control character`);
}

/** A note's text as we sign it: non-empty lines, each ending in "\n" (so no blank line inside). */
function checkText(text: string): void {
  checkNoteCharacters(text, 'note text');
  if (text.length === 0 || !text.endsWith('\n')) throw new NoteError('malformed_note', 'the note text must be non-empty and end with a newline');
  if (text.startsWith('\n') || text.includes('\n\n')) throw new NoteError('malformed_note', 'the note text must not contain an empty line');
}

/**
 * The signed note: the text, a blank line, and one line per signer, in the order given (the first
 * is the primary key; the others overlap it during a rotation).
 */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  checkText(text);
  if (signers.length === 0) throw new NoteError('malformed_note', 'a note needs at least one signer');
  if (signers.length > MAX_SIGNATURES) throw new NoteError('malformed_note', `at most ${MAX_SIGNATURES} signers`);
  const seen = new Set<string>();
  const message = encoder.encode(text);
  let lines = '';
  for (const signer of signers) {
    const id = `${signer.name}+${signer.keyIdHex}`;
    if (seen.has(id)) throw new NoteError('malformed_note', `the key ${id} is given twice`);
    seen.add(id);
    const signature = signer.sign(message);
    const payload = Buffer.alloc(4 + signature.length);
    payload.writeUInt32BE(signer.keyId, 0);
    payload.set(signature, 4);
    lines += `${SIGNATURE_PREFIX}${signer.name} ${payload.toString('base64')}\n`;
  }
  return `${text}\n${lines}`;
}

/** Splits a note into its text and its signature lines, without checking any signature. */
export function parseNote(note: string | Uint8Array): { text: string; signatures: NoteSignature[] } {
  let input: string;
  if (typeof note === 'string') input = note;
  else {
    if (note.length > MAX_NOTE_BYTES) throw new NoteError('malformed_note', `the note is longer than ${MAX_NOTE_BYTES} bytes`);
    try {
      input = strictDecoder.decode(note);
    } catch {
      throw new NoteError('malformed_note', 'the note is not valid UTF-8');
    }
  }
  checkNoteCharacters(input, 'note');
  const split = input.indexOf('\n\n');
  if (split < 0) throw new NoteError('malformed_note', 'the note has no blank line before its signatures');
  const text = input.slice(0, split + 1);
  checkText(text);
  const block = input.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw new NoteError('malformed_note', 'the note must end with signature lines, each ending in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError('malformed_note', `the note has more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line, i) => {
    const where = `signature line ${i + 1}`;
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteError('malformed_note', `${where} does not begin with "\u2014 "`);
    const rest = line.slice(SIGNATURE_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = space < 0 ? rest : rest.slice(0, space);
    const base64 = space < 0 ? '' : rest.slice(space + 1);
    if (!isValidKeyName(name)) throw new NoteError('malformed_note', `${where} has an invalid key name`);
    const bytes = decodeBase64(base64);
    if (!bytes || bytes.length < 5) throw new NoteError('malformed_note', `${where} has no valid base64 signature`);
    return { name, keyId: Buffer.from(bytes.buffer, bytes.byteOffset, 4).readUInt32BE(0), base64 };
  });
  return { text, signatures };
}

/**
 * Opens a signed note with the keys the caller trusts. Throws NoteError: `malformed_note`,
 * `bad_signature` (a trusted key's signature does not verify — never ignored), or `unknown_key`
 * (no trusted key signed it).
 */
export function openNote(note: string | Uint8Array, trusted: readonly (NoteVerifier | string)[]): OpenedNote {
  const verifiers = trusted.map((k) => (typeof k === 'string' ? parseVerifierKey(k) : k));
  const { text, signatures } = parseNote(note);
  const message = encoder.encode(text);
  const opened: OpenedNote = { text, signatures: [], unverified: [], verifiedBy: [] };
  const done = new Set<string>();
  const seenUnverified = new Set<string>();
  for (const signature of signatures) {
    const id = `${signature.name}+${hex8(signature.keyId)}`;
    const matches = verifiers.filter((v) => v.name === signature.name && v.keyId === signature.keyId);
    if (matches.length === 0) {
      // Repeated identical lines are listed once, as Go's Open does.
      if (!seenUnverified.has(`${signature.name} ${signature.base64}`)) opened.unverified.push(signature);
      seenUnverified.add(`${signature.name} ${signature.base64}`);
      continue;
    }
    // The same key listed twice with different key bytes would be a forged trust list; refuse.
    if (new Set(matches.map((v) => v.verifierKey)).size > 1) throw new NoteError('unknown_key', `ambiguous key ${id}`);
    if (done.has(id)) continue;
    done.add(id);
    const bytes = Buffer.from(signature.base64, 'base64');
    if (!matches[0]!.verify(message, bytes.subarray(4))) throw new NoteError('bad_signature', `invalid signature for key ${id}`);
    opened.signatures.push(signature);
    opened.verifiedBy.push(matches[0]!);
  }
  if (opened.signatures.length === 0) {
    const seen = signatures.map((s) => `${s.name}+${hex8(s.keyId)}`).join(', ');
    throw new NoteError('unknown_key', `the note is not signed by a trusted key (signed by: ${seen})`);
  }
  return opened;
}
