// Agency-specific codes (機関別符号, §3.1, R6, R7): each municipality knows a resident only by a code
// of its own, code = HMAC-SHA256(platform key, agency ':' resident id), shown as 20 base32 letters.
// Without the key, the codes of two agencies cannot be linked or derived from one another. Keys have
// versions: new links use the newest key, codes made with older keys stay in the table and keep
// resolving (a code, once given to a municipality, never changes). No My Number is involved.
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import { AppError } from '../../platform/errors.ts';
import { findCurrentAgencyKey, findLinkedCode, findNewestAgencyKeyVersion, insertAgencyKey, retireAgencyKeysBefore, upsertLinkedCode, type AgencyKey } from './repository/agency-codes.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const AGENCY_CODE_LENGTH = 20;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const CODE_PATTERN = new RegExp(`^[${ALPHABET}]{${AGENCY_CODE_LENGTH}}$`);

/** RFC 4648 base32 without padding. */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** The code of a resident at an agency (100 bits of the HMAC). */
export function deriveAgencyCode(secret: Uint8Array, agency: string, residentId: string): string {
  const mac = createHmac('sha256', secret).update(`${agency}:${residentId}`).digest();
  return toBase32(mac.subarray(0, 13)).slice(0, AGENCY_CODE_LENGTH);
}

/** A code as people type it (lower case, spaces, hyphens) made canonical, or null when it is not one. */
export function normalizeAgencyCode(value: string): string | null {
  const code = value.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return CODE_PATTERN.test(code) ? code : null;
}

/** Normalises a list of codes; invalid ones are reported with their position (1-based). */
export function parseAgencyCodes(values: readonly string[], field = 'codes'): string[] {
  const codes: string[] = [];
  const bad: number[] = [];
  values.forEach((v, i) => {
    const code = normalizeAgencyCode(v);
    if (code) codes.push(code);
    else bad.push(i);
  });
  if (bad.length > 0) {
    throw new AppError('identity.invalid_agency_code', 'bad_request', `${bad.length} value(s) are not agency-specific codes (${AGENCY_CODE_LENGTH} letters A–Z and digits 2–7).`, {
      ja: `機関別符号の形式ではない値が${bad.length}件あります（英大文字と数字2〜7の${AGENCY_CODE_LENGTH}文字）。`,
      fields: bad.slice(0, 20).map((i) => ({
        field: `${field}/${i}`,
        rule: 'pattern',
        message: { en: `line ${i + 1} is not an agency-specific code`, ja: `${i + 1}件目は機関別符号の形式ではありません` },
      })),
      extra: { invalidCount: bad.length },
    });
  }
  return codes;
}

/** The key for new links, made on first use. */
export async function ensureCurrentAgencyKey(db: Executor): Promise<AgencyKey> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await findCurrentAgencyKey(db);
    if (current) return current;
    await insertAgencyKey(db, (await findNewestAgencyKeyVersion(db)) + 1, randomBytes(32));
  }
  throw new Error('could not create an agency-code key');
}

/**
 * Starts a new key version for new links and retires the older ones for new links (their codes
 * keep resolving: they are stored). Returns the new version.
 */
export async function rotateAgencyKey(db: Kysely<Database>, now = new Date()): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const version = (await findNewestAgencyKeyVersion(db)) + 1;
    const made = await db.transaction().execute(async (trx) => {
      if (!(await insertAgencyKey(trx, version, randomBytes(32)))) return false;
      await retireAgencyKeysBefore(trx, version, now);
      return true;
    });
    if (made) return version;
  }
  throw new Error('could not rotate the agency-code key: too much contention');
}

/**
 * The resident's code at a municipality, made with the current key when there is none yet. Platform
 * work (runs as the owning role): the resident links themselves, no municipality acts.
 */
export async function ensureAgencyCode(db: Executor, municipalityCode: string, residentId: string): Promise<{ code: string; keyVersion: number; created: boolean }> {
  const existing = await findLinkedCode(db, municipalityCode, residentId);
  if (existing) return { code: existing.code, keyVersion: existing.keyVersion ?? 0, created: false };
  const key = await ensureCurrentAgencyKey(db);
  const code = deriveAgencyCode(key.secret, municipalityCode, residentId);
  await upsertLinkedCode(db, { municipalityCode, code, residentId, keyVersion: key.version });
  return { code, keyVersion: key.version, created: true };
}
