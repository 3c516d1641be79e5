// Writes a security event (logins, failures, lockouts, role and allow-list changes, secrets issued
// or rotated). Pass the use case's transaction so the event commits with the change it describes.
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import { insertAuditEvent } from './repository/audit.ts';
import { actorOf, type Principal } from './principal.ts';

export interface AuditEvent {
  municipalityCode: string | null;
  action: string;
  outcome?: 'success' | 'failure';
  target?: string | null;
  details?: Record<string, unknown>;
  /** Who did it; defaults to the request's principal. */
  actor?: Principal | null;
  /** For a failed sign-in: the login ID that was tried (staff IDs are not personal data of residents). */
  actorLabel?: string;
}

export async function recordAuditEvent(db: Kysely<Database> | Transaction<Database>, request: FastifyRequest | null, event: AuditEvent): Promise<void> {
  const actor = actorOf(event.actor !== undefined ? event.actor : (request?.principal ?? null));
  await insertAuditEvent(db, {
    municipalityCode: event.municipalityCode,
    actorKind: actor.kind,
    actorId: actor.id,
    actorLabel: event.actorLabel ?? actor.label,
    action: event.action,
    outcome: event.outcome ?? 'success',
    target: event.target ?? null,
    details: event.details ?? {},
    requestId: request?.id ?? null,
    ip: request?.ip ?? null,
  });
}
