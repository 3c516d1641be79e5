// `onestop services import|export`: bulk maintenance of services in the open 制度 layout from the
// command line, for a municipality or for the national services shown everywhere.
import { readFile, writeFile } from 'node:fs/promises';
import { UsageError, type Command, type CommandContext } from '../../../platform/cli/command.ts';
import { loadConfig } from '../../../platform/config.ts';
import type { Db } from '../../../platform/db/index.ts';
import { isAppError } from '../../../platform/errors.ts';
import { createProgress, type Progress } from '../../../platform/progress.ts';
import { migrateDatabase, openConfiguredDatabase } from '../../../platform/db/configured.ts';
import { ensureMunicipalityMaster } from '../../municipalities/index.ts';
import { ensureNationalProcedures } from '../ensure-procedures.ts';
import { municipalityExists } from '../repository.ts';
import { exportServices } from './export-services.ts';
import { importServices, type ImportReport } from './import-services.ts';
import { parseRecordsFile, type FileFormat } from './open-data-layout.ts';
import type { Writer } from './save-service.ts';

export interface ServicesCommandDeps {
  /** Opens the database, migrated (the configured one by default). */
  openDb?: (progress: Progress) => Promise<Db>;
}

async function openConfigured(progress: Progress): Promise<Db> {
  const db = await openConfiguredDatabase(loadConfig(), progress);
  await migrateDatabase(db, progress);
  // Services name their municipality and national procedure: both must be there to import.
  await ensureMunicipalityMaster(db.kysely);
  await ensureNationalProcedures(db.kysely);
  return db;
}

const ownerOptions = {
  municipality: { type: 'string', valueName: 'CODE', description: 'the municipality the services belong to (全国地方公共団体コード, e.g. 131130)' },
  national: { type: 'boolean', description: 'national services, shown in every municipality' },
} as const;

/** The writer named by --municipality or --national (exactly one). */
async function writerFrom(ctx: CommandContext, db: Db): Promise<Writer> {
  const code = ctx.values.municipality;
  const national = ctx.values.national === true;
  if ((typeof code === 'string') === national) throw new UsageError('give either --municipality CODE or --national');
  if (national) return { kind: 'national', label: 'cli' };
  if (!/^\d{6}$/.test(code as string) || !(await municipalityExists(db.kysely, code as string))) {
    throw new UsageError(`--municipality ${String(code)}: no such municipality (6 digits with the check digit, e.g. 131130)`);
  }
  return { kind: 'municipality', municipalityCode: code as string, label: 'cli' };
}

function printReport(report: ImportReport, out: NodeJS.WritableStream): void {
  const verb = report.dryRun ? 'would create' : 'created';
  out.write(
    `${report.dryRun ? 'dry run: ' : ''}${report.total} records: ${verb} ${report.created}, ${report.dryRun ? 'would update' : 'updated'} ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected.length}\n`,
  );
  for (const r of report.rejected) {
    out.write(`  row ${r.row}${r.externalId ? ` (${r.externalId})` : ''}: ${r.reasons.map((reason) => reason.message.en).join('; ')}\n`);
  }
}

export function createServicesCommands(deps: ServicesCommandDeps = {}): Command[] {
  const openDb = deps.openDb ?? openConfigured;
  const withDb = async <T>(ctx: CommandContext, fn: (db: Db, progress: Progress) => Promise<T>): Promise<T> => {
    const progress = createProgress(ctx.err);
    const db = await openDb(progress);
    try {
      return await fn(db, progress);
    } finally {
      await db.close();
    }
  };

  return [
    {
      name: 'services import',
      summary: 'Import services from a CSV or JSON file in the open 制度 layout (create or update by サービスID)',
      description:
        'JSON is an array of records or { "systemsData": [...] }; CSV has a header row of the layout columns. ' +
        'The file may be UTF-8 (BOM allowed) or Shift_JIS (CP932, as many spreadsheets save CSV); anything else is refused. ' +
        'Records whose content is unchanged are left alone, so importing the same file twice changes nothing. ' +
        'Each record is saved on its own; a bad row (a bad date, a NUL byte …) is listed with its row number and reason and the others are imported. Exit status 1 if any row was rejected.',
      args: 'FILE',
      options: {
        ...ownerOptions,
        'dry-run': { type: 'boolean', description: 'report what would be created, updated or rejected, and write nothing' },
        publish: { type: 'boolean', description: 'publish the services this import creates (default: drafts)' },
      },
      async run(ctx) {
        const file = ctx.positionals[0];
        if (!file || ctx.positionals.length > 1) throw new UsageError('give one FILE');
        if ((typeof ctx.values.municipality === 'string') === (ctx.values.national === true)) throw new UsageError('give either --municipality CODE or --national');
        let content: Buffer;
        try {
          // Bytes, not text: the import decides between UTF-8 and Shift_JIS (CP932), or refuses.
          content = await readFile(file);
        } catch (error) {
          throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
        }
        let records: unknown[];
        try {
          records = parseRecordsFile(content, file.toLowerCase().endsWith('.csv') ? 'csv' : undefined);
        } catch (error) {
          if (!isAppError(error)) throw error;
          ctx.err.write(`onestop services import: ${error.message}\n`);
          return 1;
        }
        return withDb(ctx, async (db, progress) => {
          const writer = await writerFrom(ctx, db);
          const dryRun = ctx.values['dry-run'] === true;
          const report = await progress.step(
            `${dryRun ? 'Checking' : 'Importing'} ${records.length} records`,
            () =>
              importServices({ db }, writer, {
                records,
                dryRun,
                publish: ctx.values.publish === true,
                onProgress: (done, total) => {
                  if (done % 100 === 0 && done < total) progress.detail(`${done}/${total} records`);
                },
              }),
            (r) => `${r.created} ${dryRun ? 'to create' : 'created'}, ${r.updated} ${dryRun ? 'to update' : 'updated'}, ${r.unchanged} unchanged, ${r.rejected.length} rejected`,
          );
          printReport(report, ctx.out);
          return report.rejected.length > 0 ? 1 : 0;
        });
      },
    },
    {
      name: 'services export',
      summary: 'Export services in the open 制度 layout (what `services import` reads back unchanged)',
      options: {
        ...ownerOptions,
        format: { type: 'string', valueName: 'csv|json', description: 'file format (default json)' },
        out: { type: 'string', valueName: 'FILE', description: 'write here (default stdout)' },
      },
      async run(ctx) {
        const format = (ctx.values.format ?? 'json') as FileFormat;
        if (format !== 'csv' && format !== 'json') throw new UsageError('--format must be csv or json');
        if ((typeof ctx.values.municipality === 'string') === (ctx.values.national === true)) throw new UsageError('give either --municipality CODE or --national');
        return withDb(ctx, async (db, progress) => {
          const writer = await writerFrom(ctx, db);
          const file = await progress.step('Exporting services', () => exportServices({ db }, writer, { format }), (f) => `${f.count} services`);
          const out = ctx.values.out;
          if (typeof out === 'string' && out !== '') await writeFile(out, file.body);
          else ctx.out.write(file.body);
          return 0;
        });
      },
    },
  ];
}

export const servicesCommands: Command[] = createServicesCommands();
