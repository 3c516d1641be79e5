// Issue 11 point 12: an application's status never moves without its timeline event. The use cases
// move it through moveApplicationStatus (status and event in one statement); anything else that
// changes the status without an event in the same transaction is refused by the database at commit.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { ensureNationalProcedures } from '../catalogue/index.ts';
import { ensureMunicipalityMaster } from '../municipalities/index.ts';
import { changeApplicationStatus } from './handle-application.ts';
import { moveApplicationStatus } from './repository.ts';
import { arrivedApplication } from './testing.ts';
import { withdrawApplication } from './withdraw-application.ts';

describeOnDatabases('the status history', (ctx) => {
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalProcedures(ctx.db.kysely);
  });
  const statusOf = async (id: string) => (await ctx.db.kysely.selectFrom('applications').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
  const eventsOf = async (id: string) =>
    (await ctx.db.kysely.selectFrom('application_events').select(['kind', 'status']).where('application_id', '=', id).orderBy('id').execute()).map((e) => `${e.kind}:${e.status ?? ''}`);

  test('given an arrived application, when its status is updated directly without an event, then the database refuses at commit and nothing changes', async () => {
    const { applicationId } = await arrivedApplication({ db: ctx.db });
    await assert.rejects(sql`update applications set status = 'received' where id = ${applicationId}`.execute(ctx.db.kysely), /status changes only with its timeline event/);
    await assert.rejects(
      ctx.db.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('applications').set({ status: 'accepted', status_changed_at: new Date() }).where('id', '=', applicationId).execute();
        // An event for another status does not count.
        await trx.insertInto('application_events').values({ application_id: applicationId, municipality_code: '131130', kind: 'received', status: 'received', actor_kind: 'staff', actor_id: 'x' }).execute();
      }),
      /status changes only with its timeline event/,
    );
    assert.equal(await statusOf(applicationId), 'arrived');
    assert.deepEqual(await eventsOf(applicationId), ['arrived:arrived']);
  });

  test('given an application, when a status moves through moveApplicationStatus, then its event is written with it; from a status not allowed, nothing is written', async () => {
    const { applicationId } = await arrivedApplication({ db: ctx.db });
    const refused = await moveApplicationStatus(ctx.db.kysely, { applicationId, from: ['in_review'], to: 'accepted', event: { kind: 'accepted', actorKind: 'staff', actorId: 's' } });
    assert.equal(refused, null);
    const moved = await moveApplicationStatus(ctx.db.kysely, { applicationId, from: ['arrived'], to: 'received', event: { kind: 'received', actorKind: 'staff', actorId: 's', message: '受け付けました' } });
    assert.equal(moved?.status, 'received');
    assert.equal(await statusOf(applicationId), 'received');
    assert.deepEqual(await eventsOf(applicationId), ['arrived:arrived', 'received:received']);
  });

  test('given the use cases that move a status (staff handling, withdrawal), then each change has exactly one event with the new status', async () => {
    const { applicationId, residentId } = await arrivedApplication({ db: ctx.db });
    const staff = { staffId: 'staff-1', scope: { kind: 'municipality' as const, municipalityCode: '131130' } };
    await changeApplicationStatus({ db: ctx.db }, staff, { applicationId, status: 'received' });
    await withdrawApplication({ db: ctx.db }, { residentId, applicationId, reason: '不要になりました' });
    assert.deepEqual(await eventsOf(applicationId), ['arrived:arrived', 'received:received', 'withdrawn:withdrawn']);
  });
});
