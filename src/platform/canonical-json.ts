// RFC 8785 (JSON Canonicalization Scheme) for the documents residents sign, built on the engine's own
// JSON.stringify: JCS is JSON.stringify's string and number forms with object members sorted by
// UTF-16 code units, so a copy with sorted members serialises to the canonical bytes in one native
// pass. The `canonicalize` package builds the text by string concatenation, value by value; on the
// submit path that was a tenth of the request's allocations. Values a sorted copy cannot carry
// faithfully — integer-like member names (the engine orders them numerically), `__proto__`, objects
// with toJSON, non-finite numbers, lone surrogates — go to the package, which stays the reference
// (the test holds both to the same bytes).
import canonicalize from 'canonicalize';

const INTEGER_LIKE = /^(?:0|[1-9][0-9]*)$/;
const UNUSUAL = Symbol('unusual');

function wellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

function sortedCopy(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      if (!wellFormed(value)) throw UNUSUAL;
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw UNUSUAL;
      return value;
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      // undefined, functions, symbols and bigints: the package's handling is the reference.
      throw UNUSUAL;
  }
  if (value === null) return null;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw UNUSUAL;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = value[i] === undefined ? null : sortedCopy(value[i]);
    return out;
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) {
    if (INTEGER_LIKE.test(key) || key === '__proto__' || !wellFormed(key)) throw UNUSUAL;
    const member = record[key];
    if (member !== undefined) out[key] = sortedCopy(member);
  }
  return out;
}

/** The RFC 8785 text of a JSON value. Throws on what JSON cannot hold (NaN, cycles, lone surrogates). */
export function canonicalJson(value: unknown): string {
  let copy: unknown;
  try {
    copy = sortedCopy(value);
  } catch (error) {
    if (error !== UNUSUAL) throw error;
    const text = canonicalize(value);
    if (text === undefined) throw new RangeError('the value is not serialisable as JSON', { cause: error });
    return text;
  }
  return JSON.stringify(copy);
}
