// Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30-second steps), the second factor of
// staff sign-in. A code is accepted one step early or late (clock drift), and each step only once.
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;
export const TOTP_ISSUER = 'Kosodate One-Stop';

export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, loginId: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label: loginId, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an authenticator app takes (as text or QR code). */
export function totpUri(secret: string, loginId: string): string {
  return totpOf(secret, loginId).toString();
}

/** The time step the code belongs to, or null when it matches none of now−1, now, now+1. */
export function matchTotpStep(secret: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^[0-9]{6}$/.test(token)) return null;
  const delta = totpOf(secret, 'x').validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

/** The current code (demo banner, tests). */
export function currentTotpCode(secret: string, now = Date.now()): string {
  return totpOf(secret, 'x').generate({ timestamp: now });
}
