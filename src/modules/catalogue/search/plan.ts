// A search as both engines execute it: normalised words with their grams, and resolved filters.
import { normalizeQuery } from './normalize.ts';
import { queryGrams, requiredHits } from './segment.ts';

export interface PlanWord {
  /** The normalised word, matched whole against the title for the phrase bonus. */
  text: string;
  grams: string[];
  /** One character: matched against title characters only. */
  titleOnly: boolean;
  /** Bigrams needed when nothing matches exactly (typo tolerance). */
  required: number;
}

export interface SearchPlan {
  words: PlanWord[];
  /** A municipality's view: its own services (and its designated city's, for a ward), its
   *  prefecture's and the national ones. Null: the whole country. */
  owners: { municipalityCodes: string[]; prefectureCode: string } | null;
  category?: string;
  lifeEvent?: string;
  applyMethod?: string;
  /** Accepting applications on this date (YYYY-MM-DD). */
  openOn?: string;
  limit: number;
  offset: number;
}

export function planWords(q: string | undefined): PlanWord[] {
  // Ten words are plenty for a resident's query and bound the work of one request.
  return normalizeQuery(q ?? '')
    .slice(0, 10)
    .map((text) => {
      const { grams, titleOnly } = queryGrams(text);
      return { text, grams, titleOnly, required: titleOnly ? 1 : requiredHits(grams.length) };
    });
}

/** Whether a fuzzy pass could find more than the exact one: some word has a bigram to spare. */
export function canTolerateTypos(words: PlanWord[]): boolean {
  return words.some((w) => !w.titleOnly && w.required < w.grams.length);
}
