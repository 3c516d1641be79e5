// Request and response schemas of the evidence log's public API. Every number is bounded: sizes
// and indexes are JavaScript-safe integers (the tree's arithmetic is exact up to 2^53).
import { Type } from 'typebox';

const Index = (description: string) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });
const Base64Hash = Type.String({ description: 'a SHA-256 hash, base64', pattern: '^[A-Za-z0-9+/]{43}=$' });

export const CheckpointsQuery = Type.Object({
  from: Type.Optional(Index('the smallest tree size to list (default 0)')),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'at most this many (default 100)' })),
});

export const CheckpointList = Type.Object({
  items: Type.Array(
    Type.Object({
      size: Type.Integer({ description: 'tree size' }),
      root: Base64Hash,
      time: Type.String({ format: 'date-time', description: 'the time the checkpoint claims (whole seconds, UTC)' }),
      note: Type.String({ description: 'the signed checkpoint, exactly as served at /api/v1/evidence/checkpoint then' }),
    }),
  ),
});

export const InclusionQuery = Type.Object({
  leaf: Index('the leaf index of the fact'),
  size: Index('the tree size, e.g. a checkpoint’s'),
});

export const InclusionProof = Type.Object({
  leafIndex: Type.Integer(),
  treeSize: Type.Integer(),
  proof: Type.Array(Base64Hash, { description: 'RFC 9162 §2.1.3 inclusion proof, nearest the leaf first' }),
});

export const ConsistencyQuery = Type.Object({
  from: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'the older tree size' }),
  to: Index('the newer tree size'),
});

export const ConsistencyProof = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  proof: Type.Array(Base64Hash, { description: 'RFC 9162 §2.1.4 consistency proof' }),
});

export const FactsQuery = Type.Object({
  start: Index('the first leaf index'),
  end: Index('one past the last leaf index (at most start + 10000)'),
});

export const FactList = Type.Object({
  items: Type.Array(
    Type.Object({
      leafIndex: Type.Integer(),
      fact: Type.String({ description: 'the fact, RFC 8785 canonical JSON; its leaf hash is SHA-256(0x00 ‖ UTF-8 bytes)' }),
    }),
  ),
});

export const KeyList = Type.Object({
  origin: Type.String({ description: 'the log’s name: the first line of its checkpoints and its keys’ name' }),
  keys: Type.Array(
    Type.Object({
      verifierKey: Type.String({ description: 'signed-note verifier key: <name>+<key id>+<base64 of 0x01 and the Ed25519 public key>' }),
      current: Type.Boolean({ description: 'signs new checkpoints (false: retired, kept for older ones)' }),
    }),
  ),
});
