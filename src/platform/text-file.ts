// The text of an uploaded or given file, for every import (issue #11 point 4): many municipal
// spreadsheets save CSV as Shift_JIS (Windows code page 932), the rest as UTF-8. Bytes that are
// valid UTF-8 are UTF-8 (a byte-order mark dropped); otherwise Shift_JIS as WHATWG defines it (which
// is CP932, with the NEC and IBM extensions); anything else is refused, never read as mojibake.
// Japanese text in Shift_JIS is almost never valid UTF-8, so the order decides nothing wrongly;
// UTF-16 (its byte-order mark FF FE or FE FF) and binary files are neither and are refused.

export type TextEncodingName = 'utf-8' | 'shift_jis';

export type DecodedTextFile = { ok: true; text: string; encoding: TextEncodingName } | { ok: false };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const shiftJis = new TextDecoder('shift_jis', { fatal: true });

/** The file's text as UTF-8 or Shift_JIS (CP932), or `{ ok: false }` when it is neither. */
export function decodeTextFile(bytes: Uint8Array): DecodedTextFile {
  try {
    return { ok: true, text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // not UTF-8: try Shift_JIS
  }
  try {
    return { ok: true, text: shiftJis.decode(bytes), encoding: 'shift_jis' };
  } catch {
    return { ok: false };
  }
}

/** The refusal in both languages, for the module's own error. */
export const NOT_A_TEXT_FILE = {
  en: 'The file is not UTF-8 or Shift_JIS (CP932) text. Save it as CSV UTF-8 (or CSV in Shift_JIS) and try again.',
  ja: 'ファイルが UTF-8 または Shift_JIS（CP932）のテキストではありません。「CSV UTF-8」（または Shift_JIS の CSV）で保存し直してください。',
} as const;
