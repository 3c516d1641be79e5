import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import canonicalize from 'canonicalize';
import { canonicalJson } from './canonical-json.ts';
import { seededRandom } from './testing/random.ts';

// Characters where UTF-16 order and code point order differ, escapes, integer-like names.
const PIECES = ['a', 'b', 'Z', '1', '10', '9', '0', '', ' ', 'é', '試験', '\u0000', '\n', '"', '\\', '\u2028', '\uffff', '\u{1f600}', '\ud800', 'key', '__proto__'];

function randomString(random: () => number): string {
  let text = '';
  const length = Math.floor(random() * 4);
  for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)]!;
  return text;
}

function randomNumber(random: () => number): number {
  const kinds = [0, -0, 1, -1, 1e21, 1e-7, 0.1, 123.456, Number.MAX_SAFE_INTEGER, 5e-324, 2 ** 53 + 2, -1.5e300];
  return random() < 0.5 ? kinds[Math.floor(random() * kinds.length)]! : (random() - 0.5) * 10 ** Math.floor(random() * 30 - 10);
}

function randomValue(random: () => number, depth: number): unknown {
  const r = random();
  if (depth <= 0 || r < 0.3) {
    const leaf = random();
    if (leaf < 0.35) return randomString(random);
    if (leaf < 0.7) return randomNumber(random);
    if (leaf < 0.85) return random() < 0.5;
    return null;
  }
  if (r < 0.55) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth - 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(random() * 5); i > 0; i--) object[randomString(random)] = randomValue(random, depth - 1);
  return object;
}

function reference(value: unknown): string | Error {
  try {
    return canonicalize(value) as string;
  } catch (error) {
    return error as Error;
  }
}

describe('canonical JSON (RFC 8785)', () => {
  test('gives the same bytes as the reference package for 20,000 random JSON values, or refuses the same ones', () => {
    const random = seededRandom(8785);
    let refused = 0;
    for (let i = 0; i < 20_000; i++) {
      // Through JSON text as well, so `__proto__` arrives as an own member as it does from a request.
      const built = randomValue(random, 4);
      for (const value of [built, JSON.parse(JSON.stringify(built) ?? 'null') as unknown]) {
        const expected = reference(value);
        if (expected instanceof Error) {
          refused++;
          assert.throws(() => canonicalJson(value), `value ${i} should be refused`);
        } else {
          assert.equal(canonicalJson(value), expected, `value ${i}`);
        }
      }
    }
    assert.ok(refused > 0, 'some values (lone surrogates) must be refused');
  });

  test('sorts members by UTF-16 code units (U+1F600 before U+FFFF) and keeps integer-like names as text', () => {
    assert.equal(canonicalJson({ '\u{1f600}': 1, '\uffff': 2, b: [3, undefined], 10: 4, 9: 5, a: undefined }), '{"10":4,"9":5,"b":[3,null],"\u{1f600}":1,"\uffff":2}');
    assert.equal(canonicalJson({ n: [1e21, 1e-7, -0, 0.1] }), '{"n":[1e+21,1e-7,0,0.1]}');
    // What an object says through toJSON, arrays included, as the reference does.
    const listed = Object.assign([1], { toJSON: () => 'x' });
    assert.equal(canonicalJson({ a: listed, d: new Date(0) }), canonicalize({ a: listed, d: new Date(0) }));
    assert.equal(canonicalJson({ a: listed }), '{"a":"x"}');
  });

  test('refuses what JSON cannot hold', () => {
    assert.throws(() => canonicalJson({ x: Number.NaN }));
    assert.throws(() => canonicalJson({ x: Number.POSITIVE_INFINITY }));
    assert.throws(() => canonicalJson({ x: 'lone \ud800' }));
    assert.throws(() => canonicalJson(undefined));
  });
});
