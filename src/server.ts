// `onestop start`: the whole platform in one process (database, jobs, HTTP).
import { buildApp } from './app.ts';
import { seedDemo, DEMO_MUNICIPALITIES, DEMO_RESIDENTS, type DemoLogin } from './demo/seed.ts';
import { DEMO_STAFF_PASSWORD, DEMO_TOTP_SECRET, demoStaffAccounts } from './demo/seed-staff.ts';
import { allJobDefinitions } from './jobs.ts';
import type { Config } from './platform/config.ts';
import { createJobQueue } from './platform/jobs/index.ts';
import { createLogger } from './platform/logging.ts';
import { createProgress } from './platform/progress.ts';
import { prepareDatabase } from './bootstrap.ts';
import { openConfiguredDatabase } from './platform/db/configured.ts';
import { onShutdown } from './platform/runtime.ts';

export async function startServer(config: Config, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const progress = createProgress();
  const logger = createLogger(config.LOG_LEVEL);
  const db = await openConfiguredDatabase(config, progress);
  await prepareDatabase(db, progress);
  let logins: DemoLogin[] = [];
  if (config.demo) {
    const demo = await progress.step(
      'Loading demo data',
      () => seedDemo(db, { publicUrl: config.publicUrl }),
      (r) => `${r.municipalities} municipalities, ${r.testCards} test cards, ${r.staffAccounts} staff accounts, ${r.apiClients} API clients, ${r.services} services`,
    );
    logins = demo.logins.filter((l) => l.where !== 'test card' && l.where !== '/staff/login');
  }
  const jobs = createJobQueue(db, logger.child({ component: 'jobs' }), allJobDefinitions(db, config));
  await progress.step(config.RUN_JOBS ? 'Starting the job queue and its worker' : 'Starting the job queue', () =>
    jobs.start({ work: config.RUN_JOBS }),
  );
  const app = await buildApp({ config, db, jobs, logger });
  const address = await progress.step(`Listening on ${config.HOST}:${config.PORT}`, () =>
    app.listen({ port: config.PORT, host: config.HOST }),
  );
  onShutdown(logger, async () => {
    await app.close();
    await jobs.stop();
    await db.close();
  });
  const base = config.PUBLIC_URL ?? address.replace('127.0.0.1', 'localhost');
  out.write(banner(base, config, logins));
}

function banner(base: string, config: Config, logins: DemoLogin[]): string {
  const lines = [
    '',
    'Kosodate One-Stop is running.',
    '',
    `  Resident portal   ${base}/`,
    `  Staff console     ${base}/staff`,
    `  National admin    ${base}/admin`,
    `  API reference     ${base}/api/docs`,
    `  Health, metrics   ${base}/readyz  ${base}/metrics`,
    '',
  ];
  if (config.demo) {
    lines.push('Demo municipalities:');
    for (const m of DEMO_MUNICIPALITIES) lines.push(`  ${m.code}  ${m.name}  (${m.mode === 'live' ? 'live' : 'operational test'})`);
    lines.push('');
    lines.push('Demo residents and their test My Number Cards (TEST certificates, never real ones):');
    for (const r of DEMO_RESIDENTS) {
      const town = DEMO_MUNICIPALITIES.find((m) => m.code === r.municipalityCode)?.name ?? r.municipalityCode;
      lines.push(`  ${r.resident.name}  ${town}  card ${r.cardId}  login PIN ${r.authenticationPin}  signing PIN ${r.signaturePin}`);
    }
    lines.push(`  Try a card: ${base}/pki/test/cards`);
    lines.push('');
    lines.push(`Demo staff (sign in at ${base}/staff/login):`);
    for (const a of demoStaffAccounts()) {
      lines.push(`  ${a.loginId.padEnd(18)} ${a.displayName}  ${a.roles.join(', ')}${a.totpSecret ? '  + one-time code' : ''}`);
    }
    lines.push(`  Password of every demo staff account: ${DEMO_STAFF_PASSWORD}`);
    lines.push(`  Administrators' authenticator secret (TOTP, add it to an authenticator app): ${DEMO_TOTP_SECRET}`);
    lines.push('');
    if (logins.length > 0) {
      lines.push('Demo API clients of existing systems (HTTP Basic: client id and secret):');
      for (const l of logins) lines.push(`  ${l.who}  ${l.login}  ${l.secret}`);
      lines.push('');
    }
  }
  lines.push(config.database.kind === 'pglite' && config.database.dataDir ? `Data is kept in ${config.database.dataDir}. Stop with Ctrl+C.` : 'Stop with Ctrl+C.', '');
  return lines.join('\n');
}
