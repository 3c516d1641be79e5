// The shape of an `onestop` subcommand. Modules contribute commands; src/cli.ts dispatches.
import type { ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>[string] & { description: string; valueName?: string };

export interface CommandContext {
  values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  positionals: string[];
  /** Where human-readable output goes (stdout); progress goes to stderr. */
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export interface Command {
  /** One or more words: 'start', 'test-card issue'. */
  name: string;
  summary: string;
  /** Positional arguments as shown in usage, e.g. 'FILE'. */
  args?: string;
  /** Longer help shown by `onestop NAME --help`. */
  description?: string;
  options?: Record<string, OptionSpec>;
  /** Resolves to the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}

/** An error that ends a command with a message and exit code 2 (bad usage) — not a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
