// The platform's own commands: start, worker, migrate, seed. They start the app, so they live
// beside it, not in platform/ (issue #11, point 10).
import { prepareDatabase } from './bootstrap.ts';
import type { Command, CommandContext, OptionSpec } from './platform/cli/command.ts';
import { loadConfig, describeSettings, type Config } from './platform/config.ts';
import { openConfiguredDatabase } from './platform/db/configured.ts';
import { createProgress } from './platform/progress.ts';

/** Flags that set configuration, named after their environment variables. */
const SETTING_FLAGS: Record<string, OptionSpec & { setting: string }> = {
  port: { type: 'string', valueName: 'N', setting: 'PORT', description: 'port to listen on (env PORT, default 3000)' },
  host: { type: 'string', valueName: 'ADDR', setting: 'HOST', description: 'address to listen on (env HOST, default 127.0.0.1)' },
  'database-url': { type: 'string', valueName: 'URL', setting: 'DATABASE_URL', description: 'PostgreSQL instead of the embedded database (env DATABASE_URL)' },
  'data-dir': { type: 'string', valueName: 'DIR', setting: 'DATA_DIR', description: 'where the embedded database keeps its files (env DATA_DIR, default ./data)' },
  memory: { type: 'boolean', setting: 'MEMORY', description: 'keep the embedded database in memory: a throwaway run' },
  'log-level': { type: 'string', valueName: 'LEVEL', setting: 'LOG_LEVEL', description: 'fatal, error, warn, info, debug, trace or silent (env LOG_LEVEL)' },
};

function pickFlags(names: string[]): Record<string, OptionSpec> {
  return Object.fromEntries(names.map((n) => [n, SETTING_FLAGS[n]!]));
}

function configFrom(ctx: CommandContext): Config {
  const flags: Record<string, string | boolean> = {};
  for (const [name, spec] of Object.entries(SETTING_FLAGS)) {
    const value = ctx.values[name];
    if (typeof value === 'string' || typeof value === 'boolean') flags[spec.setting] = value;
  }
  if (ctx.values['no-demo'] === true) flags.DEMO = false;
  if (ctx.values['no-jobs'] === true) flags.RUN_JOBS = false;
  return loadConfig(process.env, flags);
}

const settingsHelp = `Every option can also be set in the environment. All settings:\n${describeSettings()
  .map((s) => `  ${s.name.padEnd(16)}${s.description}${s.default === undefined ? '' : ` (default ${JSON.stringify(s.default)})`}`)
  .join('\n')}`;

export const platformCommands: Command[] = [
  {
    name: 'start',
    summary: 'Start the platform: migrations, demo data, job worker and the web server',
    description: settingsHelp,
    options: {
      ...pickFlags(['port', 'host', 'database-url', 'data-dir', 'memory', 'log-level']),
      'no-demo': { type: 'boolean', description: 'do not load demo data' },
      'no-jobs': { type: 'boolean', description: 'do not work the job queue in this process (run `onestop worker` elsewhere)' },
    },
    async run(ctx) {
      const { startServer } = await import('./server.ts');
      await startServer(configFrom(ctx), ctx.out);
      return new Promise<number>(() => {}); // runs until a signal ends the process
    },
  },
  {
    name: 'worker',
    summary: 'Work the job queue only (no web server); any number may run against one database',
    description: settingsHelp,
    options: pickFlags(['database-url', 'data-dir', 'log-level']),
    async run(ctx) {
      const { startWorker } = await import('./worker.ts');
      await startWorker(configFrom(ctx));
      return new Promise<number>(() => {});
    },
  },
  {
    name: 'migrate',
    summary: 'Apply database migrations and load the municipality master, then exit',
    options: pickFlags(['database-url', 'data-dir', 'log-level']),
    async run(ctx) {
      const progress = createProgress(ctx.err);
      const db = await openConfiguredDatabase(configFrom(ctx), progress);
      try {
        await prepareDatabase(db, progress);
      } finally {
        await db.close();
      }
      return 0;
    },
  },
  {
    name: 'seed',
    summary: 'Load the demo data (idempotent), then exit',
    options: pickFlags(['database-url', 'data-dir', 'log-level']),
    async run(ctx) {
      const { seedDemo } = await import('./demo/seed.ts');
      const progress = createProgress(ctx.err);
      const config = configFrom(ctx);
      const db = await openConfiguredDatabase(config, progress);
      try {
        await prepareDatabase(db, progress);
        await progress.step(
          'Loading demo data',
          () => seedDemo(db, { publicUrl: config.publicUrl }),
          (r) => `${r.municipalities} municipalities, ${r.testCards} test cards, ${r.staffAccounts} staff accounts, ${r.apiClients} API clients, ${r.services} services`,
        );
      } finally {
        await db.close();
      }
      return 0;
    },
  },
];
