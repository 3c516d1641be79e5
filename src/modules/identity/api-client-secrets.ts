// API client credentials: a client id, and secrets of 256 random bits shown once and stored as
// SHA-256 (a slow hash adds nothing to a secret that cannot be guessed), with the last 4 characters
// kept as a hint so an administrator can tell secrets apart.
import { createHash, randomBytes } from 'node:crypto';
import type { Text } from '../../platform/i18n.ts';

/** Every capability an existing system can be given; the bulk and pull APIs ask for these. */
export const API_CLIENT_SCOPES = ['identity:codes', 'services:write', 'applications:read', 'notices:send', 'records:write'] as const;
export type ApiClientScope = (typeof API_CLIENT_SCOPES)[number];

export const SCOPE_LABELS: Record<ApiClientScope, Text> = {
  'identity:codes': { ja: '機関別符号の登録・アカウント確認', en: 'Register agency-specific codes and check accounts' },
  'services:write': { ja: 'サービスの登録・更新', en: 'Register and update services' },
  'applications:read': { ja: '申請の取得', en: 'Fetch applications' },
  'notices:send': { ja: 'お知らせの送信', en: 'Send notices' },
  'records:write': { ja: '副本の登録', en: 'Register record copies' },
};

/** How long the old secret keeps working after a rotation, so systems can switch over. */
export const OVERLAP_DAYS = [1, 7, 30] as const;

export function newClientId(): string {
  return `oc_${randomBytes(10).toString('hex')}`;
}

export function newSecret(): string {
  return `ocs_${randomBytes(32).toString('base64url')}`;
}

export function hashSecret(secret: string): { secretHash: string; hint: string } {
  return { secretHash: createHash('sha256').update(secret).digest('hex'), hint: secret.slice(-4) };
}
