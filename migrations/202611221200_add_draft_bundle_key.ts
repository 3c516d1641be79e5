// One-stop bundles in the resident's pages (§3.4): the drafts started together for a life event share
// a key, so the bundle's overview, shared answers and check-and-sign pages can find them again on any
// device. The drafts stay ordinary drafts (each may also be sent on its own); the key is theirs only.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('application_drafts').addColumn('bundle_key', 'uuid').execute();
  await db.schema.createIndex('application_drafts_bundle_idx').on('application_drafts').columns(['resident_id', 'bundle_key']).where('bundle_key', 'is not', null).execute();
}
