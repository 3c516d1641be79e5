// `onestop identity …`: platform operations of the identity module.
import type { Command } from '../../platform/cli/command.ts';
import { loadConfig } from '../../platform/config.ts';
import { migrateDatabase, openConfiguredDatabase } from '../../platform/db/configured.ts';
import { createProgress } from '../../platform/progress.ts';
import { UsageError } from '../../platform/cli/command.ts';
import { isAppError } from '../../platform/errors.ts';
import { rotateAgencyKey } from './agency-codes.ts';
import { registerResidentProxy } from './register-resident-proxy.ts';

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
  {
    name: 'identity register-proxy',
    summary: "Register a proxy whose signature a resident's account accepts (R17)",
    description:
      "A signed application must be signed with the account holder's own card (its signature certificate linked to the login certificate) or by a registered proxy. Name the proxy by their own account (--proxy-resident: any signature certificate linked to that account's login) or by one signature certificate's subject (--proxy-subject, as the validation report writes it). Their applications are then accepted and marked as signed by a proxy.",
    options: {
      resident: { type: 'string', valueName: 'ID', description: 'the account the proxy signs for (resident id)' },
      'proxy-resident': { type: 'string', valueName: 'ID', description: "the proxy's own account (resident id)" },
      'proxy-subject': { type: 'string', valueName: 'DN', description: "the proxy's signature certificate subject" },
      by: { type: 'string', valueName: 'NAME', description: 'who registers it (kept with the registration and in the audit log)' },
    },
    async run(ctx) {
      const text = (name: string) => (typeof ctx.values[name] === 'string' ? (ctx.values[name] as string) : undefined);
      const residentId = text('resident');
      const by = text('by');
      if (!residentId) throw new UsageError('--resident is required');
      if (!by) throw new UsageError('--by is required: who registers the proxy');
      const config = loadConfig();
      const quiet = createProgress(ctx.err, true);
      const db = await openConfiguredDatabase(config, quiet);
      try {
        await migrateDatabase(db, quiet);
        const result = await registerResidentProxy({ db }, { residentId, proxyResidentId: text('proxy-resident') ?? null, proxySubject: text('proxy-subject') ?? null, registeredBy: by });
        ctx.out.write(result.created ? `proxy ${result.id} registered for resident ${residentId}\n` : `this proxy was already registered for resident ${residentId}\n`);
        return 0;
      } catch (error) {
        if (!isAppError(error)) throw error;
        ctx.err.write(`${error.message}\n`);
        return 1;
      } finally {
        await db.close();
      }
    },
  },
];
