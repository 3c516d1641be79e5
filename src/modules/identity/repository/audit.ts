// The security audit log: insert-only (the table refuses updates and deletes).
import type { Kysely, Transaction } from 'kysely';
import type { AuditActorKind, Database } from '../../../platform/db/tables.ts';

export interface AuditEventInput {
  municipalityCode: string | null;
  actorKind: AuditActorKind;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  outcome: 'success' | 'failure';
  target?: string | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
  ip?: string | null;
}

export async function insertAuditEvent(db: Kysely<Database> | Transaction<Database>, e: AuditEventInput): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      municipality_code: e.municipalityCode,
      actor_kind: e.actorKind,
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      action: e.action,
      outcome: e.outcome,
      target: e.target ?? null,
      details: JSON.stringify(e.details ?? {}),
      request_id: e.requestId ?? null,
      ip: e.ip ?? null,
    })
    .execute();
}

export interface AuditQuery {
  action?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Inside a scoped transaction: row-level security decides whose events are visible. */
export async function selectAuditEvents(trx: Transaction<Database>, q: AuditQuery) {
  let base = trx.selectFrom('audit_events');
  if (q.action) base = base.where('action', '=', q.action);
  if (q.from) base = base.where('at', '>=', q.from);
  if (q.to) base = base.where('at', '<', q.to);
  const [items, count] = await Promise.all([
    base.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(count.n), items };
}
