// Small conversions between DER, PEM, hex and base64 used across the module.

export function toPem(der: Uint8Array, label = 'CERTIFICATE'): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Every PEM block of the given label in the text (a bundle may hold several certificates). */
export function fromPemAll(text: string, label = 'CERTIFICATE'): Uint8Array[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')));
}

/** DER as is, or the PEM blocks in it: files handed to the CLI may be either. */
export function derOrPem(bytes: Uint8Array, label = 'CERTIFICATE'): Uint8Array[] {
  const text = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
  if (text.includes('-----BEGIN')) return fromPemAll(Buffer.from(bytes).toString('utf8'), label);
  return [bytes];
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** A serial number in the canonical hex form used in reports and the database: lower case, no leading zero bytes. */
export function serialHex(bytes: Uint8Array): string {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return toHex(bytes.subarray(i));
}
