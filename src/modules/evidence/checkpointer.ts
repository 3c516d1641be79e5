// The checkpointer: every job-running node (the server with RUN_JOBS, `onestop worker`) runs a
// round of checkpointOnce every EVIDENCE_CHECKPOINT_INTERVAL_MS. The job queue's cron cannot run
// every second, hence a timer; integration's advisory lock keeps one order of facts and the
// checkpoint lock one line of checkpoints, however many nodes run it.
import type { Logger } from 'pino';
import type { Db } from '../../platform/db/index.ts';
import { checkpointOnce, type CheckpointRound } from './checkpoint-once.ts';
import type { EvidenceKeys } from './keys.ts';

export interface Checkpointer {
  /** Stops the timer and waits for a round under way to end. */
  stop(): Promise<void>;
}

/** Pino's or Fastify's logger: what the checkpointer says. */
export type CheckpointerLogger = Pick<Logger, 'debug' | 'info' | 'error'>;

export interface CheckpointerOptions {
  db: Db;
  keys: EvidenceKeys;
  intervalMs: number;
  logger: CheckpointerLogger;
  /** Told of every round's outcome (tests). */
  onRound?: (outcome: CheckpointRound | Error) => void;
}

/** A failure repeats every interval while the database is away: say so once a minute, not every second. */
const REPEAT_LOG_MS = 60_000;

export function startCheckpointer(options: CheckpointerOptions): Checkpointer {
  const { db, keys, intervalMs, logger } = options;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  let failingSince: number | null = null;
  let lastLogged = 0;

  async function round(): Promise<void> {
    try {
      const outcome = await checkpointOnce(db, keys.signers, keys.origin);
      if (failingSince !== null) logger.info({ failedForMs: Date.now() - failingSince }, 'evidence checkpoints recovered');
      failingSince = null;
      if (outcome.checkpoint) logger.debug({ size: outcome.checkpoint.size, integrated: outcome.integrated }, 'evidence checkpoint signed');
      options.onRound?.(outcome);
    } catch (error) {
      const now = Date.now();
      failingSince ??= now;
      if (now - lastLogged >= REPEAT_LOG_MS) {
        lastLogged = now;
        // The message and SQLSTATE only, not under `err` (pino's serializer would add the stack): a
        // driver's error detail may quote row values.
        const { message, code } = error as Error & { code?: string };
        logger.error({ reason: message, code, failingForMs: now - failingSince }, 'evidence checkpoint failed');
      }
      options.onRound?.(error as Error);
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      running = round().finally(() => {
        running = null;
        schedule();
      });
    }, intervalMs);
    // The timer alone never keeps the process alive: shutdown stops it, and a CLI may just exit.
    timer.unref();
  }

  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}
