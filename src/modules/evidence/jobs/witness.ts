// The witness job: looks at every log in EVIDENCE_WITNESS (the national side watches the platform's
// own log from outside; a municipality's node can watch it too). pg-boss's cron has minute
// granularity, so the job runs every minute and keeps EVIDENCE_WITNESS_INTERVAL_S as well as that
// allows: a longer interval skips the minutes in between (by the age of the log's latest look, so
// every node agrees), a shorter one looks several times within the minute. Every
// EVIDENCE_WITNESS_FULL_EVERY-th look at a log re-reads all its facts from leaf 0.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../../../platform/db/index.ts';
import { defineJob, type JobDefinition } from '../../../platform/jobs/index.ts';
import { witnessState } from '../repository/witness.ts';
import { logKey, witnessOnce } from '../witness.ts';

export const WITNESS_JOB_NAME = 'evidence.witness';

export interface WitnessedLog {
  url: string;
  verifierKey: string;
}

export interface WitnessSchedule {
  logs: readonly WitnessedLog[];
  /** EVIDENCE_WITNESS_INTERVAL_S. */
  intervalSeconds: number;
  /** EVIDENCE_WITNESS_FULL_EVERY: 1 makes every look full. */
  fullEvery: number;
  fetch?: typeof globalThis.fetch;
}

/** Whether the next look at a log re-reads everything: every fullEvery-th look. */
export function nextLookIsFull(looksSinceFull: number, fullEvery: number): boolean {
  return looksSinceFull + 1 >= Math.max(1, fullEvery);
}

// A cron run starts a few seconds after the minute; a look "60 s ago" may be 58 s old.
const SLACK_MS = 5_000;
const MINUTE_MS = 60_000;

/** One round over the logs that are due; returns how many were looked at. */
export async function witnessDueLogs(db: Db, schedule: WitnessSchedule, log: (level: 'info' | 'warn' | 'error', message: string, data: object) => void): Promise<number> {
  let looked = 0;
  for (const target of schedule.logs) {
    const state = await witnessState(db.kysely, logKey(target.url));
    if (state.latestAt && Date.now() - state.latestAt.getTime() < schedule.intervalSeconds * 1000 - SLACK_MS) continue;
    const full = nextLookIsFull(state.looksSinceFull, schedule.fullEvery);
    const seen = await witnessOnce(db, { ...target, full, ...(schedule.fetch ? { fetch: schedule.fetch } : {}) });
    looked++;
    const data = { log: seen.logUrl, size: seen.size, full: seen.fullCheck, status: seen.status, reason: seen.reason };
    if (seen.status === 'alarm') log('error', 'evidence log witness ALARM', data);
    else if (seen.status === 'unreachable') log('warn', 'evidence log unreachable for the witness', data);
    else log('info', 'evidence log witnessed', data);
  }
  return looked;
}

export function witnessJob(db: Db, schedule: WitnessSchedule): JobDefinition<Record<string, never>> {
  return defineJob<Record<string, never>>({
    name: WITNESS_JOB_NAME,
    version: 1,
    cron: '* * * * *',
    // The next minute's run is the retry.
    retryLimit: 0,
    // A full look at a large log reads every fact: give it time before it counts as dead.
    expireInSeconds: 30 * 60,
    async handler(_data, context) {
      if (schedule.logs.length === 0) return;
      const started = Date.now();
      const log = (level: 'info' | 'warn' | 'error', message: string, data: object) => context.logger[level](data, message);
      await witnessDueLogs(db, schedule, log);
      // An interval under a minute: more rounds inside this run, while they still fit in it.
      const interval = schedule.intervalSeconds * 1000;
      while (interval < MINUTE_MS && Date.now() - started + interval < MINUTE_MS) {
        await sleep(interval);
        await witnessDueLogs(db, schedule, log);
      }
    },
  });
}
