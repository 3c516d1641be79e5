// The large values an arrival writes — form data, the signed document, the signature and its
// validation report — are compressed with LZ4 rather than PostgreSQL's own pglz where the server is
// built with LZ4 (the Debian and most distribution builds): in the intake benchmark pglz was about a
// fourteenth of the database's CPU per arrival, and LZ4 compresses the same JSON several times faster.
// PGlite is built without LZ4 and keeps pglz (the statement fails there and is skipped). Values
// already stored keep their method; both read the same.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    DO $$
    BEGIN
      ALTER TABLE applications
        ALTER COLUMN data SET COMPRESSION lz4,
        ALTER COLUMN content SET COMPRESSION lz4,
        ALTER COLUMN signature SET COMPRESSION lz4,
        ALTER COLUMN bundle_content SET COMPRESSION lz4,
        ALTER COLUMN validation_report SET COMPRESSION lz4;
      ALTER TABLE application_drafts ALTER COLUMN data SET COMPRESSION lz4;
    EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
      RAISE NOTICE 'LZ4 is not available: values keep pglz';
    END
    $$`.execute(db);
}
