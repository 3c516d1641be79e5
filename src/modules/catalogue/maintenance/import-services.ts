// Bulk import of services in the open 制度 layout (§3.3, seed 000 §2.1 A-2 イ): each record is
// created or updated by its サービスID within the owner (the importing municipality, or the
// nation). A record updates only the fields the layout carries; what staff added in the console
// (attachments, ways to apply, life events …) stays. A record whose result equals the stored service
// is left alone — no write, no version — so re-importing a file changes nothing.
//
// Each record is written in its own transaction (createService/updateService, with its version
// row): one bad record — a bad date, a NUL byte, a value the database refuses — is reported with
// its row and column and does not hold back a thousand good ones, and because the import is
// idempotent an interrupted run is finished by running it again. A dry run reads only.
import type { Db } from '../../../platform/db/index.ts';
import { isAppError } from '../../../platform/errors.ts';
import { listServicesOfOwner, type ServiceOwnerFilter } from '../repository.ts';
import { validateServiceInput, type ServiceInput } from '../service-input.ts';
import { recordOfService } from './export-services.ts';
import { keptOpenData, normaliseRecord, readRecord, type LayoutFields, type RecordProblem } from './open-data-layout.ts';
import { createService, inWriterTransaction, updateService, type ServiceRow, type Writer } from './save-service.ts';
import { inputOfRow, isSameService } from './service-fields.ts';

export interface RejectedRecord {
  /** 1-based position of the record in the file (for CSV: the line after the header row). */
  row: number;
  externalId: string | null;
  reasons: RecordProblem[];
}

export interface ImportReport {
  dryRun: boolean;
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RejectedRecord[];
}

export interface ImportServicesArgs {
  records: readonly unknown[];
  dryRun?: boolean;
  /** Publish the services the import creates (updated ones keep their status). */
  publish?: boolean;
  /** Called after each record with how many are done. */
  onProgress?: (done: number, total: number) => void;
}

/** The layout column a field of ours comes from, to name it in a rejection. */
const COLUMN_OF_FIELD: Record<string, string> = {
  title: 'タイトル（制度名）',
  summary: '概要',
  support: '支援内容',
  eligibility: '対象者',
  howToApply: '利用•申請方法',
  acceptanceStart: '受付開始日',
  acceptanceEnd: '受付終了日',
  deadlineNote: '受付終了日',
  detailUrl: '詳細参照先',
  contact: 'お問い合わせ先',
  department: '制度所管組織',
  tags: 'タグ（キーワード）',
  categories: 'タグ（テーマ）',
};

function ownerOf(writer: Writer): ServiceOwnerFilter {
  return writer.kind === 'municipality' ? { kind: 'municipality', municipalityCode: writer.municipalityCode } : { kind: 'national' };
}

function problemsOf(error: unknown): RecordProblem[] {
  if (!isAppError(error)) throw error;
  if (error.fields.length === 0) return [{ column: '', message: { ja: error.ja, en: error.message } }];
  return error.fields.map((f) => {
    const field = f.field.split('/')[1] ?? '';
    const column = COLUMN_OF_FIELD[field] ?? f.field;
    return { column, message: { ja: `${column}: ${f.message.ja}`, en: `${column}: ${f.message.en}` } };
  });
}

/**
 * The stored service with the open data its own export carries. Kept values go stale when staff
 * change what they described (a theme after the categories were edited): the export writes ours
 * instead, so a file exported and imported back compares equal (issue #11: 15 of 68 "would update").
 */
function asExported(row: ServiceRow): ServiceRow {
  return { ...row, open_data: keptOpenData(recordOfService(row), inputOfRow(row) as LayoutFields) };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

/** SQLSTATE class 22: the value, not the database, is at fault (a NUL byte, a number out of range). */
function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

export async function importServices(deps: { db: Db }, writer: Writer, args: ImportServicesArgs): Promise<ImportReport> {
  const dryRun = args.dryRun ?? false;
  const report: ImportReport = { dryRun, total: args.records.length, created: 0, updated: 0, unchanged: 0, rejected: [] };
  const stored = await inWriterTransaction(deps.db, writer, (trx) => listServicesOfOwner(trx, ownerOf(writer)));
  // A service made in the console has no サービスID: the export names it by its id, so that id finds it again.
  const byExternalId = new Map<string, ServiceRow>(stored.map((s) => [s.external_id ?? s.id, s]));
  const seen = new Set<string>();

  for (const [index, raw] of args.records.entries()) {
    const row = index + 1;
    const reject = (externalId: string | null, reasons: RecordProblem[]) => report.rejected.push({ row, externalId, reasons });
    const record = normaliseRecord(raw);
    const read = record ? readRecord(record) : null;
    if (!read || !read.ok) {
      reject(read?.externalId ?? null, read?.problems ?? [{ column: '', message: { ja: 'レコードがオブジェクトではありません', en: 'the record is not an object' } }]);
    } else if (seen.has(read.externalId)) {
      reject(read.externalId, [{ column: 'サービスID', message: { ja: '同じサービスIDがファイル内で重複しています', en: 'the same サービスID appears earlier in the file' } }]);
    } else {
      seen.add(read.externalId);
      const existing = byExternalId.get(read.externalId);
      const merged: ServiceInput = existing ? { ...inputOfRow(existing), ...(read.fields as LayoutFields) } : (read.fields as ServiceInput);
      let input: ServiceInput | null = null;
      try {
        input = validateServiceInput(merged);
      } catch (error) {
        reject(read.externalId, problemsOf(error));
      }
      if (input && existing && isSameService(asExported(existing), input, read.openData)) {
        report.unchanged++;
      } else if (input && dryRun) {
        report[existing ? 'updated' : 'created']++;
      } else if (input) {
        try {
          if (existing) {
            const saved = await updateService(deps, writer, { id: existing.id, input, openData: read.openData, change: 'imported', expectedVersion: existing.version });
            byExternalId.set(read.externalId, saved);
            report.updated++;
          } else {
            const saved = await createService(deps, writer, { input, externalId: read.externalId, openData: read.openData, status: args.publish ? 'published' : 'draft' });
            byExternalId.set(read.externalId, saved);
            report.created++;
          }
        } catch (error) {
          // Someone else created the same サービスID meanwhile, or edited the service: import again.
          if (isUniqueViolation(error)) {
            reject(read.externalId, [{ column: 'サービスID', message: { ja: '取込中に同じサービスIDが登録されました。もう一度取り込んでください', en: 'the サービスID was registered while importing; import again' } }]);
          } else if (isDataException(error)) {
            // A value the database refuses: its transaction rolled back, so this row is not half written.
            reject(read.externalId, [{ column: '', message: { ja: 'データベースが値を受け付けませんでした', en: `the database refused a value: ${(error as Error).message}` } }]);
          } else {
            reject(read.externalId, problemsOf(error));
          }
        }
      }
    }
    args.onProgress?.(row, args.records.length);
  }
  return report;
}
