// Highlighted snippets: a short window of a service's text around what matched, HTML-escaped, with
// the matches in <mark>. Matching runs on the normalised text, and each normalised character maps
// back to the original, so 子供 is highlighted for the query こども and ｶﾞｲﾄﾞ for ガイド.
import { normalizeMapped, normalizeText } from './normalize.ts';
import { bigramsOf } from './segment.ts';

const WINDOW = 120;
const LEAD = 30;
/** Enough of a long body to find a match in; a snippet never needs more. */
export const SCAN_LIMIT = 3000;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Original-text spans [start, end) of the words (whole, or failing that by bigrams) in `text`. */
function matchSpans(text: string, words: string[]): Array<[number, number]> {
  const m = normalizeMapped(text);
  const norm = m.chars.join('');
  // chars[] is one code point each; indexes into `norm` are UTF-16, so map through a table.
  const unitToChar: number[] = [];
  m.chars.forEach((c, i) => {
    for (let u = 0; u < c.length; u++) unitToChar.push(i);
  });
  const spans: Array<[number, number]> = [];
  const add = (from: number, length: number) => {
    const a = unitToChar[from]!;
    const b = unitToChar[from + length - 1]!;
    spans.push([m.start[a]!, m.end[b]!]);
  };
  for (const w of words) {
    let found = false;
    for (let at = norm.indexOf(w); at >= 0; at = norm.indexOf(w, at + w.length)) {
      add(at, w.length);
      found = true;
    }
    if (found) continue;
    for (const g of w.length > 1 ? bigramsOf(w) : []) {
      for (let at = norm.indexOf(g); at >= 0; at = norm.indexOf(g, at + 1)) add(at, g.length);
    }
  }
  spans.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** A prefix long enough for most first matches and their window; mapping it is cheaper. */
const PREFIX = 600;

/**
 * matchSpans, mapping only a prefix of a long text when that gives the same window: each word that
 * occurs whole in the text occurs whole in the prefix (matchSpans prefers whole words), and the
 * window ends well before the cut. Otherwise the whole text.
 */
function firstSpans(text: string, normalized: string, words: string[]): Array<[number, number]> {
  if (text.length > PREFIX * 1.5) {
    const prefix = text.slice(0, PREFIX);
    const normalizedPrefix = normalizeText(prefix);
    if (words.every((w) => !normalized.includes(w) || normalizedPrefix.includes(w))) {
      const spans = matchSpans(prefix, words);
      if (spans.length > 0 && Math.max(0, spans[0]![0] - LEAD) + WINDOW < PREFIX - 8) return spans;
    }
  }
  return matchSpans(text, words);
}

/** The first of `texts` that contains a match, as an escaped window with <mark>s; or the start of
 *  the first non-empty text when nothing matches (a search by filters only). */
export function buildSnippet(texts: string[], words: string[]): string {
  const candidates = texts.map((t) => t.slice(0, SCAN_LIMIT)).filter((t) => t.trim() !== '');
  const probes = words.flatMap((w) => [w, ...(w.length > 1 ? bigramsOf(w) : [])]);
  for (const text of words.length > 0 ? candidates : []) {
    // The position map is costly: build it only for a text that matches at all.
    const normalized = normalizeText(text);
    if (!probes.some((p) => normalized.includes(p))) continue;
    const spans = firstSpans(text, normalized, words);
    if (spans.length === 0) continue;
    const from = Math.max(0, spans[0]![0] - LEAD);
    const to = Math.min(text.length, from + WINDOW);
    let html = from > 0 ? '…' : '';
    let at = from;
    for (const [s, e] of spans) {
      if (s >= to) break;
      const start = Math.max(s, at);
      const end = Math.min(e, to);
      if (end <= start) continue;
      html += escapeHtml(text.slice(at, start)) + '<mark>' + escapeHtml(text.slice(start, end)) + '</mark>';
      at = end;
    }
    html += escapeHtml(text.slice(at, to)) + (to < text.length ? '…' : '');
    return html.replace(/\s+/g, ' ');
  }
  const first = candidates[0] ?? '';
  return escapeHtml(first.slice(0, WINDOW)).replace(/\s+/g, ' ') + (first.length > WINDOW ? '…' : '');
}
