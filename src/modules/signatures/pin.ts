// PIN rules of the My Number Card's JPKI application and how the test card stores PINs.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Purpose } from './test-pki-store.ts';
import { invalidPin } from './errors.ts';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/**
 * Signature PIN (署名用電子証明書暗証番号): 6–16 characters of upper-case letters and digits with
 * at least one of each; locks after 5 wrong tries. Authentication PIN (利用者証明用): 4 digits;
 * locks after 3.
 */
export const PIN_TRIES: Record<Purpose, number> = { signature: 5, authentication: 3 };

export function checkPinFormat(purpose: Purpose, pin: string): void {
  if (purpose === 'signature') {
    if (!/^[A-Z0-9]{6,16}$/.test(pin) || !/[A-Z]/.test(pin) || !/[0-9]/.test(pin)) {
      throw invalidPin(purpose, '6–16 upper-case letters and digits, with at least one of each');
    }
  } else if (!/^[0-9]{4}$/.test(pin)) {
    throw invalidPin(purpose, '4 digits');
  }
}

export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(pin, salt, 32);
  return `${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function isPinCorrect(pin: string, stored: string): Promise<boolean> {
  const [salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(pin, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}
