// Japanese text normalisation for free-word search (PRODUCT.md §3.2): one canonical form for what
// residents type and what services say, so 保育所 finds 保育園, トーキョー finds とうきょう and ほいく
// finds 保育. Documents are normalised by the database (migration 202611211500, SQL function
// onestop_search_normalize) in the same transaction as each write; queries and snippets here. The
// two must agree character for character — normalize.sql.test.ts checks it on real service text —
// so every step below mirrors one SQL step, in the same order, with the same regex semantics:
//   1. NFKC, ASCII lower case            normalize(t, NFKC), lower(t) (C locale: ASCII only)
//   2. katakana → hiragana               translate()
//   3. runs of ー → one ー                regexp_replace('ー+', 'ー')
//   4. ー after a kana → that kana's vowel (o- and e-rows as う and い, as Japanese spells long
//      vowels: トーキョー → とうきょう), any other ー dropped
//   5. iteration marks 々 ゝ ゞ → the previous character (ゞ voiced), as regex '(.)々' does
//   6. variants (VARIANTS, in order), each a global left-to-right replace()
//   7. spaces and punctuation (STRIP_RANGES) removed

/** Notation variants and readings → canonical form. Longest first, so ほいくえん wins over ほいく.
 *  Sources are written as they look after steps 1–5 (katakana already hiragana). Readings are
 *  limited to childcare words that are unlikely inside other hiragana words. A change here needs a
 *  new migration redefining onestop_search_normalize (and a re-index), or the engines disagree. */
export const VARIANTS: ReadonlyArray<readonly [string, string]> = [
  ['よぼうせっしゅ', '予防接種'],
  ['けんこうしんさ', '健康診査'],
  ['ほいくえん', '保育園'],
  ['ほいくしょ', '保育園'],
  ['ようちえん', '幼稚園'],
  ['ひとりおや', 'ひとり親'],
  ['いりょうひ', '医療費'],
  ['しょうがい', '障害'],
  ['しゅっさん', '出産'],
  ['にゅうがく', '入学'],
  ['てんにゅう', '転入'],
  ['じょせいきん', '助成金'],
  ['きゅうふきん', '給付金'],
  ['申し込み', '申込'],
  ['申込み', '申込'],
  ['届け出', '届出'],
  ['手続き', '手続'],
  ['受け付け', '受付'],
  ['受付け', '受付'],
  ['引っ越し', '引越'],
  ['引越し', '引越'],
  ['にゅうえん', '入園'],
  ['いりょう', '医療'],
  ['にんしん', '妊娠'],
  ['せっしゅ', '接種'],
  ['けんしん', '健診'],
  ['こそだて', '子育て'],
  ['はったつ', '発達'],
  ['がくどう', '学童'],
  ['子ども', 'こども'],
  ['子供', 'こども'],
  ['保育所', '保育園'],
  ['一人親', 'ひとり親'],
  ['障がい', '障害'],
  ['障碍', '障害'],
  ['じどう', '児童'],
  ['てあて', '手当'],
  ['ほいく', '保育'],
  ['そうだん', '相談'],
  ['しえん', '支援'],
];

/** Code point ranges removed in step 7: ASCII controls, spaces and punctuation, Latin-1 signs,
 *  general punctuation, arrows, enclosed signs, box drawing and shapes, CJK punctuation (but 々 〆 〇),
 *  the middle dot, CJK compatibility forms. */
export const STRIP_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00, 0x2f],
  [0x3a, 0x40],
  [0x5b, 0x60],
  [0x7b, 0xbf],
  [0x2010, 0x206f],
  [0x2190, 0x21ff],
  [0x2460, 0x24ff],
  [0x2500, 0x27bf],
  [0x3000, 0x3004],
  [0x3008, 0x3020],
  [0x3030, 0x3030],
  [0x30fb, 0x30fb],
  [0xfe30, 0xfe4f],
  [0xfffd, 0xfffd],
];

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');
/** The same bracket expression for JavaScript and PostgreSQL's ARE (both read \uXXXX). */
export const STRIP_CLASS = `[${STRIP_RANGES.map(([a, b]) => (a === b ? `\\u${hex4(a)}` : `\\u${hex4(a)}-\\u${hex4(b)}`)).join('')}]`;
const STRIP = new RegExp(STRIP_CLASS, 'u');

/** Vowel of each kana row for a following ー (step 4). */
export const LONG_VOWEL_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['あかさたなはまやらわがざだばぱぁゃゎ', 'あ'],
  ['いきしちにひみりぎじぢびぴぃ', 'い'],
  ['うくすつぬふむゆるぐずづぶぷぅゅゔ', 'う'],
  ['えけせてねへめれげぜでべぺぇ', 'い'],
  ['おこそとのほもよろをごぞどぼぽぉょ', 'う'],
];
const VOWEL_AFTER = new Map<string, string>();
for (const [chars, vowel] of LONG_VOWEL_ROWS) for (const c of chars) VOWEL_AFTER.set(c, vowel);

/** ゞ after these becomes their voiced form (step 5). */
export const VOICED: ReadonlyArray<readonly [string, string]> = [...'かきくけこさしすせそたちつてとはひふへほ'].map((c) => [c, String.fromCharCode(c.charCodeAt(0) + 1)] as const);
const VOICED_OF = new Map(VOICED);

const LONG = 'ー';

/** A normalised text with, for each of its characters, the span of the original it came from. */
export interface Mapped {
  chars: string[];
  start: number[];
  end: number[];
}

function isCombining(cp: number): boolean {
  return cp === 0x3099 || cp === 0x309a || cp === 0xff9e || cp === 0xff9f || (cp >= 0x0300 && cp <= 0x036f);
}

/** Steps 1–2, one original character (with its combining marks) at a time, keeping positions. */
function foldCharacters(text: string): Mapped {
  const out: Mapped = { chars: [], start: [], end: [] };
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    let j = i + (cp > 0xffff ? 2 : 1);
    while (j < text.length && isCombining(text.codePointAt(j)!)) j++;
    const piece = text.slice(i, j);
    // Kanji, kana and plain ASCII letters are already NFKC; skip the library call for them.
    const simple = j - i === 1 && ((cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30a1 && cp <= 0x30fa) || (cp >= 0x61 && cp <= 0x7a));
    const nfkc = simple ? piece : piece.normalize('NFKC');
    for (const ch of nfkc) {
      let c = ch;
      const code = c.codePointAt(0)!;
      if (code >= 0x41 && code <= 0x5a) c = String.fromCharCode(code + 0x20);
      else if ((code >= 0x30a1 && code <= 0x30f6) || code === 0x30fd || code === 0x30fe) c = String.fromCharCode(code - 0x60);
      out.chars.push(c);
      out.start.push(i);
      out.end.push(j);
    }
    i = j;
  }
  return out;
}

function keep(m: Mapped, keepIt: (index: number) => boolean): Mapped {
  const out: Mapped = { chars: [], start: [], end: [] };
  for (let i = 0; i < m.chars.length; i++) {
    if (!keepIt(i)) continue;
    out.chars.push(m.chars[i]!);
    out.start.push(m.start[i]!);
    out.end.push(m.end[i]!);
  }
  return out;
}

/** Regex '(.)M' replaced globally by '\1' + f(\1): non-overlapping, left to right, as PostgreSQL. */
function expandMark(m: Mapped, mark: string, f: (previous: string) => string | undefined): void {
  for (let i = 0; i + 1 < m.chars.length; ) {
    if (m.chars[i + 1] === mark) {
      const replacement = f(m.chars[i]!);
      if (replacement !== undefined) {
        m.chars[i + 1] = replacement;
        i += 2;
        continue;
      }
    }
    i += 1;
  }
}

/** replace(t, from, to): every non-overlapping occurrence, left to right. */
function replaceAll(m: Mapped, from: string, to: string): Mapped {
  const fromLength = [...from].length;
  const toChars = [...to];
  const out: Mapped = { chars: [], start: [], end: [] };
  // Work in code points: chars[] holds one code point per entry.
  const first = [...from][0]!;
  for (let i = 0; i < m.chars.length; ) {
    if (m.chars[i] === first && m.chars.slice(i, i + fromLength).join('') === from) {
      const s = m.start[i]!;
      const e = m.end[i + fromLength - 1]!;
      for (const c of toChars) {
        out.chars.push(c);
        out.start.push(s);
        out.end.push(e);
      }
      i += fromLength;
    } else {
      out.chars.push(m.chars[i]!);
      out.start.push(m.start[i]!);
      out.end.push(m.end[i]!);
      i += 1;
    }
  }
  return out;
}

/** The normalised text, each character mapped to the span of `text` it came from (snippets). */
export function normalizeMapped(text: string): Mapped {
  let m = foldCharacters(text);
  // 3. collapse runs of ー; 4. ー after a kana → its vowel, otherwise dropped.
  m = keep(m, (i) => !(m.chars[i] === LONG && m.chars[i - 1] === LONG));
  for (let i = 0; i < m.chars.length; i++) {
    if (m.chars[i] !== LONG) continue;
    const vowel = i > 0 ? VOWEL_AFTER.get(m.chars[i - 1]!) : undefined;
    m.chars[i] = vowel ?? '';
  }
  m = keep(m, (i) => m.chars[i] !== '');
  // 5. iteration marks, one pass each, as three regexp_replace calls.
  expandMark(m, '々', (p) => p);
  expandMark(m, 'ゝ', (p) => p);
  expandMark(m, 'ゞ', (p) => VOICED_OF.get(p));
  // 6. variants.
  let joined = m.chars.join('');
  for (const [from, to] of VARIANTS) {
    if (!joined.includes(from)) continue;
    m = replaceAll(m, from, to);
    joined = m.chars.join('');
  }
  // 7. spaces and punctuation.
  return keep(m, (i) => !STRIP.test(m.chars[i]!));
}

const UPPER_ASCII = /[A-Z]/g;
const KATAKANA = /[\u30a1-\u30f6\u30fd\u30fe]/g;
const LONG_RUNS = /ー{2,}/g;
const STRIP_ALL = new RegExp(STRIP_CLASS, 'gu');

/**
 * The canonical form of a text for indexing and matching: the same seven steps on the whole string
 * with native string operations, as the SQL function runs them (no position map, so several times
 * faster than normalizeMapped; a test requires the two to agree on real service text).
 */
export function normalizeText(text: string): string {
  let s = text.normalize('NFKC').replace(UPPER_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) + 0x20));
  s = s.replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
  if (s.includes(LONG)) {
    s = s.replace(LONG_RUNS, LONG);
    s = s.replace(/ー/g, (_, at: number) => VOWEL_AFTER.get(s[at - 1] ?? '') ?? '');
  }
  if (s.includes('々')) s = s.replace(/(.)々/gu, '$1$1');
  if (s.includes('ゝ')) s = s.replace(/(.)ゝ/gu, '$1$1');
  if (s.includes('ゞ')) s = s.replace(/(.)ゞ/gu, (m, p: string) => (VOICED_OF.has(p) ? p + VOICED_OF.get(p)! : m));
  for (const [from, to] of VARIANTS) if (s.includes(from)) s = s.replaceAll(from, to);
  return s.replace(STRIP_ALL, '');
}

/** A query split into words at spaces and punctuation, each normalised; empty words dropped. */
export function normalizeQuery(query: string): string[] {
  const words = query.normalize('NFKC').split(new RegExp(`${STRIP_CLASS}+`, 'u'));
  const out: string[] = [];
  for (const w of words) {
    const n = normalizeText(w);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}
