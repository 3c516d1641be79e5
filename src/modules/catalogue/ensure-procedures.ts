// Keeps the national procedures table in step with the code (like the municipality master).
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import { NATIONAL_PROCEDURES } from './national-procedures.ts';
import { upsertProcedures } from './repository.ts';

export async function ensureNationalProcedures(db: Kysely<Database>): Promise<number> {
  await upsertProcedures(
    db,
    NATIONAL_PROCEDURES.map((p, index) => ({ ...p, focus: true, sort: index + 1 })),
  );
  return NATIONAL_PROCEDURES.length;
}
