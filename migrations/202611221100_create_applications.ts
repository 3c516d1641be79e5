// E-application (§3.4, R1, R3–R5): residents' drafts and their attachments, attachment bytes stored
// once by SHA-256, applications with the exact bytes that were signed, the signature and its
// validation report, and a timeline of every state change. An application's arrival time is set by
// the database in the transaction that records it and never changes (R1).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Attachment bytes, content-addressed: the same bytes uploaded twice, or by two residents, are one row.
  await db.schema
    .createTable('application_blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey().check(sql`sha256 ~ '^[0-9a-f]{64}$'`))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size >= 0`))
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('application_blobs_size', sql`octet_length(bytes) = size`)
    .execute();

  // Drafts belong to the resident alone (not yet arrived, so no municipality sees them); kept on the
  // server so they can be resumed on another device.
  await db.schema
    .createTable('application_drafts')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('resident_id', 'uuid', (c) => c.notNull().references('residents.id').onDelete('cascade'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id'))
    // The published form version the draft is filled in (versions never change).
    .addColumn('form_version_id', 'uuid', (c) => c.notNull().references('form_versions.id'))
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('current_step', 'text')
    // Optimistic concurrency between devices.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('application_drafts_resident_idx').on('application_drafts').columns(['resident_id', 'updated_at']).execute();

  await db.schema
    .createTable('draft_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('draft_id', 'uuid', (c) => c.notNull().references('application_drafts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(name) BETWEEN 1 AND 200`))
    // Which attachment of the service (its name in services.attachments) this one satisfies; null: other.
    .addColumn('requirement', 'text')
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('application_blobs.sha256'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    // Names are the keys of the attachment digests in the signed content (R4).
    .addUniqueConstraint('draft_attachments_name', ['draft_id', 'name'])
    .execute();

  // One signing step for several applications (a life event): the resident's, for idempotency only;
  // each application keeps its own copy of the bundle's signed content and signature.
  await db.schema
    .createTable('application_bundles')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('resident_id', 'uuid', (c) => c.notNull().references('residents.id'))
    .addColumn('idempotency_key', 'text')
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addUniqueConstraint('application_bundles_idempotency', ['resident_id', 'idempotency_key'])
    .execute();

  await db.schema
    .createTable('applications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('reference', 'text', (c) => c.notNull().unique().check(sql`reference ~ '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'`))
    .addColumn('resident_id', 'uuid', (c) => c.notNull().references('residents.id'))
    .addColumn('service_id', 'uuid', (c) => c.notNull().references('services.id'))
    // The service's title when the application arrived (the receipt shows what was applied for).
    .addColumn('service_title', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull().references('municipalities.code'))
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('live').check(sql`mode IN ('test', 'live')`))
    // The exact form version the application was made with.
    .addColumn('form_version_id', 'uuid', (c) => c.notNull().references('form_versions.id'))
    // One application per draft, whatever idempotency key a retry carries.
    .addColumn('draft_id', 'uuid', (c) => c.notNull().unique())
    .addColumn('data', 'jsonb', (c) => c.notNull())
    // The application document as RFC 8785 JSON with the attachment digests (R4): for a signed
    // application alone, these are the bytes the signature covers.
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method IN ('signed', 'simple')`))
    // Detached CMS SignedData (CAdES-BES) over `content`, or over `bundle_content` in a bundle.
    .addColumn('signature', 'bytea')
    .addColumn('bundle_id', 'uuid', (c) => c.references('application_bundles.id'))
    // The bundle document that lists this application's content digest; what the bundle's signature covers.
    .addColumn('bundle_content', 'bytea')
    // The validation report at arrival (§3.6), kept as it was; re-verifications are timeline events.
    .addColumn('validation_report', 'jsonb')
    // Where the signature stands now: INDETERMINATE at arrival is flagged until re-verified.
    .addColumn('signature_indication', 'text', (c) => c.check(sql`signature_indication IN ('TOTAL_PASSED', 'TOTAL_FAILED', 'INDETERMINATE')`))
    .addColumn('signature_checked_at', 'timestamptz')
    .addColumn('idempotency_key', 'text', (c) => c.check(sql`length(idempotency_key) BETWEEN 1 AND 200`))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('arrived').check(sql`status IN ('arrived', 'received', 'in_review', 'info_requested', 'accepted', 'rejected', 'withdrawn')`),
    )
    .addColumn('status_changed_at', 'timestamptz', (c) => c.notNull())
    // R1: set by the trigger below from the database clock, whatever the insert says.
    .addColumn('arrived_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('applications_idempotency', ['resident_id', 'idempotency_key'])
    .addCheckConstraint('applications_signed', sql`(method = 'signed') = (signature IS NOT NULL AND validation_report IS NOT NULL AND signature_indication IS NOT NULL)`)
    .addCheckConstraint('applications_bundle', sql`(bundle_id IS NULL) = (bundle_content IS NULL)`)
    .execute();
  await db.schema.createIndex('applications_resident_idx').on('applications').columns(['resident_id', 'arrived_at']).execute();
  await db.schema.createIndex('applications_municipality_idx').on('applications').columns(['municipality_code', 'status', 'arrived_at']).execute();
  await sql`CREATE INDEX applications_indeterminate_idx ON applications (signature_indication) WHERE signature_indication = 'INDETERMINATE'`.execute(db);

  await sql`
    CREATE FUNCTION applications_stamp_arrival() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      -- R1: arrival is when the platform records the application, by the database's clock.
      NEW.arrived_at := clock_timestamp();
      NEW.status_changed_at := NEW.arrived_at;
      NEW.status := 'arrived';
      RETURN NEW;
    END
    $fn$`.execute(db);
  await sql`CREATE TRIGGER applications_stamp_arrival BEFORE INSERT ON applications FOR EACH ROW EXECUTE FUNCTION applications_stamp_arrival()`.execute(db);
  await sql`
    CREATE FUNCTION applications_keep_record() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'an application is never deleted' USING ERRCODE = 'restrict_violation';
      END IF;
      IF NEW.arrived_at IS DISTINCT FROM OLD.arrived_at THEN
        RAISE EXCEPTION 'arrived_at never changes (R1)' USING ERRCODE = 'restrict_violation';
      END IF;
      -- What arrived stays as it arrived: only the status and the signature's current standing move.
      IF (to_jsonb(NEW) - ARRAY['status', 'status_changed_at', 'signature_indication', 'signature_checked_at'])
         IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['status', 'status_changed_at', 'signature_indication', 'signature_checked_at']) THEN
        RAISE EXCEPTION 'an application''s reference, data, content and signature never change' USING ERRCODE = 'restrict_violation';
      END IF;
      RETURN NEW;
    END
    $fn$`.execute(db);
  await sql`CREATE TRIGGER applications_keep_record BEFORE UPDATE OR DELETE ON applications FOR EACH ROW EXECUTE FUNCTION applications_keep_record()`.execute(db);
  await sql`SELECT onestop_enable_tenancy('applications')`.execute(db);
  await sql`REVOKE DELETE ON applications FROM onestop_tenant`.execute(db);

  await db.schema
    .createTable('application_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind IN ('arrived', 'received', 'in_review', 'info_requested', 'accepted', 'rejected', 'withdrawn', 'resident_replied', 'signature_reverified')`),
    )
    // The status after the event (null when the event does not change it).
    .addColumn('status', 'text')
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(sql`actor_kind IN ('resident', 'staff', 'system', 'platform')`))
    .addColumn('actor_id', 'text')
    // For the resident (a request for information, a decision's reason) or from the resident (a reply).
    .addColumn('message', 'text')
    // A reply's new data; the application's own data never changes.
    .addColumn('data', 'jsonb')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex('application_events_application_idx').on('application_events').columns(['application_id', 'id']).execute();

  await db.schema
    .createTable('application_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('application_id', 'uuid', (c) => c.notNull().references('applications.id'))
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    // Null: submitted with the application (covered by its signature); else the reply that brought it.
    .addColumn('event_id', 'bigint', (c) => c.references('application_events.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('requirement', 'text')
    .addColumn('original_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('application_blobs.sha256'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .execute();
  await db.schema.createIndex('application_attachments_application_idx').on('application_attachments').columns(['application_id']).execute();
  await db.schema.createIndex('application_attachments_sha256_idx').on('application_attachments').columns(['sha256']).execute();

  // The timeline and the attachments of an application are records: appended, never rewritten.
  await sql`
    CREATE FUNCTION applications_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION '% rows are never changed or deleted', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
    END
    $fn$`.execute(db);
  for (const table of ['application_events', 'application_attachments']) {
    await sql`CREATE TRIGGER ${sql.raw(`${table}_append_only`)} BEFORE UPDATE OR DELETE ON ${sql.table(table)} FOR EACH ROW EXECUTE FUNCTION applications_append_only()`.execute(db);
    await sql`SELECT onestop_enable_tenancy(${table})`.execute(db);
    await sql`REVOKE UPDATE, DELETE ON ${sql.table(table)} FROM onestop_tenant`.execute(db);
  }

  // Blobs carry no municipality: staff read the bytes of an attachment only when one of their own
  // municipality's attachments (row-level security applies inside the policy) names the digest.
  await sql`ALTER TABLE application_blobs ENABLE ROW LEVEL SECURITY`.execute(db);
  await sql`GRANT SELECT ON application_blobs TO onestop_tenant`.execute(db);
  await sql`
    CREATE POLICY blob_of_own_attachment ON application_blobs FOR SELECT TO onestop_tenant
    USING (EXISTS (SELECT 1 FROM application_attachments a WHERE a.sha256 = application_blobs.sha256))`.execute(db);
}
