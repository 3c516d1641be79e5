// The in-process engine: an inverted index of the searchable services held in memory.
//
// Documents are ordered by owner (national, then per prefecture: the prefecture's own, then each
// municipality's), so "a municipality with its prefecture and the nation" is three contiguous id
// ranges and a municipality filter costs a binary search, not a scan. Each gram's posting is a
// sorted Int32Array of document numbers, or a bitset when that is smaller (a gram in more than one
// document in 32). Categories, life events and ways to apply are bitsets. Changes arrive as rows
// (see service-search.ts): the old document is marked deleted and the new one kept in a small
// overlay scanned directly, until the overlay is large enough to rebuild.
import type { IndexRow } from './repository.ts';
import type { SearchPlan } from './plan.ts';

type Posting = Int32Array | Uint32Array; // Int32Array: sorted list; Uint32Array: bitset

const ALL_DATES_START = 0;
const ALL_DATES_END = 99_999_999;

function dateNumber(date: string | null, fallback: number): number {
  return date ? Number(date.replaceAll('-', '')) : fallback;
}

/** Numeric key of a gram: a code point, or two code points combined (below 2^53, exact). */
function keyOf(gram: string): number {
  const a = gram.codePointAt(0)!;
  const rest = gram.slice(a > 0xffff ? 2 : 1);
  return rest.length === 0 ? a : a * 2_097_152 + rest.codePointAt(0)!;
}

class IntBuffer {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

interface OverlayDoc {
  id: string;
  row: IndexRow;
  titleLength: number;
  titleGrams: Set<number>;
  grams: Set<number>;
}

export interface MemoryHits {
  total: number;
  hits: Array<{ id: string; score: number }>;
}

function codePoints(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      out.push(text.codePointAt(i)!);
      i++;
    } else out.push(c);
  }
  return out;
}

function addBigrams(cps: number[], into: (key: number) => void): void {
  for (let i = 0; i + 1 < cps.length; i++) into(cps[i]! * 2_097_152 + cps[i + 1]!);
}

function hasBit(bits: Uint32Array, doc: number): boolean {
  return (bits[doc >>> 5]! & (1 << (doc & 31))) !== 0;
}

function lowerBound(list: Int32Array, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A posting read in increasing document order: contains(doc) with a cursor that only moves on. */
class Cursor {
  private i = 0;
  constructor(private readonly p: Posting | undefined) {}
  contains(doc: number): boolean {
    const p = this.p;
    if (!p) return false;
    if (p instanceof Uint32Array) return hasBit(p, doc);
    let i = this.i;
    if (i < p.length && p[i]! < doc) {
      // Gallop, then binary search: cheap when the cursor jumps far ahead.
      let step = 1;
      while (i + step < p.length && p[i + step]! < doc) step *= 2;
      let lo = i + (step >> 1);
      let hi = Math.min(i + step, p.length);
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (p[mid]! < doc) lo = mid + 1;
        else hi = mid;
      }
      i = lo;
    }
    this.i = i;
    return i < p.length && p[i] === doc;
  }
}

export class MemoryIndex {
  readonly size: number;
  private readonly ids: string[];
  private readonly titles: string[];
  private readonly titleLength: Int32Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly nationalEnd: number;
  private readonly prefectureOwn = new Map<string, [number, number]>();
  private readonly municipality = new Map<string, [number, number]>();
  private readonly all = new Map<number, Posting>();
  private readonly title = new Map<number, Posting>();
  private readonly terms = new Map<string, Uint32Array>();
  private readonly position = new Map<string, number>();
  private readonly deleted: Uint32Array;
  private deletedCount = 0;
  private readonly overlay = new Map<string, OverlayDoc>();
  private fuzzyBuffers: { satisfied: Uint8Array; counts: Uint8Array } | undefined;
  /** Bytes held by postings, bitsets and per-document arrays (strings estimated at 2 bytes a char). */
  readonly bytes: number;

  constructor(rows: IndexRow[]) {
    const docs = rows.filter((r) => r.searchable);
    docs.sort((a, b) => cmp(a.prefecture_code ?? '', b.prefecture_code ?? '') || cmp(a.municipality_code ?? '', b.municipality_code ?? '') || cmp(a.id, b.id));
    const n = docs.length;
    this.size = n;
    this.ids = docs.map((d) => d.id);
    this.titles = docs.map((d) => d.title_norm);
    this.titleLength = new Int32Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
    this.deleted = new Uint32Array((n >>> 5) + 1);
    const words = (n >>> 5) + 1;
    let nationalEnd = 0;
    const allBuf = new IntBuffer();
    const titleBuf = new IntBuffer();
    const allOffsets = new Int32Array(n + 1);
    const titleOffsets = new Int32Array(n + 1);
    const gramIds = new Map<number, number>();
    const gramKeys: number[] = [];
    let lastSeen = new Int32Array(4096).fill(-1);
    const idOf = (key: number): number => {
      let id = gramIds.get(key);
      if (id === undefined) {
        id = gramKeys.length;
        gramIds.set(key, id);
        gramKeys.push(key);
        if (id >= lastSeen.length) {
          const next = new Int32Array(lastSeen.length * 2).fill(-1);
          next.set(lastSeen);
          lastSeen = next;
        }
      }
      return id;
    };
    // lastSeen holds (doc * 2 + list) so one array dedupes both lists of a document.
    for (let d = 0; d < n; d++) {
      const row = docs[d]!;
      this.position.set(row.id, d);
      const pc = row.prefecture_code;
      const mc = row.municipality_code;
      if (pc === null) nationalEnd = d + 1;
      else if (mc === null) extend(this.prefectureOwn, pc, d);
      else extend(this.municipality, mc, d);
      for (const [list, set] of [
        [row.categories, 'c:'],
        [row.life_events, 'l:'],
        [row.apply_methods, 'a:'],
      ] as const) {
        for (const t of list) {
          let bits = this.terms.get(set + t);
          if (!bits) this.terms.set(set + t, (bits = new Uint32Array(words)));
          bits[d >>> 5]! |= 1 << (d & 31);
        }
      }
      this.starts[d] = dateNumber(row.acceptance_start, ALL_DATES_START);
      this.ends[d] = dateNumber(row.acceptance_end, ALL_DATES_END);
      const t = codePoints(row.title_norm);
      this.titleLength[d] = t.length;
      const markTitle = d * 2 + 1;
      const markAll = d * 2;
      const pushTitle = (key: number) => {
        const id = idOf(key);
        if (lastSeen[id] !== markTitle) {
          lastSeen[id] = markTitle;
          titleBuf.push(id);
        }
      };
      for (const c of t) pushTitle(c);
      addBigrams(t, pushTitle);
      const pushAll = (key: number) => {
        const id = idOf(key);
        if (lastSeen[id] !== markAll) {
          lastSeen[id] = markAll;
          allBuf.push(id);
        }
      };
      addBigrams(t, pushAll);
      addBigrams(codePoints(row.body_norm), pushAll);
      allOffsets[d + 1] = allBuf.length;
      titleOffsets[d + 1] = titleBuf.length;
    }
    this.nationalEnd = nationalEnd;
    this.bytes = fillPostings(this.all, allBuf, allOffsets, gramKeys, n) + fillPostings(this.title, titleBuf, titleOffsets, gramKeys, n);
    this.bytes += this.terms.size * words * 4 + n * (4 * 3 + 80) + this.titles.reduce((s, x) => s + 2 * x.length + 40, 0);
  }

  /** Takes changed rows: the old documents are hidden, searchable new versions go to the overlay. */
  applyChanges(rows: IndexRow[]): void {
    for (const row of rows) {
      const d = this.position.get(row.id);
      if (d !== undefined && !hasBit(this.deleted, d)) {
        this.deleted[d >>> 5]! |= 1 << (d & 31);
        this.deletedCount++;
      }
      this.overlay.delete(row.id);
      if (!row.searchable) continue;
      const t = codePoints(row.title_norm);
      const titleGrams = new Set<number>(t);
      addBigrams(t, (k) => titleGrams.add(k));
      const grams = new Set<number>();
      addBigrams(t, (k) => grams.add(k));
      addBigrams(codePoints(row.body_norm), (k) => grams.add(k));
      this.overlay.set(row.id, { id: row.id, row, titleLength: t.length, titleGrams, grams });
    }
  }

  /** Documents changed since the build; past a few thousand a rebuild is cheaper than the overlay. */
  get changedSinceBuild(): number {
    return Math.max(this.deletedCount, this.overlay.size);
  }

  search(plan: SearchPlan, fuzzy: boolean): MemoryHits {
    const k = plan.offset + plan.limit;
    const top = new TopK(k, this.ids, this.titleLength);
    const openOn = plan.openOn ? dateNumber(plan.openOn, 0) : 0;
    const filterBits = [plan.category && `c:${plan.category}`, plan.lifeEvent && `l:${plan.lifeEvent}`, plan.applyMethod && `a:${plan.applyMethod}`]
      .filter((x): x is string => Boolean(x))
      .map((key) => this.terms.get(key));
    let total = 0;
    if (!filterBits.includes(undefined)) {
      const bits = filterBits as Uint32Array[];
      const dated = (d: number): boolean => !(openOn && (this.starts[d]! > openOn || this.ends[d]! < openOn));
      const accept = (d: number): boolean => {
        if (hasBit(this.deleted, d)) return false;
        for (const b of bits) if (!hasBit(b, d)) return false;
        return dated(d);
      };
      const filters: Filters = { accept, bits, dated };
      const ranges = this.rangesFor(plan);
      total += fuzzy ? this.scanFuzzy(plan, ranges, accept, top) : this.scanExact(plan, ranges, filters, top);
    }
    total += this.scanOverlay(plan, fuzzy, openOn, top);
    const hits = top.sorted().slice(plan.offset);
    return { total, hits: hits.map(([d, score]) => ({ id: typeof d === 'number' ? this.ids[d]! : d, score })) };
  }

  private rangesFor(plan: SearchPlan): Array<[number, number]> {
    if (!plan.owners) return [[0, this.size]];
    const ranges: Array<[number, number]> = [[0, this.nationalEnd]];
    const own = this.prefectureOwn.get(plan.owners.prefectureCode);
    if (own) ranges.push(own);
    for (const code of plan.owners.municipalityCodes) {
      const r = this.municipality.get(code);
      if (r) ranges.push(r);
    }
    return ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  }

  private required(plan: SearchPlan): Posting[] | null {
    const out: Posting[] = [];
    for (const w of plan.words) {
      for (const g of w.grams) {
        const p = (w.titleOnly ? this.title : this.all).get(keyOf(g));
        if (!p) return null;
        out.push(p);
      }
    }
    return out;
  }

  /** Every document (in ranges, accepted by the filters) having all grams; returns the count. */
  private scanExact(plan: SearchPlan, ranges: Array<[number, number]>, filters: Filters, top: TopK): number {
    const required = this.required(plan);
    if (!required) return 0;
    const scorer = this.scorer(plan, true);
    const best = maxScore(plan);
    // A document with none of the query's grams in its title scores the same as every other such
    // document (100 a word: all its grams are somewhere), so it is ranked by title length alone,
    // without the scorer. Titles are short, so the documents worth scoring are few.
    const inTitle = this.titleUnion(plan);
    const base = plan.words.length * 100;
    let count = 0;
    const rank = (d: number) => {
      // Once the top k all have the highest score there is, a document can only enter on a
      // shorter title: most hits of a frequent word are then counted without being scored.
      if (!hasBit(inTitle, d)) {
        if (top.couldEnter(d, base)) top.offer(d, base);
        return;
      }
      if (!top.couldEnter(d, best)) return;
      const score = scorer(d, top.floor());
      if (score >= 0) top.offer(d, score);
    };
    const lists = required.filter((p): p is Int32Array => p instanceof Int32Array).sort((a, b) => a.length - b.length);
    if (lists.length > 0) {
      const driver = lists[0]!;
      const others = required.filter((p) => p !== driver).map((p) => new Cursor(p));
      for (const [a, b] of ranges) {
        for (let i = lowerBound(driver, a); i < driver.length && driver[i]! < b; i++) {
          const d = driver[i]!;
          let ok = true;
          for (const c of others) if (!c.contains(d)) { ok = false; break; }
          if (ok && filters.accept(d)) {
            count++;
            rank(d);
          }
        }
      }
    } else {
      // Every gram is dense (or there are none: filters only): AND the bitsets, the filters' and the
      // live documents', 32 documents at a time; only the dates are left to check one by one.
      const bitsets = [...(required as Uint32Array[]), ...filters.bits];
      const deleted = this.deleted;
      for (const [a, b] of ranges) {
        // An empty range would make (b - 1) >>> 5 wrap to 2^27 words.
        if (a >= b) continue;
        for (let w = a >>> 5; w <= (b - 1) >>> 5; w++) {
          let x = ~deleted[w]!;
          for (const bs of bitsets) x &= bs[w]!;
          if (w === a >>> 5) x &= ~0 << (a & 31);
          if (w === (b - 1) >>> 5 && ((b & 31) !== 0)) x &= (1 << (b & 31)) - 1;
          while (x !== 0) {
            const bit = 31 - Math.clz32(x & -x);
            x &= x - 1;
            const d = w * 32 + bit;
            if (!filters.dated(d)) continue;
            count++;
            rank(d);
          }
        }
      }
    }
    return count;
  }

  /** Documents having at least one of the query's grams in their title, as a bitset. */
  private titleUnion(plan: SearchPlan): Uint32Array {
    const union = new Uint32Array(this.deleted.length);
    for (const w of plan.words) {
      for (const g of w.grams) {
        const p = this.title.get(keyOf(g));
        if (!p) continue;
        if (p instanceof Uint32Array) for (let i = 0; i < p.length; i++) union[i]! |= p[i]!;
        else for (let i = 0; i < p.length; i++) union[p[i]! >>> 5]! |= 1 << (p[i]! & 31);
      }
    }
    return union;
  }

  /** Typo tolerance: per word, documents with at least `required` of its bigrams. */
  private scanFuzzy(plan: SearchPlan, ranges: Array<[number, number]>, accept: (d: number) => boolean, top: TopK): number {
    // Per-document counters, kept between searches (a search runs to the end without yielding)
    // and cleared over the ranges only.
    this.fuzzyBuffers ??= { satisfied: new Uint8Array(this.size), counts: new Uint8Array(this.size) };
    const { satisfied, counts } = this.fuzzyBuffers;
    for (const [a, b] of ranges) satisfied.fill(0, a, b);
    let wordIndex = 0;
    for (const w of plan.words) {
      for (const [a, b] of ranges) counts.fill(0, a, b);
      for (const g of w.grams) {
        const p = (w.titleOnly ? this.title : this.all).get(keyOf(g));
        if (!p) continue;
        for (const [a, b] of ranges) {
          if (p instanceof Int32Array) for (let i = lowerBound(p, a); i < p.length && p[i]! < b; i++) counts[p[i]!]!++;
          else {
            // A bitset: visit its set bits a word at a time.
            if (a >= b) continue;
            for (let word = a >>> 5; word <= (b - 1) >>> 5; word++) {
              let x = p[word]!;
              while (x !== 0) {
                const d = word * 32 + (31 - Math.clz32(x & -x));
                x &= x - 1;
                if (d >= a && d < b) counts[d]!++;
              }
            }
          }
        }
      }
      for (const [a, b] of ranges) for (let d = a; d < b; d++) if (counts[d]! >= w.required && satisfied[d] === wordIndex) satisfied[d] = wordIndex + 1;
      wordIndex++;
    }
    const scorer = this.scorer(plan, false);
    let count = 0;
    for (const [a, b] of ranges) {
      for (let d = a; d < b; d++) {
        if (satisfied[d] !== wordIndex || !accept(d)) continue;
        count++;
        const score = scorer(d, top.floor());
        if (score >= 0) top.offer(d, score);
      }
    }
    return count;
  }

  /**
   * Score of a main-index document: the same integer formula as the PostgreSQL engine. `exact`
   * documents contain every gram of every word, so the share anywhere is 1 without looking.
   */
  private scorer(plan: SearchPlan, exact: boolean): (d: number, floor: number) => number {
    const perWord = plan.words.map((w) => ({
      w,
      title: w.grams.map((g) => new Cursor(this.title.get(keyOf(g)))),
      all: exact ? [] : w.grams.map((g) => new Cursor((w.titleOnly ? this.title : this.all).get(keyOf(g)))),
    }));
    /**
     * The score of `d`, or -1 as soon as it cannot reach `floor` (the k-th best so far): a word
     * with a gram missing from the title loses its 400 and part of its 200, so once the k best
     * have whole words in their titles most documents are turned away at their first missing gram.
     */
    return (d, floor) => {
      let score = 0;
      let rest = perWord.length * WORD_MAX;
      for (const { w, title, all } of perWord) {
        const k = w.grams.length;
        rest -= WORD_MAX;
        let t = 0;
        let missing = 0;
        for (const c of title) {
          if (c.contains(d)) t++;
          else if (score + (w.titleOnly ? 300 : 100 + Math.floor((200 * (k - ++missing)) / k)) + rest < floor) return -1;
        }
        let a = exact ? k : 0;
        if (w.titleOnly) a = t;
        else for (const c of all) if (c.contains(d)) a++;
        const phrase = t === k && this.titles[d]!.includes(w.text) ? 400 : 0;
        score += w.titleOnly ? phrase + 300 : phrase + Math.floor((200 * t) / k) + Math.floor((100 * a) / k);
      }
      return score;
    };
  }

  private scanOverlay(plan: SearchPlan, fuzzy: boolean, openOn: number, top: TopK): number {
    let count = 0;
    for (const doc of this.overlay.values()) {
      const r = doc.row;
      if (plan.owners && r.prefecture_code !== null) {
        const ownPrefecture = r.municipality_code === null && r.prefecture_code === plan.owners.prefectureCode;
        if (!ownPrefecture && !plan.owners.municipalityCodes.includes(r.municipality_code ?? '')) continue;
      }
      if (plan.category && !r.categories.includes(plan.category)) continue;
      if (plan.lifeEvent && !r.life_events.includes(plan.lifeEvent)) continue;
      if (plan.applyMethod && !r.apply_methods.includes(plan.applyMethod)) continue;
      if (openOn && (dateNumber(r.acceptance_start, ALL_DATES_START) > openOn || dateNumber(r.acceptance_end, ALL_DATES_END) < openOn)) continue;
      let score = 0;
      let ok = true;
      for (const w of plan.words) {
        const k = w.grams.length;
        const t = w.grams.filter((g) => doc.titleGrams.has(keyOf(g))).length;
        const a = w.titleOnly ? t : w.grams.filter((g) => doc.grams.has(keyOf(g))).length;
        if (a < (fuzzy ? w.required : k)) {
          ok = false;
          break;
        }
        const phrase = t === k && r.title_norm.includes(w.text) ? 400 : 0;
        score += w.titleOnly ? phrase + 300 : phrase + Math.floor((200 * t) / k) + Math.floor((100 * a) / k);
      }
      if (!ok) continue;
      count++;
      top.offer(doc.id, score, doc.titleLength);
    }
    return count;
  }
}

/** The most one word can add: whole in the title (400), every gram in the title (200) and anywhere (100). */
const WORD_MAX = 700;

/** The highest score a document can have for the plan: every word whole in its title. */
function maxScore(plan: SearchPlan): number {
  return plan.words.length * WORD_MAX;
}

/** The plan's filters: the whole check, its bitsets (categories, life events, ways to apply) and its dates. */
interface Filters {
  accept: (d: number) => boolean;
  bits: Uint32Array[];
  dated: (d: number) => boolean;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function extend(map: Map<string, [number, number]>, key: string, d: number): void {
  const r = map.get(key);
  if (r) r[1] = d + 1;
  else map.set(key, [d, d + 1]);
}

function fillPostings(into: Map<number, Posting>, buf: IntBuffer, offsets: Int32Array, keys: number[], n: number): number {
  const df = new Int32Array(keys.length);
  for (let i = 0; i < buf.length; i++) df[buf.data[i]!]!++;
  const lists: Array<Posting | undefined> = new Array(keys.length);
  const fill = new Int32Array(keys.length);
  let bytes = 0;
  const words = (n >>> 5) + 1;
  for (let id = 0; id < keys.length; id++) {
    if (df[id] === 0) continue;
    // A bitset costs n/8 bytes, a list 4 per document: take the smaller.
    const posting = df[id]! * 32 > n ? new Uint32Array(words) : new Int32Array(df[id]!);
    lists[id] = posting;
    into.set(keys[id]!, posting);
    bytes += posting.byteLength + 48;
  }
  for (let d = 0; d + 1 < offsets.length; d++) {
    for (let i = offsets[d]!; i < offsets[d + 1]!; i++) {
      const id = buf.data[i]!;
      const p = lists[id]!;
      if (p instanceof Uint32Array) p[d >>> 5]! |= 1 << (d & 31);
      else p[fill[id]!++] = d;
    }
  }
  return bytes;
}

/** The best k results: score descending, then shorter title, then id — as ORDER BY in SQL. */
class TopK {
  private readonly heap: Array<[number | string, number, number]> = [];
  constructor(
    private readonly k: number,
    private readonly ids: string[],
    private readonly titleLengths: Int32Array,
  ) {}

  private idOf(d: number | string): string {
    return typeof d === 'number' ? this.ids[d]! : d;
  }

  /** a ranks below b (the heap keeps the worst on top). */
  private worse(a: [number | string, number, number], b: [number | string, number, number]): boolean {
    if (a[1] !== b[1]) return a[1] < b[1];
    if (a[2] !== b[2]) return a[2] > b[2];
    return this.idOf(a[0]) > this.idOf(b[0]);
  }

  /** The score a document must reach to be considered: the k-th best's, once there are k. */
  floor(): number {
    return this.heap.length === this.k && this.k > 0 ? this.heap[0]![1] : -1;
  }

  /** Whether a main-index document scoring at most `score` could rank among the k. */
  couldEnter(d: number, score: number): boolean {
    return this.k > 0 && !this.ranksBelowAll(d, score, this.titleLengths[d]!);
  }

  private ranksBelowAll(d: number | string, score: number, length: number): boolean {
    const h = this.heap;
    if (h.length < this.k) return false;
    const top = h[0]!;
    return score < top[1] || (score === top[1] && (length > top[2] || (length === top[2] && this.idOf(d) > this.idOf(top[0]))));
  }

  offer(d: number | string, score: number, titleLength?: number): void {
    if (this.k === 0) return;
    const length = titleLength ?? this.titleLengths[d as number]!;
    const h = this.heap;
    // Most documents of a frequent word rank below the k-th: turn them away before allocating.
    if (this.ranksBelowAll(d, score, length)) return;
    const entry: [number | string, number, number] = [d, score, length];
    if (h.length < this.k) {
      h.push(entry);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(h[i]!, h[p]!)) break;
        [h[i], h[p]] = [h[p]!, h[i]!];
        i = p;
      }
      return;
    }
    if (!this.worse(h[0]!, entry)) return;
    h[0] = entry;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.worse(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.worse(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }

  sorted(): Array<[number | string, number]> {
    return [...this.heap].sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0)).map(([d, s]) => [d, s]);
  }
}
