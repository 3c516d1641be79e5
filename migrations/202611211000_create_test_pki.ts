// The test PKI of the signatures module (issue 3): CA keys and certificates with their current CRL,
// issued certificates with revocations, test cards with key material and PIN retry counters, and
// single-use login nonces. Platform-level tables, not municipal data: no tenancy.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('test_pki_authorities')
    .addColumn('purpose', 'text', (c) => c.primaryKey().check(sql`purpose IN ('signature', 'authentication')`))
    .addColumn('certificate', 'bytea', (c) => c.notNull())
    .addColumn('private_key', 'bytea', (c) => c.notNull())
    .addColumn('crl', 'bytea')
    .addColumn('crl_number', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('crl_next_update', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('test_pki_certificates')
    .addColumn('purpose', 'text', (c) => c.notNull().references('test_pki_authorities.purpose'))
    .addColumn('serial', 'text', (c) => c.notNull())
    .addColumn('card_id', 'text')
    .addColumn('certificate', 'bytea', (c) => c.notNull())
    .addColumn('not_after', 'timestamptz', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revocation_reason', 'text', (c) =>
      c.check(sql`revocation_reason IN ('keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation')`),
    )
    .addPrimaryKeyConstraint('test_pki_certificates_pkey', ['purpose', 'serial'])
    .execute();
  await db.schema
    .createIndex('test_pki_certificates_revoked')
    .on('test_pki_certificates')
    .columns(['purpose'])
    .where(sql.ref('revoked_at'), 'is not', null)
    .execute();
  await db.schema
    .createTable('test_cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('signature_key', 'bytea', (c) => c.notNull())
    .addColumn('authentication_key', 'bytea', (c) => c.notNull())
    .addColumn('signature_serial', 'text', (c) => c.notNull())
    .addColumn('authentication_serial', 'text', (c) => c.notNull())
    .addColumn('signature_pin_hash', 'text', (c) => c.notNull())
    .addColumn('authentication_pin_hash', 'text', (c) => c.notNull())
    .addColumn('signature_retries_left', 'integer', (c) => c.notNull().check(sql`signature_retries_left >= 0`))
    .addColumn('authentication_retries_left', 'integer', (c) => c.notNull().check(sql`authentication_retries_left >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('signature_login_challenges')
    .addColumn('nonce_hash', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
