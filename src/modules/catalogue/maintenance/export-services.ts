// Export of an owner's services in the open 制度 layout, as CSV or JSON: what the import reads back
// unchanged (see open-data-layout.ts). Drafts are included: the export is for maintenance, not
// publication. The CSV goes through the platform's one writer, which neutralises formula cells for
// spreadsheets; the import takes off exactly what it added, so the round trip is exact.
import type { Db } from '../../../platform/db/index.ts';
import { listServicesOfOwner, type ServiceOwnerFilter } from '../repository.ts';
import { recordsToCsv, recordsToJson, writeRecord, type FileFormat, type LayoutFields, type OpenDataRecord } from './open-data-layout.ts';
import { inWriterTransaction, type ServiceRow, type Writer } from './save-service.ts';
import { inputOfRow } from './service-fields.ts';

export function recordOfService(row: ServiceRow): OpenDataRecord {
  return writeRecord({
    externalId: row.external_id,
    fallbackId: row.id,
    fields: inputOfRow(row) as LayoutFields,
    openData: (row.open_data ?? {}) as Record<string, unknown>,
  });
}

export async function exportServices(deps: { db: Db }, writer: Writer, args: { format: FileFormat }): Promise<{ body: string; count: number; contentType: string; filename: string }> {
  const owner: ServiceOwnerFilter = writer.kind === 'municipality' ? { kind: 'municipality', municipalityCode: writer.municipalityCode } : { kind: 'national' };
  const rows = await inWriterTransaction(deps.db, writer, (trx) => listServicesOfOwner(trx, owner));
  const records = rows.map(recordOfService);
  const name = `services-${writer.kind === 'municipality' ? writer.municipalityCode : 'national'}`;
  return args.format === 'csv'
    ? { body: recordsToCsv(records), count: records.length, contentType: 'text/csv; charset=utf-8', filename: `${name}.csv` }
    : { body: recordsToJson(records), count: records.length, contentType: 'application/json; charset=utf-8', filename: `${name}.json` };
}
