// `onestop evidence witness`: anyone — the national side, a municipality — watches a platform's
// evidence log from outside with the log's published verifier key. Observations go to the database
// this installation is configured with, so the admin page and /metrics of that installation show them.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from '../../platform/cli/command.ts';
import { UsageError } from '../../platform/cli/command.ts';
import { loadConfig } from '../../platform/config.ts';
import { migrateDatabase, openConfiguredDatabase } from '../../platform/db/configured.ts';
import { createProgress } from '../../platform/progress.ts';
import { nextLookIsFull } from './jobs/witness.ts';
import { witnessState } from './repository/witness.ts';
import { logKey, witnessOnce } from './witness.ts';

/** Exit codes of one look: scripts and cron can tell an alarm from a log that did not answer. */
export const WITNESS_EXIT = { ok: 0, alarm: 1, unreachable: 3 } as const;

export const witnessCommands: Command[] = [
  {
    name: 'evidence witness',
    summary: "Witness an evidence log: check its signed checkpoint, its consistency with the last one seen and its facts",
    description: [
      "Fetches the log's latest checkpoint from URL (the platform's address), checks its signature with KEY (the log's",
      'verifier key as its operator published it, not one the log serves), checks that the log only grew since the last',
      "verified look (RFC 9162 consistency proof), and re-hashes the new facts; the first look, every",
      'EVIDENCE_WITNESS_FULL_EVERY-th one, each one after an alarm and --full ones re-hash every fact from leaf 0.',
      'Each look is stored in the configured database (admin page /admin/evidence, onestop_evidence_witness_alarm on /metrics).',
      'Exit status of a single look: 0 verified, 1 alarm, 3 the log could not be reached.',
    ].join('\n'),
    options: {
      url: { type: 'string', valueName: 'URL', description: "the log's platform address, e.g. https://onestop.example.jp" },
      key: { type: 'string', valueName: 'VERIFIERKEY', description: "the log's verifier key: <name>+<key id>+<key>" },
      every: { type: 'string', valueName: 'SECONDS', description: 'keep looking every SECONDS (runs until stopped)' },
      full: { type: 'boolean', description: 'every look re-hashes all facts from leaf 0' },
    },
    async run(ctx) {
      const url = typeof ctx.values.url === 'string' ? ctx.values.url : undefined;
      const verifierKey = typeof ctx.values.key === 'string' ? ctx.values.key : undefined;
      if (!url || !/^https?:\/\/[^/]/.test(url)) throw new UsageError('--url is required: the http(s) address of the platform whose log to witness');
      if (!verifierKey) throw new UsageError("--key is required: the log's verifier key");
      let every: number | null = null;
      if (ctx.values.every !== undefined) {
        every = Number(ctx.values.every);
        if (!Number.isInteger(every) || every < 1) throw new UsageError('--every takes a whole number of seconds, at least 1');
      }
      const config = loadConfig();
      const fullEvery = config.evidence.witnessFullEvery;
      const db = await openConfiguredDatabase(config, createProgress(ctx.err, true));
      try {
        await migrateDatabase(db, createProgress(ctx.err, true));
        for (;;) {
          const state = await witnessState(db.kysely, logKey(url));
          const full = ctx.values.full === true || nextLookIsFull(state.looksSinceFull, fullEvery);
          const started = Date.now();
          const seen = await witnessOnce(db, { url, verifierKey, full });
          const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
          const at = seen.observedAt.toISOString();
          if (seen.status === 'ok') ctx.out.write(`${at} ok: ${seen.origin} size ${seen.size} verified (${seen.fullCheck ? 'every fact' : 'new facts'}, ${took})\n`);
          else ctx.out.write(`${at} ${seen.status === 'alarm' ? 'ALARM' : 'unreachable'}: ${seen.reason}\n`);
          if (every === null) return WITNESS_EXIT[seen.status];
          await sleep(every * 1000);
        }
      } finally {
        await db.close();
      }
    },
  },
];
