// A minimal, strict DER reader for the verification hot path. asn1js decodes every nested value of
// every certificate on each parse (~0.7 ms for one signature); the hot path only needs to find a few
// elements and slice their bytes, so it walks tag–length–value headers and leaves the rest untouched.
// Anything it does not accept (BER indefinite lengths, high tag numbers) goes to asn1js instead.
// This is parsing only: every cryptographic operation stays in node:crypto.

export class DerError extends Error {}
/** The input is valid BER but not the DER subset this reader handles. */
export class NotDerError extends DerError {}

export interface Tlv {
  tag: number;
  /** Offset of the tag byte. */
  start: number;
  /** Offset of the first content byte. */
  valueStart: number;
  end: number;
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
  CONTEXT_0: 0xa0,
  CONTEXT_1: 0xa1,
  CONTEXT_PRIMITIVE_0: 0x80,
} as const;

export function readTlv(buf: Uint8Array, offset: number, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new NotDerError('high tag number');
  let length = buf[offset + 1]!;
  let valueStart = offset + 2;
  if (length === 0x80) throw new NotDerError('indefinite length');
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || valueStart + count > limit) throw new DerError('bad length');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buf[valueStart + i]!;
    valueStart += count;
  }
  const end = valueStart + length;
  if (end > limit) throw new DerError('truncated');
  return { tag, start: offset, valueStart, end };
}

export function children(buf: Uint8Array, tlv: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let offset = tlv.valueStart;
  while (offset < tlv.end) {
    const child = readTlv(buf, offset, tlv.end);
    out.push(child);
    offset = child.end;
  }
  return out;
}

export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw new DerError(`expected ${what}`);
  return tlv;
}

export const bytesOf = (buf: Uint8Array, tlv: Tlv): Uint8Array => buf.subarray(tlv.start, tlv.end);
export const valueOf = (buf: Uint8Array, tlv: Tlv): Uint8Array => buf.subarray(tlv.valueStart, tlv.end);

const oidCache = new Map<string, string>();

/** Dotted form of an OBJECT IDENTIFIER's content octets. */
export function decodeOid(value: Uint8Array): string {
  const key = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
  const cached = oidCache.get(key);
  if (cached) return cached;
  const arcs: number[] = [];
  let n = 0;
  for (const byte of value) {
    n = n * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(n < 80 ? Math.floor(n / 40) : 2, n < 80 ? n % 40 : n - 80);
      else arcs.push(n);
      n = 0;
    }
  }
  const dotted = arcs.join('.');
  if (oidCache.size < 1000) oidCache.set(key, dotted);
  return dotted;
}

/** UTCTime or GeneralizedTime in DER form (Z, seconds, optional fraction). */
export function decodeTime(buf: Uint8Array, tlv: Tlv): Date | null {
  const s = Buffer.from(valueOf(buf, tlv)).toString('latin1');
  let m: RegExpExecArray | null;
  if (tlv.tag === TAG.UTC_TIME && (m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s))) {
    const yy = Number(m[1]);
    return new Date(Date.UTC(yy < 50 ? 2000 + yy : 1900 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  }
  if (tlv.tag === TAG.GENERALIZED_TIME && (m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\.\d+)?Z$/.exec(s))) {
    const ms = m[7] ? Math.round(Number(`0${m[7]}`) * 1000) : 0;
    return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms));
  }
  return null;
}
