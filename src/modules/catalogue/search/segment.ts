// Segmentation of normalised text into character bigrams (Japanese has no spaces between words, so
// overlapping pairs let any part of a word match: 手当 in 児童手当, 保育 in 保育園). Titles also keep
// single characters, so a one-character query (税, 園) can still find a title; bodies do not, as one
// character matches almost every body. Must agree with onestop_search_bigrams / _unigrams in SQL:
// both count code points, not UTF-16 units.

const SURROGATE = /[\uD800-\uDFFF]/;

function codePoints(text: string): string[] {
  return SURROGATE.test(text) ? [...text] : text.split('');
}

/** The distinct bigrams of a normalised text, in order of first appearance. */
export function bigramsOf(text: string): string[] {
  const chars = codePoints(text);
  const seen = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) seen.add(chars[i]! + chars[i + 1]!);
  return [...seen];
}

/** The distinct single characters of a normalised text. */
export function unigramsOf(text: string): string[] {
  return [...new Set(codePoints(text))];
}

/** Number of code points. */
export function lengthOf(text: string): number {
  return SURROGATE.test(text) ? [...text].length : text.length;
}

/** The grams a query word must be found by: its bigrams, or the character itself when it is one. */
export function queryGrams(word: string): { grams: string[]; titleOnly: boolean } {
  return lengthOf(word) === 1 ? { grams: [word], titleOnly: true } : { grams: bigramsOf(word), titleOnly: false };
}

/**
 * How many of a word's bigrams a document must contain when nothing matches exactly (typo
 * tolerance): all of them up to two, then all but one in four (3 → 2, 4 → 3, 5 → 4, 8 → 6,
 * i.e. 67–80 %). One mistyped character costs one bigram at the end of a word, two inside it.
 */
export function requiredHits(gramCount: number): number {
  if (gramCount <= 2) return gramCount;
  return gramCount - Math.max(1, Math.floor(gramCount / 4));
}
