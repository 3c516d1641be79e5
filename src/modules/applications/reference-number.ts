// Reference numbers residents read out on the phone: 12 characters of Crockford base32 (no I, L, O,
// U) in three groups, the last a check character, e.g. 7KQM-3XWA-9ZP4. Random (55 bits), so they
// reveal nothing about how many applications a municipality receives.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function checkCharacter(body: string): string {
  // Weighted sum mod 32 (position-weighted, so swapped neighbours are caught).
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (i + 1) * ALPHABET.indexOf(body[i]!);
  return ALPHABET[sum % 32]!;
}

export function generateReference(): string {
  const bytes = randomBytes(11);
  let body = '';
  for (const byte of bytes) body += ALPHABET[byte % 32];
  const full = body + checkCharacter(body);
  return `${full.slice(0, 4)}-${full.slice(4, 8)}-${full.slice(8, 12)}`;
}

/** Whether a reference is well-formed (as typed by a person: case and confusable letters forgiven). */
export function normalizeReference(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(compact)) return null;
  if (checkCharacter(compact.slice(0, 11)) !== compact[11]) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8, 12)}`;
}
