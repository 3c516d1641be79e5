// Where the test PKI keeps its state: CA keys and certificates, the current CRL, issued certificates
// and their revocations, test cards with their keys and PIN retry counters. The demo needs it to
// survive restarts and to be shared by several app nodes, so production code uses the database store
// (repository.ts); the engine and its tests use the in-memory one below.

/** The two JPKI purposes; their CAs, PINs and trust anchors are never mixed. */
export type Purpose = 'signature' | 'authentication';
export const PURPOSES: readonly Purpose[] = ['signature', 'authentication'];

/** CRL reason codes the test PKI issues (RFC 5280 §5.3.1), named as in the standard. */
export type RevocationReason = 'keyCompromise' | 'affiliationChanged' | 'superseded' | 'cessationOfOperation';
export const REASON_CODES: Record<RevocationReason, number> = {
  keyCompromise: 1,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
};
export const REASON_NAMES: Record<number, string> = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
};

export interface StoredAuthority {
  purpose: Purpose;
  certificate: Uint8Array;
  /** PKCS#8 DER. Test PKI only: generated at run time, never committed. */
  privateKey: Uint8Array;
  crl: Uint8Array | null;
  crlNumber: number;
  crlNextUpdate: Date | null;
}

export interface StoredCertificate {
  /** Lower-case hex, no leading zero bytes. */
  serial: string;
  purpose: Purpose;
  cardId: string | null;
  certificate: Uint8Array;
  notAfter: Date;
  revokedAt: Date | null;
  revocationReason: RevocationReason | null;
}

export interface StoredCard {
  id: string;
  signatureKey: Uint8Array;
  authenticationKey: Uint8Array;
  signatureSerial: string;
  authenticationSerial: string;
  /** scrypt hashes (salt$hash); the PINs themselves are never stored. */
  signaturePinHash: string;
  authenticationPinHash: string;
  signatureRetriesLeft: number;
  authenticationRetriesLeft: number;
  createdAt: Date;
}

export interface TestPkiStore {
  findAuthority(purpose: Purpose): Promise<StoredAuthority | undefined>;
  /** Inserts unless one exists already (another node may have won the race); returns the one kept. */
  insertAuthority(authority: StoredAuthority): Promise<StoredAuthority>;
  /** Replaces the CRL only if the CRL number is still `expectedNumber` (optimistic: nodes may race). */
  replaceCrl(purpose: Purpose, crl: { der: Uint8Array; number: number; nextUpdate: Date }, expectedNumber: number): Promise<boolean>;
  insertCertificate(certificate: StoredCertificate): Promise<void>;
  findCertificate(purpose: Purpose, serial: string): Promise<StoredCertificate | undefined>;
  listRevoked(purpose: Purpose): Promise<StoredCertificate[]>;
  /** Marks revoked unless it already is; returns whether it changed anything. */
  revokeCertificate(purpose: Purpose, serial: string, at: Date, reason: RevocationReason): Promise<boolean>;
  insertCard(card: StoredCard): Promise<void>;
  findCard(id: string): Promise<StoredCard | undefined>;
  listCards(): Promise<StoredCard[]>;
  /** Points the card at a new key and certificate of one purpose (renewal, change of the basic four items). */
  replaceCardKey(id: string, purpose: Purpose, key: Uint8Array, serial: string): Promise<void>;
  /** Atomically takes one try off the counter (never below 0); returns the tries left. */
  recordPinFailure(id: string, purpose: Purpose): Promise<number>;
  resetPinRetries(id: string, purpose: Purpose, retries: number): Promise<void>;
}

/** A store that lives and dies with the process: tests, the CLI without a database, benchmarks. */
export function createMemoryTestPkiStore(): TestPkiStore {
  const authorities = new Map<Purpose, StoredAuthority>();
  const certificates = new Map<string, StoredCertificate>();
  const cards = new Map<string, StoredCard>();
  const certKey = (purpose: Purpose, serial: string) => `${purpose}:${serial}`;
  return {
    async findAuthority(purpose) {
      return authorities.get(purpose);
    },
    async insertAuthority(authority) {
      const existing = authorities.get(authority.purpose);
      if (existing) return existing;
      authorities.set(authority.purpose, { ...authority });
      return authority;
    },
    async replaceCrl(purpose, crl, expectedNumber) {
      const authority = authorities.get(purpose);
      if (!authority || authority.crlNumber !== expectedNumber) return false;
      authorities.set(purpose, { ...authority, crl: crl.der, crlNumber: crl.number, crlNextUpdate: crl.nextUpdate });
      return true;
    },
    async insertCertificate(certificate) {
      certificates.set(certKey(certificate.purpose, certificate.serial), { ...certificate });
    },
    async findCertificate(purpose, serial) {
      return certificates.get(certKey(purpose, serial));
    },
    async listRevoked(purpose) {
      return [...certificates.values()].filter((c) => c.purpose === purpose && c.revokedAt !== null);
    },
    async revokeCertificate(purpose, serial, at, reason) {
      const found = certificates.get(certKey(purpose, serial));
      if (!found || found.revokedAt) return false;
      certificates.set(certKey(purpose, serial), { ...found, revokedAt: at, revocationReason: reason });
      return true;
    },
    async insertCard(card) {
      cards.set(card.id, { ...card });
    },
    async findCard(id) {
      const card = cards.get(id);
      return card ? { ...card } : undefined;
    },
    async listCards() {
      return [...cards.values()].map((c) => ({ ...c }));
    },
    async replaceCardKey(id, purpose, key, serial) {
      const card = cards.get(id);
      if (!card) return;
      if (purpose === 'signature') cards.set(id, { ...card, signatureKey: key, signatureSerial: serial });
      else cards.set(id, { ...card, authenticationKey: key, authenticationSerial: serial });
    },
    async recordPinFailure(id, purpose) {
      const card = cards.get(id);
      if (!card) return 0;
      const field = purpose === 'signature' ? 'signatureRetriesLeft' : 'authenticationRetriesLeft';
      card[field] = Math.max(0, card[field] - 1);
      return card[field];
    },
    async resetPinRetries(id, purpose, retries) {
      const card = cards.get(id);
      if (!card) return;
      if (purpose === 'signature') card.signatureRetriesLeft = retries;
      else card.authenticationRetriesLeft = retries;
    },
  };
}
