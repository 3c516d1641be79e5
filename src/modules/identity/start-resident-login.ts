// Card login, step one (§3.1): a single-use challenge whose DigestInfo the card's authentication
// application signs.
import type { Db } from '../../platform/db/index.ts';
import { createDbLoginChallengeStore, issueLoginChallenge } from '../signatures/index.ts';

export async function startResidentLogin(deps: { db: Db; audience: string }): Promise<{ nonce: string; digestInfo: string; expiresAt: string }> {
  const challenge = await issueLoginChallenge({ store: createDbLoginChallengeStore(deps.db), audience: deps.audience });
  return { nonce: challenge.nonce, digestInfo: Buffer.from(challenge.digestInfo).toString('base64'), expiresAt: challenge.expiresAt.toISOString() };
}
