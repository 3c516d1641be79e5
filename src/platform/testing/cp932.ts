// Text as Shift_JIS (CP932) bytes, for tests of imports that read spreadsheets saved that way. Node
// decodes Shift_JIS but has no encoder: the table is built once by decoding every two-byte code.

let table: Map<string, number[]> | undefined;

function tableOf(): Map<string, number[]> {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('shift_jis');
  for (let b = 0; b < 0x80; b++) table.set(String.fromCharCode(b), [b]);
  for (let b = 0xa1; b <= 0xdf; b++) table.set(decoder.decode(Uint8Array.of(b)), [b]);
  for (const lead of [...range(0x81, 0x9f), ...range(0xe0, 0xfc)]) {
    for (const trail of [...range(0x40, 0x7e), ...range(0x80, 0xfc)]) {
      const char = decoder.decode(Uint8Array.of(lead, trail));
      // The first code wins: CP932 has duplicates (NEC and IBM rows) that decode to one character.
      if (char.length === 1 && char !== '\uFFFD' && !table.has(char)) table.set(char, [lead, trail]);
    }
  }
  return table;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The text in CP932; throws on a character CP932 does not have (〜 U+301C is ～ U+FF5E there). */
export function encodeCp932(text: string): Buffer {
  const map = tableOf();
  const bytes: number[] = [];
  for (const char of text) {
    const code = map.get(char);
    if (!code) throw new Error(`no CP932 code for U+${char.codePointAt(0)!.toString(16).toUpperCase()}`);
    bytes.push(...code);
  }
  return Buffer.from(bytes);
}
