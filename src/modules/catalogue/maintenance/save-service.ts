// Creating and changing services, for all three maintenance routes (console, API, import) and for
// national pre-registration. Each change is one transaction that also writes the version-history
// row (the snapshot after the change), inside the writer's scope (R15): a municipality writes only
// its own services; the national side writes national ones and pre-registers for municipalities.
import type { Selectable } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import type { Database, ServiceChange, ServiceTable } from '../../../platform/db/tables.ts';
import { withScope, type ScopedTransaction } from '../../../platform/db/tenancy.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Transaction } from 'kysely';
import { findServiceForUpdate, insertService, insertServiceVersion, serviceColumns, updateServiceRow } from '../repository.ts';
import { validateServiceInput } from '../service-input.ts';

export type ServiceRow = Selectable<ServiceTable>;

/** Who writes: a municipality's staff or system, or the national side. */
export type Writer = { kind: 'municipality'; municipalityCode: string; label: string } | { kind: 'national'; label: string };

/** Whose service it is. A municipality writer always owns what it writes. */
export type Owner = { kind: 'municipality'; municipalityCode: string } | { kind: 'prefecture'; prefectureCode: string } | { kind: 'national' };

export function serviceNotFound(): AppError {
  return new AppError('catalogue.service_not_found', 'not_found', 'There is no such service.', { ja: 'サービスが見つかりません。' });
}

/** Runs fn in the writer's transaction: scoped for a municipality, platform-wide for the nation. */
export function inWriterTransaction<T>(db: Db, writer: Writer, fn: (trx: ScopedTransaction | Transaction<Database>) => Promise<T>): Promise<T> {
  if (writer.kind === 'municipality') return withScope(db.kysely, { kind: 'municipality', municipalityCode: writer.municipalityCode }, fn);
  return db.kysely.transaction().execute(fn);
}

async function recordVersion(trx: ScopedTransaction | Transaction<Database>, row: ServiceRow, change: ServiceChange, writer: Writer): Promise<void> {
  const { id, municipality_code, version } = row;
  await insertServiceVersion(trx, { serviceId: id, version, municipalityCode: municipality_code, change, snapshot: row as unknown as Record<string, unknown>, changedBy: writer.label });
}

function ownerColumns(writer: Writer, owner: Owner | undefined): { municipality_code: string | null; prefecture_code: string | null } {
  if (writer.kind === 'municipality') return { municipality_code: writer.municipalityCode, prefecture_code: writer.municipalityCode.slice(0, 2) };
  const o = owner ?? { kind: 'national' };
  if (o.kind === 'municipality') return { municipality_code: o.municipalityCode, prefecture_code: o.municipalityCode.slice(0, 2) };
  if (o.kind === 'prefecture') return { municipality_code: null, prefecture_code: o.prefectureCode };
  return { municipality_code: null, prefecture_code: null };
}

export interface CreateServiceArgs {
  input: unknown;
  owner?: Owner;
  status?: 'draft' | 'published';
  externalId?: string | null;
  openData?: Record<string, unknown>;
  mode?: 'test' | 'live';
}

export async function createService(deps: { db: Db }, writer: Writer, args: CreateServiceArgs): Promise<ServiceRow> {
  const input = validateServiceInput(args.input);
  const owner = ownerColumns(writer, args.owner);
  // The nation registering a draft for a municipality is pre-registration (seed 000 §2.2 B-3).
  const preRegistered = writer.kind === 'national' && owner.municipality_code !== null;
  const status = preRegistered ? 'draft' : (args.status ?? 'draft');
  const now = new Date();
  return inWriterTransaction(deps.db, writer, async (trx) => {
    const row = await insertService(trx, {
      ...serviceColumns(input),
      ...owner,
      external_id: args.externalId ?? null,
      status,
      open_data: JSON.stringify(args.openData ?? {}),
      pre_registered_at: preRegistered ? now : null,
      published_at: status === 'published' ? now : null,
      mode: args.mode ?? 'live',
    });
    await recordVersion(trx, row, preRegistered ? 'pre_registered' : args.externalId ? 'imported' : 'created', writer);
    return row;
  });
}

export interface UpdateServiceArgs {
  id: string;
  input: unknown;
  /** Optimistic concurrency: the version the editor saw; a newer one is a conflict. */
  expectedVersion?: number;
  openData?: Record<string, unknown>;
  change?: 'updated' | 'imported';
}

export async function updateService(deps: { db: Db }, writer: Writer, args: UpdateServiceArgs): Promise<ServiceRow> {
  const input = validateServiceInput(args.input);
  return inWriterTransaction(deps.db, writer, async (trx) => {
    const current = await findServiceForUpdate(trx, args.id);
    if (!current) throw serviceNotFound();
    if (args.expectedVersion !== undefined && args.expectedVersion !== current.version) {
      throw new AppError('catalogue.version_conflict', 'conflict', `The service was changed by someone else (now version ${current.version}). Reload and try again.`, {
        ja: `ほかの人がこのサービスを変更しました（現在の版 ${current.version}）。再読み込みしてからやり直してください。`,
        extra: { currentVersion: current.version },
      });
    }
    const row = await updateServiceRow(trx, args.id, {
      ...serviceColumns(input),
      ...(args.openData ? { open_data: JSON.stringify(args.openData) } : {}),
      version: current.version + 1,
    });
    await recordVersion(trx, row, args.change ?? 'updated', writer);
    return row;
  });
}

export async function setServiceStatus(
  deps: { db: Db },
  writer: Writer,
  args: { id: string; status: 'published' | 'unpublished'; expectedVersion?: number },
): Promise<ServiceRow> {
  return inWriterTransaction(deps.db, writer, async (trx) => {
    const current = await findServiceForUpdate(trx, args.id);
    if (!current) throw serviceNotFound();
    if (current.status === args.status) return current;
    if (args.expectedVersion !== undefined && args.expectedVersion !== current.version) {
      throw new AppError('catalogue.version_conflict', 'conflict', 'The service was changed by someone else. Reload and try again.', {
        ja: 'ほかの人がこのサービスを変更しました。再読み込みしてからやり直してください。',
        extra: { currentVersion: current.version },
      });
    }
    const row = await updateServiceRow(trx, args.id, {
      status: args.status,
      version: current.version + 1,
      ...(args.status === 'published' ? { published_at: new Date() } : {}),
    });
    await recordVersion(trx, row, args.status, writer);
    return row;
  });
}

/** A municipality takes over a service the national side pre-registered for it. */
export async function adoptService(deps: { db: Db }, writer: Writer & { kind: 'municipality' }, args: { id: string }): Promise<ServiceRow> {
  return inWriterTransaction(deps.db, writer, async (trx) => {
    const current = await findServiceForUpdate(trx, args.id);
    if (!current || !current.pre_registered_at) throw serviceNotFound();
    if (current.adopted_at) return current;
    const row = await updateServiceRow(trx, args.id, { adopted_at: new Date(), version: current.version + 1 });
    await recordVersion(trx, row, 'adopted', writer);
    return row;
  });
}
