// Help for residents (§3.10, seed 000 §2.5/§3.5 E-1 ハ 利用者対応): the FAQ and operation inquiries.
//
// FAQ entries are national (municipality_code NULL, shipped as reference data and kept by national
// administrators) or a municipality's own. Each entry has a working copy that editors change and a
// published copy that residents read; every change bumps the revision and writes a history row in
// the same transaction, which a constraint trigger checks at commit (as form_history does).
//
// Inquiries go to a municipality (row-level security: only its staff) or to the national helpdesk
// (municipality_code NULL: only national scope, by the policy below — never shared with the
// national side otherwise, since the text and contact address are personal data). Every state
// change writes its history row in the same transaction (checked at commit). A daily job erases the
// text and contact of closed inquiries after the operator's retention period; timings stay.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('help_faq_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // NULL: a national entry, read by every municipality and resident.
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    // National entries have a stable name that pages link to (e.g. card-pin-lockout).
    .addColumn('slug', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('question_ja', 'text', (c) => c.notNull())
    .addColumn('question_en', 'text', (c) => c.notNull())
    .addColumn('answer_ja', 'text', (c) => c.notNull())
    .addColumn('answer_en', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(100))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status IN ('draft', 'published')`))
    // What residents read: the working copy as it was when last published.
    .addColumn('published', 'jsonb')
    .addColumn('published_at', 'timestamptz')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('live').check(sql`mode IN ('live', 'test')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('help_faq_published', sql`(status = 'published') = (published IS NOT NULL)`)
    .addCheckConstraint('help_faq_slug', sql`municipality_code IS NULL OR slug IS NULL`)
    .execute();
  await sql`CREATE UNIQUE INDEX help_faq_national_slug_idx ON help_faq_entries (slug) WHERE municipality_code IS NULL`.execute(db);
  await db.schema.createIndex('help_faq_municipality_idx').on('help_faq_entries').columns(['municipality_code', 'status']).execute();

  await db.schema
    .createTable('help_faq_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('entry_id', 'uuid', (c) => c.notNull().references('help_faq_entries.id'))
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change IN ('created', 'edited', 'published', 'unpublished')`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    // The working copy after the change: the history shows what each revision said.
    .addColumn('snapshot', 'jsonb', (c) => c.notNull())
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('tx', 'bigint', (c) => c.notNull().defaultTo(sql`txid_current()`))
    .execute();
  await db.schema.createIndex('help_faq_history_entry_idx').on('help_faq_history').columns(['entry_id', 'revision']).execute();

  await db.schema
    .createTable('help_inquiries')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    // NULL: the national helpdesk.
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('resident_id', 'uuid', (c) => c.references('residents.id'))
    .addColumn('application_id', 'uuid', (c) => c.references('applications.id'))
    .addColumn('topic', 'text', (c) => c.notNull())
    // Personal data: erased by the retention job (erased_at set), never logged.
    .addColumn('subject', 'text')
    .addColumn('body', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status IN ('open', 'answered', 'closed')`))
    .addColumn('assigned_to', 'uuid', (c) => c.references('staff_users.id'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('live').check(sql`mode IN ('live', 'test')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('first_replied_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('erased_at', 'timestamptz')
    // A resident signed in, or a contact address to answer to.
    .addCheckConstraint('help_inquiries_reachable', sql`erased_at IS NOT NULL OR resident_id IS NOT NULL OR contact_email IS NOT NULL`)
    .addCheckConstraint('help_inquiries_erased', sql`erased_at IS NULL OR (subject IS NULL AND body IS NULL AND contact_email IS NULL)`)
    .execute();
  await db.schema.createIndex('help_inquiries_queue_idx').on('help_inquiries').columns(['municipality_code', 'status', 'created_at']).execute();
  await db.schema.createIndex('help_inquiries_resident_idx').on('help_inquiries').columns(['resident_id', 'created_at']).execute();
  await sql`CREATE INDEX help_inquiries_retention_idx ON help_inquiries (closed_at) WHERE erased_at IS NULL AND status = 'closed'`.execute(db);

  await db.schema
    .createTable('help_inquiry_messages')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('inquiry_id', 'uuid', (c) => c.notNull().references('help_inquiries.id'))
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('author', 'text', (c) => c.notNull().check(sql`author IN ('resident', 'staff')`))
    .addColumn('staff_id', 'uuid', (c) => c.references('staff_users.id'))
    // Personal data (a reply may quote the resident): erased with the inquiry.
    .addColumn('body', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('live').check(sql`mode IN ('live', 'test')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  await db.schema.createIndex('help_inquiry_messages_inquiry_idx').on('help_inquiry_messages').columns(['inquiry_id', 'created_at']).execute();

  await db.schema
    .createTable('help_inquiry_history')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('inquiry_id', 'uuid', (c) => c.notNull().references('help_inquiries.id'))
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('change', 'text', (c) => c.notNull().check(sql`change IN ('received', 'assigned', 'replied', 'closed', 'erased')`))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('staff_id', 'uuid', (c) => c.references('staff_users.id'))
    // Never personal data: who was assigned, never what was written.
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('live').check(sql`mode IN ('live', 'test')`))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('tx', 'bigint', (c) => c.notNull().defaultTo(sql`txid_current()`))
    .execute();
  await db.schema.createIndex('help_inquiry_history_inquiry_idx').on('help_inquiry_history').columns(['inquiry_id', 'revision']).execute();

  // E-mail is not delivered by the platform yet: outgoing messages wait here, recorded, for the
  // mail connector that will send them (sent_at stays NULL until then).
  await db.schema
    .createTable('help_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('inquiry_id', 'uuid', (c) => c.notNull().references('help_inquiries.id'))
    .addColumn('municipality_code', 'text', (c) => c.references('municipalities.code'))
    .addColumn('to_address', 'text')
    .addColumn('subject', 'text')
    .addColumn('body', 'text')
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('live').check(sql`mode IN ('live', 'test')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('help_outbox_inquiry_idx').on('help_outbox').column('inquiry_id').execute();

  // The history guards: a change without its history row from the same transaction is refused at commit.
  await sql`
    CREATE FUNCTION help_history_required() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      recorded boolean;
    BEGIN
      IF TG_TABLE_NAME = 'help_faq_entries' THEN
        SELECT EXISTS (SELECT 1 FROM help_faq_history h
                        WHERE h.entry_id = NEW.id AND h.revision = NEW.revision AND h.tx = txid_current())
          INTO recorded;
      ELSE
        SELECT EXISTS (SELECT 1 FROM help_inquiry_history h
                        WHERE h.inquiry_id = NEW.id AND h.revision = NEW.revision AND h.tx = txid_current())
          INTO recorded;
      END IF;
      IF NOT recorded THEN
        RAISE EXCEPTION '% on % without its history row in the same transaction', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'integrity_constraint_violation';
      END IF;
      RETURN NULL;
    END
    $fn$`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER help_faq_history_required AFTER INSERT OR UPDATE ON help_faq_entries
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION help_history_required()`.execute(db);
  await sql`CREATE CONSTRAINT TRIGGER help_inquiry_history_required AFTER INSERT OR UPDATE ON help_inquiries
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION help_history_required()`.execute(db);

  // FAQ: a municipality's own entries are its own; national entries are read by everyone (residents
  // read through the platform); the national side reads all (it keeps the national FAQ).
  for (const table of ['help_faq_entries', 'help_faq_history']) {
    await sql`SELECT onestop_enable_tenancy(${sql.lit(table)}, ARRAY['national'])`.execute(db);
  }
  await sql`CREATE POLICY national_entry_read ON help_faq_entries FOR SELECT USING (municipality_code IS NULL)`.execute(db);
  await sql`REVOKE UPDATE, DELETE ON help_faq_history FROM onestop_tenant`.execute(db);
  await sql`REVOKE DELETE ON help_faq_entries FROM onestop_tenant`.execute(db);

  // Inquiries: a municipality's staff see its own; the national helpdesk (national scope) sees only
  // those addressed to it. Nobody else — not the national side — reads a municipality's inquiries.
  for (const table of ['help_inquiries', 'help_inquiry_messages', 'help_inquiry_history', 'help_outbox']) {
    await sql`SELECT onestop_enable_tenancy(${sql.lit(table)})`.execute(db);
    await sql`CREATE POLICY national_helpdesk ON ${sql.table(table)}
              USING (municipality_code IS NULL AND current_setting('app.scope', true) = 'national')
              WITH CHECK (municipality_code IS NULL AND current_setting('app.scope', true) = 'national')`.execute(db);
  }
  await sql`REVOKE UPDATE, DELETE ON help_inquiry_history FROM onestop_tenant`.execute(db);
  await sql`REVOKE DELETE ON help_inquiries, help_inquiry_messages FROM onestop_tenant`.execute(db);
}
