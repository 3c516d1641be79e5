// Login with the authentication certificate (利用者証明用電子証明書), step one: a random single-use
// nonce with a short lifetime (§3.1). The card signs the DigestInfo of a message that names this
// service, so a signature made for another site cannot be replayed here.
import { createHash, randomBytes } from 'node:crypto';
import { encodeDigestInfo } from './digest-info.ts';
import type { LoginChallengeStore } from './login-challenge-store.ts';

export const LOGIN_CHALLENGE_SECONDS = 120;

export interface LoginChallenge {
  nonce: string;
  expiresAt: Date;
  /** The exact bytes whose SHA-256 the card signs. */
  message: Uint8Array;
  /** DigestInfo(SHA-256(message)): hand this to the card's authentication application. */
  digestInfo: Uint8Array;
}

export function loginMessage(audience: string, nonce: string): Uint8Array {
  return new TextEncoder().encode(`onestop-login-v1\n${audience}\n${nonce}`);
}

export function hashNonce(nonce: string): string {
  return createHash('sha256').update(nonce).digest('hex');
}

export async function issueLoginChallenge(options: { store: LoginChallengeStore; audience: string; now?: Date; lifetimeSeconds?: number }): Promise<LoginChallenge> {
  const now = options.now ?? new Date();
  const nonce = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + (options.lifetimeSeconds ?? LOGIN_CHALLENGE_SECONDS) * 1000);
  // Only the hash is stored: a leaked table holds no usable nonce.
  await options.store.insert(hashNonce(nonce), expiresAt);
  const message = loginMessage(options.audience, nonce);
  return { nonce, expiresAt, message, digestInfo: encodeDigestInfo('sha256', new Uint8Array(createHash('sha256').update(message).digest())) };
}
