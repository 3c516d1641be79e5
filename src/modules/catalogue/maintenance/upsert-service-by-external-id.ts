// PUT by サービスID for existing systems: the natural key they already have. Without `version` it
// creates the service or replaces it; with `version` it only updates, and only that version
// (optimistic concurrency) — a service that does not exist (or is another municipality's) is 404.
import type { Db } from '../../../platform/db/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { findServiceByExternalId } from '../repository.ts';
import { createService, inWriterTransaction, serviceNotFound, updateService, type ServiceRow, type Writer } from './save-service.ts';

export async function upsertServiceByExternalId(
  deps: { db: Db },
  writer: Writer & { kind: 'municipality' },
  args: { externalId: string; input: unknown; version?: number | undefined },
): Promise<{ service: ServiceRow; created: boolean }> {
  const owner = { municipalityCode: writer.municipalityCode, prefectureCode: writer.municipalityCode.slice(0, 2) };
  const existing = await inWriterTransaction(deps.db, writer, (trx) => findServiceByExternalId(trx, owner, args.externalId));
  if (existing) {
    const service = await updateService(deps, writer, { id: existing.id, input: args.input, ...(args.version === undefined ? {} : { expectedVersion: args.version }) });
    return { service, created: false };
  }
  if (args.version !== undefined) throw serviceNotFound();
  try {
    return { service: await createService(deps, writer, { input: args.input, externalId: args.externalId }), created: true };
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
    throw new AppError('catalogue.version_conflict', 'conflict', 'The service was created by another request meanwhile. Send it again.', {
      ja: '同時に同じサービスIDが登録されました。もう一度送信してください。',
    });
  }
}
