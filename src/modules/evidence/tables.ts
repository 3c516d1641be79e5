// The evidence module's tables as Kysely sees them (migrations/202612072000_create_evidence_log.ts).
// All four are append-only; facts are written only through the SQL function evidence_append.
import type { ColumnType, Generated } from 'kysely';
import type { FactKind } from './facts.ts';

export interface EvidenceFactTable {
  id: ColumnType<number, never, never>;
  /** The writing transaction's id (xid8, as text): with id, the order leaves are given in. */
  xid: ColumnType<string, never, never>;
  kind: FactKind;
  subject_id: string | null;
  /** The fact: RFC 8785 JSON text as UTF-8. */
  body: Uint8Array;
  /** SHA-256(0x00 ‖ body) (RFC 9162 leaf hash). */
  leaf_hash: Uint8Array;
  recorded_at: Generated<Date>;
}

export interface EvidenceLeafTable {
  leaf_index: number;
  fact_id: number;
}

export interface EvidenceNodeTable {
  /** 4, 8, 12, …: the height of the complete subtree. */
  level: number;
  idx: number;
  hash: Uint8Array;
}

export interface EvidenceHeadTable {
  size: number;
  root: Uint8Array;
  /** The right edge's perfect subtree hashes, concatenated, largest first. */
  frontier: Uint8Array;
  cursor_xid: string;
  cursor_id: number;
  created_at: Generated<Date>;
}

export interface EvidenceTables {
  evidence_facts: EvidenceFactTable;
  evidence_leaves: EvidenceLeafTable;
  evidence_nodes: EvidenceNodeTable;
  evidence_heads: EvidenceHeadTable;
}

// These tables join the platform's Database type from here: the platform names no module.
declare module '../../platform/db/tables.ts' {
  interface Database extends EvidenceTables {}
}
