// Single-use login nonces. Several app nodes share them through the database (repository.ts); the
// in-memory store serves tests and single-process tools.

export interface LoginChallengeStore {
  insert(nonceHash: string, expiresAt: Date): Promise<void>;
  /** Atomically marks the nonce used if it exists, is unused and unexpired; returns whether it did. */
  consume(nonceHash: string, now: Date): Promise<boolean>;
}

export function createMemoryLoginChallengeStore(): LoginChallengeStore {
  const live = new Map<string, number>();
  return {
    async insert(nonceHash, expiresAt) {
      const now = Date.now();
      for (const [k, exp] of live) if (exp < now) live.delete(k);
      live.set(nonceHash, expiresAt.getTime());
    },
    async consume(nonceHash, now) {
      const expiresAt = live.get(nonceHash);
      live.delete(nonceHash);
      return expiresAt !== undefined && expiresAt >= now.getTime();
    },
  };
}
