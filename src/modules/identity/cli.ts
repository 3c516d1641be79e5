// `onestop identity …`: platform operations of the identity module.
import type { Command } from '../../platform/cli/command.ts';
import { loadConfig } from '../../platform/config.ts';
import { migrateDatabase, openConfiguredDatabase } from '../../platform/db/configured.ts';
import { createProgress } from '../../platform/progress.ts';
import { rotateAgencyKey } from './agency-codes.ts';

export const identityCommands: Command[] = [
  {
    name: 'identity rotate-agency-key',
    summary: 'Start a new key version for agency-specific codes (new links use it; existing codes keep resolving)',
    description:
      'Agency-specific codes are HMAC-SHA256 of the agency and the resident under a platform key. Rotating makes a new random key for the links made from now on and retires the older versions for new links; codes already given to municipalities are stored and never change.',
    async run(ctx) {
      const config = loadConfig();
      const quiet = createProgress(ctx.err, true);
      const db = await openConfiguredDatabase(config, quiet);
      try {
        await migrateDatabase(db, quiet);
        const version = await rotateAgencyKey(db.kysely);
        ctx.out.write(`agency-code key version ${version} is now used for new links; older versions keep resolving\n`);
        return 0;
      } finally {
        await db.close();
      }
    },
  },
];
