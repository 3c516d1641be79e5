// Reading services for maintenance: a writer sees only what it may change (R15) — a municipality
// its own services (inside withScope), the national side national ones and its pre-registrations.
import type { Db } from '../../../platform/db/index.ts';
import type { ServiceStatus } from '../../../platform/db/tables.ts';
import { findService, listPreRegisteredServices, listServicesPage, selectServiceVersions, type ServiceOwnerFilter } from '../repository.ts';
import { inWriterTransaction, serviceNotFound, type ServiceRow, type Writer } from './save-service.ts';
import { changedColumns } from './service-fields.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isServiceId(id: string): boolean {
  return UUID.test(id);
}

function ownerOf(writer: Writer): ServiceOwnerFilter {
  return writer.kind === 'municipality' ? { kind: 'municipality', municipalityCode: writer.municipalityCode } : { kind: 'national' };
}

export async function listServices(deps: { db: Db }, writer: Writer, args: { status?: ServiceStatus | undefined; limit: number; offset: number }) {
  return inWriterTransaction(deps.db, writer, (trx) => listServicesPage(trx, ownerOf(writer), args));
}

/** The writer's service, or not found — also for another municipality's (R15: it does not exist for them). */
export async function findServiceOf(deps: { db: Db }, writer: Writer, id: string): Promise<ServiceRow> {
  if (!isServiceId(id)) throw serviceNotFound();
  const row = await inWriterTransaction(deps.db, writer, (trx) => findService(trx, id));
  if (!row) throw serviceNotFound();
  return row;
}

export interface HistoryEntry {
  version: number;
  change: string;
  changedBy: string | null;
  changedAt: Date;
  changed: string[];
}

/** The versions of a service, newest first, each with the columns it changed. */
export async function listServiceHistory(deps: { db: Db }, writer: Writer, id: string): Promise<{ service: ServiceRow; history: HistoryEntry[] }> {
  const service = await findServiceOf(deps, writer, id);
  const versions = await inWriterTransaction(deps.db, writer, (trx) => selectServiceVersions(trx, id));
  const oldestFirst = [...versions].reverse();
  const history = oldestFirst.map((v, i) => ({
    version: v.version,
    change: v.change,
    changedBy: v.changedBy,
    changedAt: v.changedAt,
    changed: changedColumns(i > 0 ? (oldestFirst[i - 1]!.snapshot as Record<string, unknown>) : null, v.snapshot as Record<string, unknown>),
  }));
  return { service, history: history.reverse() };
}

export async function listPreRegistrations(deps: { db: Db }) {
  return deps.db.kysely.transaction().execute((trx) => listPreRegisteredServices(trx));
}
