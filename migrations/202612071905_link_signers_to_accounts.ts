// A signature must come from the signed-in resident's own card (R17, issue 11 point 7). The account
// keeps the issuer and serial of its login certificate (the authentication certificate it was opened
// with: certificate_id is only their hash), so the link service can be asked whether a signature
// certificate belongs to the same card; accounts opened before get them at their next login.
// Registered proxy relationships say whose signature an account also accepts, and each signed
// application records whether it was signed by the account holder or by a proxy.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('residents').addColumn('certificate_issuer', 'text').addColumn('certificate_serial', 'text').execute();

  await db.schema
    .createTable('resident_proxies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // The account whose applications the proxy may sign.
    .addColumn('resident_id', 'uuid', (c) => c.notNull().references('residents.id'))
    // The proxy: their own account (any signature certificate linked to its login), or one signature
    // certificate's subject (a proxy without an account here).
    .addColumn('proxy_resident_id', 'uuid', (c) => c.references('residents.id'))
    .addColumn('proxy_subject', 'text')
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('resident_proxies_one_proxy', sql`num_nonnulls(proxy_resident_id, proxy_subject) = 1`)
    .addCheckConstraint('resident_proxies_not_self', sql`proxy_resident_id IS DISTINCT FROM resident_id`)
    .addCheckConstraint('resident_proxies_subject', sql`proxy_subject IS NULL OR length(proxy_subject) BETWEEN 1 AND 1000`)
    .execute();
  await db.schema.createIndex('resident_proxies_account_idx').on('resident_proxies').columns(['resident_id', 'proxy_resident_id']).unique().where('proxy_resident_id', 'is not', null).execute();
  await db.schema.createIndex('resident_proxies_subject_idx').on('resident_proxies').columns(['resident_id', 'proxy_subject']).unique().where('proxy_subject', 'is not', null).execute();

  // 'own' or 'proxy' for a signed application, null for a simple one; fixed at arrival like the rest.
  await db.schema
    .alterTable('applications')
    .addColumn('signed_by', 'text', (c) => c.check(sql`signed_by IN ('own', 'proxy')`))
    .execute();
}
