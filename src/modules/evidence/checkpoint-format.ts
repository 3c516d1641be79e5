// The body of a checkpoint (C2SP tlog-checkpoint, https://c2sp.org/tlog-checkpoint), the text a
// signed note carries: the log's origin, the tree size in decimal, the root hash in base64, then
// our one extension line, the time of the checkpoint (the database clock, to the second, UTC):
//
//   example.jp/evidence\n
//   456\n
//   n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=\n
//   time 2026-12-07T21:51:06Z\n
//
// Parsing is strict — exactly these four lines, one spelling per value — so that one tree head has
// one text and a verifier written in another language reads it the same way.
import { HASH_SIZE } from './hashes.ts';
import { isValidKeyName, openNote, type NoteVerifier } from './note.ts';

export interface Checkpoint {
  /** The log's origin, also the name of the key that signs it, e.g. `example.jp/evidence`. */
  origin: string;
  size: number;
  root: Uint8Array;
  /** RFC 3339, UTC, whole seconds: `2026-12-07T21:51:06Z`. */
  time: string;
}

export class CheckpointFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointFormatError';
  }
}

const SIZE = /^(?:0|[1-9][0-9]{0,15})$/;
const ROOT = /^[A-Za-z0-9+/]{43}=$/;
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** The checkpoint time of a Date: whole seconds (truncated), UTC, `Z`. */
export function formatCheckpointTime(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new CheckpointFormatError('invalid checkpoint time');
  const iso = at.toISOString();
  if (!/^\d{4}-/.test(iso)) throw new CheckpointFormatError('the checkpoint time must be a four-digit year');
  return `${iso.slice(0, 19)}Z`;
}

function checkTime(time: string): void {
  const m = TIME.exec(time);
  // A real calendar time: Date would roll 2026-02-30 over to March, so the round trip must hold.
  if (!m || new Date(time).toISOString() !== `${time.slice(0, 19)}.000Z`) {
    throw new CheckpointFormatError(`the time must be RFC 3339 UTC to the second, like 2026-12-07T21:51:06Z (got ${JSON.stringify(time.slice(0, 40))})`);
  }
}

function checkOrigin(origin: string): void {
  // The origin names the signing key too (the design's rule), so it follows the key name's rules.
  if (!isValidKeyName(origin)) throw new CheckpointFormatError('the origin must be non-empty, without spaces, "+" or control characters, at most 255 bytes');
}

/** The checkpoint body, ending in "\n": the text to sign. */
export function formatCheckpoint(checkpoint: { origin: string; size: number; root: Uint8Array; time: Date | string }): string {
  const { origin, size, root } = checkpoint;
  checkOrigin(origin);
  if (!Number.isSafeInteger(size) || size < 0) throw new CheckpointFormatError('the size must be a non-negative safe integer');
  if (root.length !== HASH_SIZE) throw new CheckpointFormatError(`the root must be ${HASH_SIZE} bytes`);
  const time = typeof checkpoint.time === 'string' ? checkpoint.time : formatCheckpointTime(checkpoint.time);
  checkTime(time);
  return `${origin}\n${size}\n${Buffer.from(root).toString('base64')}\ntime ${time}\n`;
}

/** Reads a checkpoint body (a note's text): exactly origin, size, root and the time line. */
export function parseCheckpoint(text: string): Checkpoint {
  if (typeof text !== 'string' || text.length > 1024) throw new CheckpointFormatError('a checkpoint is at most 1024 characters');
  if (!text.endsWith('\n')) throw new CheckpointFormatError('a checkpoint ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length !== 4) throw new CheckpointFormatError(`a checkpoint has 4 lines (origin, size, root, time); this one has ${lines.length}`);
  const [origin, sizeText, rootText, timeLine] = lines as [string, string, string, string];
  checkOrigin(origin);
  if (!SIZE.test(sizeText) || !Number.isSafeInteger(Number(sizeText))) throw new CheckpointFormatError('the size must be a decimal number without leading zeros, below 2^53');
  if (!ROOT.test(rootText)) throw new CheckpointFormatError(`the root must be the base64 of ${HASH_SIZE} bytes`);
  const root = Buffer.from(rootText, 'base64');
  if (root.toString('base64') !== rootText) throw new CheckpointFormatError('the root is not in canonical base64');
  if (!timeLine.startsWith('time ')) throw new CheckpointFormatError('the fourth line must be "time <RFC 3339 UTC>"');
  const time = timeLine.slice(5);
  checkTime(time);
  return { origin, size: Number(sizeText), root: new Uint8Array(root), time };
}

export interface OpenedCheckpoint extends Checkpoint {
  /** The trusted key that signed it (the first, when several did). */
  signer: NoteVerifier;
  /** The signed note, as given. */
  note: string;
}

/**
 * Opens a signed checkpoint with the keys the caller trusts: the signature (NoteError otherwise),
 * the body (CheckpointFormatError otherwise), and the origin being the signing key's name — a key
 * signs only its own log, so a checkpoint of another log signed by the same key is refused.
 */
export function openCheckpoint(note: string, trusted: readonly (NoteVerifier | string)[]): OpenedCheckpoint {
  const opened = openNote(note, trusted);
  const checkpoint = parseCheckpoint(opened.text);
  const signer = opened.verifiedBy[0]!;
  if (checkpoint.origin !== signer.name) throw new CheckpointFormatError(`the origin ${checkpoint.origin} is not the log of the key ${signer.name}`);
  return { ...checkpoint, signer, note };
}
