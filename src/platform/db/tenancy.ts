// The one mechanism that scopes municipal data to its municipality (R15).
//
// Every municipal table carries municipality_code and is put under row-level security by the
// migration function onestop_enable_tenancy. A scoped transaction switches to the onestop_tenant
// role and names the caller's municipality, so PostgreSQL itself filters every read and refuses
// every write outside it — a repository that forgets a WHERE clause still cannot leak.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './tables.ts';

export type Scope =
  /** Staff or a system of one municipality: only its own rows. */
  | { kind: 'municipality'; municipalityCode: string }
  /** Prefecture staff: read-only, only tables that share with prefectures, only its municipalities. */
  | { kind: 'prefecture'; prefectureCode: string }
  /** National administrators: read-only, only tables that share with the national side. */
  | { kind: 'national' };

export type ScopedTransaction = Transaction<Database>;

/** Runs fn in one transaction limited to the scope. Rolls back if fn throws. */
export function withScope<T>(db: Kysely<Database>, scope: Scope, fn: (trx: ScopedTransaction) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enterScope(trx, scope);
    return fn(trx);
  });
}

/** Switches an open transaction into a scope (for use cases that own their transaction). */
export async function enterScope(trx: ScopedTransaction, scope: Scope): Promise<void> {
  const municipality = scope.kind === 'municipality' ? scope.municipalityCode : '';
  const prefecture = scope.kind === 'prefecture' ? scope.prefectureCode : '';
  await sql`select set_config('role', 'onestop_tenant', true),
                   set_config('app.scope', ${scope.kind}, true),
                   set_config('app.municipality_code', ${municipality}, true),
                   set_config('app.prefecture_code', ${prefecture}, true)`.execute(trx);
}

export function describeScope(scope: Scope): string {
  switch (scope.kind) {
    case 'municipality':
      return `municipality ${scope.municipalityCode}`;
    case 'prefecture':
      return `prefecture ${scope.prefectureCode}`;
    case 'national':
      return 'national';
  }
}
