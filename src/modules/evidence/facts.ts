// Facts: the small canonical (RFC 8785) documents the evidence log holds, one per legal fact.
//
// The database builds and stores them (evidence_append, migrations/202612072000_create_evidence_log.ts)
// so that triggers can append them in the very statement that records the state change. Version 1:
//
//   {"details":{…codes…},"digests":{…lower-case hex SHA-256…},"ids":{…},"kind":"application.arrived",
//    "mode":"live","municipality":"131016","time":"2026-12-07T21:51:06.123456Z","v":1}
//
// No personal data, ever: only codes, ids and digests, so a fact and its proofs can be shown to
// anyone. `time` is the database clock in UTC with six fractional digits.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/tables.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { insertFacts, type FactRow } from './repository/log.ts';

export const FACT_KINDS = [
  'application.arrived',
  'application.downloaded',
  'application.status-changed',
  'application.replied',
  'application.signature-checked',
  'notice.delivered',
  'notice.read',
  'notice.replied',
  'consent.given',
  'consent.withdrawn',
  'record.provided',
  'record.corrected',
] as const;

export type FactKind = (typeof FACT_KINDS)[number];

export type FactMode = 'live' | 'test';

/** A fact as parsed from its canonical text (version 1). */
export interface Fact {
  v: 1;
  kind: FactKind;
  municipality: string;
  mode: FactMode;
  /** RFC 3339 UTC with microseconds, e.g. 2026-12-07T21:51:06.123456Z. */
  time: string;
  ids: Record<string, string | number>;
  digests: Record<string, string>;
  details: Record<string, string | number>;
}

/** What a repository appends inside its own transaction (see appendFact). */
export interface NewFact {
  kind: FactKind;
  municipality: string;
  mode: FactMode;
  /** Defaults to the database clock (clock_timestamp()) when the fact is written. */
  at?: Date;
  /** The row the fact is about (an application, a notice…): findFact looks facts up by it. */
  subject?: string | null;
  /** Ids and reference codes, never names. Null members are left out. */
  ids: Record<string, string | number | null | undefined>;
  /** Lower-case hex SHA-256 of the bytes the fact speaks of. Null members are left out. */
  digests: Record<string, string | null | undefined>;
  /** Codes only (a status, a method, an actor kind). Null members are left out. */
  details: Record<string, string | number | null | undefined>;
}

export type Executor = Kysely<Database> | Transaction<Database>;

const MUNICIPALITY = /^[0-9]{6}$/;
const DIGEST = /^[0-9a-f]{64}$/;
// The same shapes the database checks (evidence_append_batch): identifier keys, short strings or
// safe integers, digests in lower-case hex.
const KEY = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function flat<T extends string | number>(record: Record<string, T | null | undefined>, what: string, check: (value: T) => boolean): string {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === null || value === undefined) continue;
    if (!KEY.test(key)) throw new TypeError(`a fact's ${what} key must be an identifier (${JSON.stringify(key)})`);
    if (!check(value)) throw new TypeError(`the fact's ${what}.${key} is not allowed`);
    out[key] = value;
  }
  // RFC 8785: for these keys (ASCII) the sort is by code unit, as JavaScript sorts.
  return canonicalJson(out);
}

const codeOrId = (value: string | number) => (typeof value === 'string' ? value.length <= 200 : Number.isSafeInteger(value));
const isDigest = (value: string) => typeof value === 'string' && DIGEST.test(value);

function rowOf(fact: NewFact): FactRow {
  if (!(FACT_KINDS as readonly string[]).includes(fact.kind)) throw new TypeError(`unknown fact kind ${fact.kind}`);
  if (!MUNICIPALITY.test(fact.municipality)) throw new TypeError('a fact names its municipality by its 6-digit code');
  if (fact.mode !== 'live' && fact.mode !== 'test') throw new TypeError('a fact is live or test');
  return {
    kind: fact.kind,
    municipality: fact.municipality,
    mode: fact.mode,
    at: fact.at ?? null,
    subject: fact.subject ?? null,
    ids: flat(fact.ids, 'ids', codeOrId),
    digests: flat(fact.digests, 'digests', isDigest),
    details: flat(fact.details, 'details', codeOrId),
  };
}

/**
 * Appends a fact in the caller's transaction, so the fact exists exactly when the state change it
 * records commits. Works in scoped (tenant) transactions: the database function writes as the owner.
 * Returns the fact's id (its leaf index comes later, from the sequencer).
 */
export async function appendFact(db: Executor, fact: NewFact): Promise<number> {
  const [id] = await insertFacts(db, [rowOf(fact)]);
  return id!;
}

/** Appends several facts in one statement (in this order), in the caller's transaction. */
export async function appendFacts(db: Executor, facts: readonly NewFact[]): Promise<number[]> {
  return insertFacts(db, facts.map(rowOf));
}
