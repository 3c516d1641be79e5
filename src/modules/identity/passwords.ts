// Staff passwords: scrypt, a memory-hard function from node:crypto (N=2^15, r=8: 32 MiB per hash),
// with a random salt; the parameters travel with the hash so they can be raised later.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

/** Password rule for staff: 12+ characters with letters and digits; never the login ID. */
export function passwordProblem(password: string, loginId: string): { ja: string; en: string } | null {
  if (password.length < 12) return { ja: '12文字以上にしてください', en: 'must be at least 12 characters' };
  if (password.length > 128) return { ja: '128文字以内にしてください', en: 'must be at most 128 characters' };
  if (!/[A-Za-z]/.test(password) || !/[0-9]/.test(password)) return { ja: '英字と数字を両方含めてください', en: 'must contain letters and digits' };
  if (password.toLowerCase().includes(loginId.toLowerCase())) return { ja: 'ログインIDを含めないでください', en: 'must not contain the login ID' };
  return null;
}

/** A random initial password an administrator hands over (changed at first login): 4 groups of 4. */
export function generateInitialPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  for (;;) {
    let out = '';
    // Rejection sampling keeps every character equally likely.
    while (out.length < 16) {
      const byte = randomBytes(1)[0]!;
      if (byte < 256 - (256 % alphabet.length)) out += alphabet[byte % alphabet.length];
    }
    const password = out.match(/.{4}/g)!.join('-');
    if (/[0-9]/.test(password) && /[A-Za-z]/.test(password)) return password;
  }
}
