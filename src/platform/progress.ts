// Progress of long-running CLI work, on stderr so stdout stays clean for results.
export interface Progress {
  /** Runs one step, printing its name, then its outcome and duration. */
  step<T>(label: string, fn: () => Promise<T>, describe?: (result: T) => string): Promise<T>;
  /** A line of detail inside the current step (e.g. "3/12 applied"). */
  detail(text: string): void;
}

export function createProgress(stream: NodeJS.WritableStream = process.stderr, quiet = false): Progress {
  const tty = (stream as NodeJS.WriteStream).isTTY === true;
  const write = (text: string) => {
    if (!quiet) stream.write(text);
  };
  return {
    async step(label, fn, describe) {
      const started = performance.now();
      write(tty ? `  … ${label}` : `  … ${label}\n`);
      try {
        const result = await fn();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const outcome = describe ? ` — ${describe(result)}` : '';
        write(`${tty ? '\r\x1b[2K' : ''}  ✓ ${label}${outcome} (${seconds} s)\n`);
        return result;
      } catch (error) {
        write(`${tty ? '\r\x1b[2K' : ''}  ✗ ${label}\n`);
        throw error;
      }
    },
    detail(text) {
      write(tty ? `\r\x1b[2K    ${text}` : `    ${text}\n`);
    },
  };
}
