// Dispatches `onestop <command words> [options]` to a Command, with --help at every level.
import { parseArgs } from 'node:util';
import { ConfigError } from '../config.ts';
import { UsageError, type Command, type OptionSpec } from './command.ts';

function formatOptions(options: Record<string, OptionSpec>): string {
  const rows = Object.entries(options).map(([name, o]) => {
    const left = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
    return [left, `${o.description}${o.multiple ? ' (repeatable)' : ''}`] as const;
  });
  const width = Math.max(0, ...rows.map(([l]) => l.length)) + 2;
  return rows.map(([l, r]) => `  ${l.padEnd(width)}${r}`).join('\n');
}

export function commandHelp(command: Command): string {
  const options = { ...command.options, help: { type: 'boolean', description: 'show this help' } as OptionSpec };
  return [
    `Usage: onestop ${command.name}${command.args ? ` ${command.args}` : ''} [options]`,
    '',
    command.summary,
    ...(command.description ? ['', command.description] : []),
    '',
    'Options:',
    formatOptions(options),
    '',
  ].join('\n');
}

export function overallHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'Usage: onestop <command> [options]',
    '',
    'Kosodate One-Stop: the childcare one-stop service platform.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Run `onestop <command> --help` for the options of a command.',
    '',
  ].join('\n');
}

/** Finds the command whose words start argv (longest match first). */
function match(commands: Command[], argv: string[]): { command: Command; rest: string[] } | null {
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(words.length) };
  }
  return null;
}

export async function runCli(
  commands: Command[],
  argv: string[],
  io: { out: NodeJS.WritableStream; err: NodeJS.WritableStream } = { out: process.stdout, err: process.stderr },
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out.write(overallHelp(commands));
    return 0;
  }
  const found = match(commands, argv);
  if (!found) {
    // A group word alone (`onestop test-card`) lists its subcommands.
    const group = commands.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length > 0) {
      io.out.write(overallHelp(group));
      return argv.includes('--help') ? 0 : 2;
    }
    io.err.write(`onestop: unknown command "${argv[0]}"\n\n${overallHelp(commands)}`);
    return 2;
  }
  const { command, rest } = found;
  const options = { ...(command.options ?? {}), help: { type: 'boolean' as const, short: 'h', description: 'show this help' } };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (error) {
    io.err.write(`onestop ${command.name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out.write(commandHelp(command));
    return 0;
  }
  try {
    return await command.run({ values: parsed.values, positionals: parsed.positionals, out: io.out, err: io.err });
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) {
      io.err.write(`onestop ${command.name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
