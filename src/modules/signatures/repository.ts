// The database-backed stores of the signatures module: the test PKI (shared by every app node and
// kept across restarts for the demo) and the single-use login nonces. The only file here that
// touches the database.
import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { TestCardTable } from '../../platform/db/tables.ts';
import type { Selectable } from 'kysely';
import type { LoginChallengeStore } from './login-challenge-store.ts';
import type { StoredCard, TestPkiStore } from './test-pki-store.ts';

const bytes = (value: Uint8Array): Uint8Array => new Uint8Array(value.buffer, value.byteOffset, value.byteLength);

function toCard(row: Selectable<TestCardTable>): StoredCard {
  return {
    id: row.id,
    signatureKey: bytes(row.signature_key),
    authenticationKey: bytes(row.authentication_key),
    signatureSerial: row.signature_serial,
    authenticationSerial: row.authentication_serial,
    signaturePinHash: row.signature_pin_hash,
    authenticationPinHash: row.authentication_pin_hash,
    signatureRetriesLeft: row.signature_retries_left,
    authenticationRetriesLeft: row.authentication_retries_left,
    createdAt: row.created_at,
  };
}

export function createDbTestPkiStore(db: Db): TestPkiStore {
  const k = db.kysely;
  return {
    async findAuthority(purpose) {
      const row = await k.selectFrom('test_pki_authorities').selectAll().where('purpose', '=', purpose).executeTakeFirst();
      if (!row) return undefined;
      return {
        purpose: row.purpose,
        certificate: bytes(row.certificate),
        privateKey: bytes(row.private_key),
        crl: row.crl ? bytes(row.crl) : null,
        crlNumber: row.crl_number,
        crlNextUpdate: row.crl_next_update,
      };
    },
    async insertAuthority(authority) {
      await k
        .insertInto('test_pki_authorities')
        .values({ purpose: authority.purpose, certificate: authority.certificate, private_key: authority.privateKey, crl: authority.crl, crl_number: authority.crlNumber, crl_next_update: authority.crlNextUpdate })
        .onConflict((oc) => oc.column('purpose').doNothing())
        .execute();
      return (await this.findAuthority(authority.purpose))!;
    },
    async replaceCrl(purpose, crl, expectedNumber) {
      const result = await k
        .updateTable('test_pki_authorities')
        .set({ crl: crl.der, crl_number: crl.number, crl_next_update: crl.nextUpdate })
        .where('purpose', '=', purpose)
        .where('crl_number', '=', expectedNumber)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertCertificate(c) {
      await k
        .insertInto('test_pki_certificates')
        .values({ purpose: c.purpose, serial: c.serial, card_id: c.cardId, certificate: c.certificate, not_after: c.notAfter, revoked_at: c.revokedAt, revocation_reason: c.revocationReason })
        .execute();
    },
    async findCertificate(purpose, serial) {
      const row = await k.selectFrom('test_pki_certificates').selectAll().where('purpose', '=', purpose).where('serial', '=', serial).executeTakeFirst();
      return row
        ? { serial: row.serial, purpose: row.purpose, cardId: row.card_id, certificate: bytes(row.certificate), notAfter: row.not_after, revokedAt: row.revoked_at, revocationReason: row.revocation_reason }
        : undefined;
    },
    async listRevoked(purpose) {
      const rows = await k.selectFrom('test_pki_certificates').selectAll().where('purpose', '=', purpose).where('revoked_at', 'is not', null).orderBy('revoked_at').execute();
      return rows.map((row) => ({ serial: row.serial, purpose: row.purpose, cardId: row.card_id, certificate: bytes(row.certificate), notAfter: row.not_after, revokedAt: row.revoked_at, revocationReason: row.revocation_reason }));
    },
    async revokeCertificate(purpose, serial, at, reason) {
      const result = await k
        .updateTable('test_pki_certificates')
        .set({ revoked_at: at, revocation_reason: reason })
        .where('purpose', '=', purpose)
        .where('serial', '=', serial)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertCard(card) {
      await k
        .insertInto('test_cards')
        .values({
          id: card.id,
          signature_key: card.signatureKey,
          authentication_key: card.authenticationKey,
          signature_serial: card.signatureSerial,
          authentication_serial: card.authenticationSerial,
          signature_pin_hash: card.signaturePinHash,
          authentication_pin_hash: card.authenticationPinHash,
          signature_retries_left: card.signatureRetriesLeft,
          authentication_retries_left: card.authenticationRetriesLeft,
          created_at: card.createdAt,
        })
        .execute();
    },
    async findCard(id) {
      const row = await k.selectFrom('test_cards').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toCard(row) : undefined;
    },
    async listCards() {
      return (await k.selectFrom('test_cards').selectAll().orderBy('created_at').execute()).map(toCard);
    },
    async replaceCardKey(id, purpose, key, serial) {
      await k
        .updateTable('test_cards')
        .set(purpose === 'signature' ? { signature_key: key, signature_serial: serial } : { authentication_key: key, authentication_serial: serial })
        .where('id', '=', id)
        .execute();
    },
    async recordPinFailure(id, purpose) {
      // One atomic statement: concurrent wrong tries on several nodes each count.
      const column = purpose === 'signature' ? 'signature_retries_left' : 'authentication_retries_left';
      const row = await k
        .updateTable('test_cards')
        .set({ [column]: sql<number>`greatest(${sql.ref(column)} - 1, 0)` })
        .where('id', '=', id)
        .returning(column)
        .executeTakeFirst();
      return row ? Number((row as Record<string, unknown>)[column]) : 0;
    },
    async resetPinRetries(id, purpose, retries) {
      await k
        .updateTable('test_cards')
        .set(purpose === 'signature' ? { signature_retries_left: retries } : { authentication_retries_left: retries })
        .where('id', '=', id)
        .execute();
    },
  };
}

export function createDbLoginChallengeStore(db: Db): LoginChallengeStore {
  const k = db.kysely;
  return {
    async insert(nonceHash, expiresAt) {
      await k.deleteFrom('signature_login_challenges').where('expires_at', '<', new Date()).execute();
      await k.insertInto('signature_login_challenges').values({ nonce_hash: nonceHash, expires_at: expiresAt }).execute();
    },
    async consume(nonceHash, now) {
      // Deleting is the single use: of two concurrent attempts only one sees the row.
      const row = await k.deleteFrom('signature_login_challenges').where('nonce_hash', '=', nonceHash).returning('expires_at').executeTakeFirst();
      return row !== undefined && row.expires_at >= now;
    },
  };
}
