// The `onestop` command line.
import { platformCommands } from './commands.ts';
import { runCli } from './platform/cli/run.ts';
import type { Command } from './platform/cli/command.ts';
import { identityCommands } from './modules/identity/index.ts';
import { servicesCommands } from './modules/catalogue/index.ts';
import { signatureCommands } from './modules/signatures/index.ts';
import { evidenceCommands } from './modules/evidence/index.ts';

export const commands: Command[] = [...platformCommands, ...signatureCommands, ...identityCommands, ...servicesCommands, ...evidenceCommands];

try {
  const code = await runCli(commands, process.argv.slice(2));
  if (code !== 0) process.exitCode = code;
} catch (error) {
  process.stderr.write(`onestop: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
