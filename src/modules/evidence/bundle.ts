// The proof bundle (R18): everything needed to check one fact offline, in one JSON file — the fact,
// its leaf index, the inclusion proof up to a signed checkpoint, and the key that signed it. The
// receipt's download and a municipality's package carry it; `onestop evidence verify`,
// verifyBundle and tools/verify-evidence.mjs check it (docs/evidence.md says how).
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

export const BUNDLE_FORMAT = 'kosodate-onestop/evidence-bundle/v1';
/** A bundle is a few kilobytes; a larger file is not one. */
export const MAX_BUNDLE_BYTES = 256 * 1024;

const Base64Hash = Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$', description: 'base64 of a 32-byte SHA-256 hash' });

export const EvidenceBundleSchema = Type.Object(
  {
    format: Type.Literal(BUNDLE_FORMAT),
    fact: Type.String({ minLength: 2, maxLength: 65536, description: 'the fact: UTF-8 JSON text in RFC 8785 canonical form, exactly as logged' }),
    leafIndex: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: "the fact's leaf index (0-based)" }),
    treeSize: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: "the size of the checkpoint's tree" }),
    inclusionProof: Type.Array(Base64Hash, { maxItems: 64, description: 'RFC 9162 §2.1.3.1 PATH, from the leaf up' }),
    checkpoint: Type.String({ maxLength: 65536, description: 'the C2SP signed note of the checkpoint, exactly as signed' }),
    verifierKey: Type.String({ maxLength: 400, description: "the platform's verifier key: <name>+<key id>+<base64 key>" }),
  },
  { additionalProperties: false, description: 'An evidence proof bundle (docs/evidence.md)' },
);

export type EvidenceBundle = Static<typeof EvidenceBundleSchema>;

/** A fact, version 1, as a verifier reads it (design §1; the SQL function builds it). */
export interface EvidenceFact {
  v: 1;
  kind: string;
  municipality: string;
  mode: 'live' | 'test';
  /** The database clock, RFC 3339 UTC with 6 fractional digits. */
  time: string;
  ids: Record<string, string>;
  digests: Record<string, string>;
  details: Record<string, string>;
}

export class BundleFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BundleFormatError';
  }
}

/** A parsed JSON value checked against the bundle schema; throws BundleFormatError naming the first problem. */
export function checkBundle(value: unknown): EvidenceBundle {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BundleFormatError('the bundle is not a JSON object');
  const format = (value as { format?: unknown }).format;
  if (format !== BUNDLE_FORMAT) {
    throw new BundleFormatError(`not an evidence bundle: "format" must be "${BUNDLE_FORMAT}" (got ${JSON.stringify(format)?.slice(0, 80) ?? 'nothing'})`);
  }
  const unknown = Object.keys(value).filter((k) => !Object.hasOwn(EvidenceBundleSchema.properties, k));
  if (unknown.length > 0) throw new BundleFormatError(`the bundle has unknown members: ${unknown.slice(0, 5).map((k) => JSON.stringify(k.slice(0, 40))).join(', ')}`);
  if (Value.Check(EvidenceBundleSchema, value)) return value;
  for (const error of Value.Errors(EvidenceBundleSchema, value)) {
    throw new BundleFormatError(`the bundle is malformed at ${error.instancePath || '/'}: ${error.message}`);
  }
  throw new BundleFormatError('the bundle is malformed');
}

/** Reads a bundle file's text (or bytes); throws BundleFormatError with a reason a person can act on. */
export function parseBundle(json: string | Uint8Array): EvidenceBundle {
  if (json.length > MAX_BUNDLE_BYTES) throw new BundleFormatError(`the bundle is larger than ${MAX_BUNDLE_BYTES} bytes`);
  let text: string;
  if (typeof json === 'string') text = json;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(json);
    } catch {
      throw new BundleFormatError('the bundle is not UTF-8 text');
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BundleFormatError(`the bundle is not JSON: ${(error as Error).message}`);
  }
  return checkBundle(value);
}
