// Registered proxies (R17): whose signature a resident's account also accepts. Platform-level rows,
// like the accounts they join.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../platform/db/tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export async function residentExists(db: Executor, residentId: string): Promise<boolean> {
  return (await db.selectFrom('residents').select('id').where('id', '=', residentId).executeTakeFirst()) !== undefined;
}

/** Registers a proxy; registering the same one again is a no-op (null). */
export async function insertResidentProxy(
  db: Executor,
  row: { residentId: string; proxyResidentId: string | null; proxySubject: string | null; registeredBy: string },
): Promise<string | null> {
  const inserted = await db
    .insertInto('resident_proxies')
    .values({ resident_id: row.residentId, proxy_resident_id: row.proxyResidentId, proxy_subject: row.proxySubject, registered_by: row.registeredBy })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted?.id ?? null;
}

export interface ResidentProxy {
  id: string;
  proxyResidentId: string | null;
  /** The proxy account's login certificate, for the link service; null for a proxy named by subject. */
  proxyLoginIssuer: string | null;
  proxyLoginSerial: string | null;
  proxySubject: string | null;
}

export async function listResidentProxies(db: Executor, residentId: string): Promise<ResidentProxy[]> {
  return db
    .selectFrom('resident_proxies as x')
    .leftJoin('residents as p', 'p.id', 'x.proxy_resident_id')
    .select(['x.id', 'x.proxy_resident_id as proxyResidentId', 'p.certificate_issuer as proxyLoginIssuer', 'p.certificate_serial as proxyLoginSerial', 'x.proxy_subject as proxySubject'])
    .where('x.resident_id', '=', residentId)
    .orderBy('x.created_at')
    .execute();
}
