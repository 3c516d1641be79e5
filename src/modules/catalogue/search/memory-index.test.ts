// The in-process engine's shortcuts (counting without scoring once the best k are fixed, and
// turning a document away at its first missing title gram) must never change a result: the top k
// found with them equal the first k of the full ranking, on a corpus where many documents tie.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryIndex } from './memory-index.ts';
import { planWords, type SearchPlan } from './plan.ts';
import type { IndexRow } from './repository.ts';
import { bigramsOf, unigramsOf } from './segment.ts';
import { seededRandom } from '../../../platform/testing/random.ts';

const PIECES = ['児童手当', '保育園', '申請', 'まいなぽうたる', '医療費', '助成', 'ひとり親', '一時保育', '手当', '認定', '届出', '支援'];

function corpus(n: number): IndexRow[] {
  const rnd = seededRandom(42);
  const pick = () => PIECES[Math.floor(rnd() * PIECES.length)]!;
  return Array.from({ length: n }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    municipality_code: i % 3 === 0 ? null : '131130',
    prefecture_code: i % 3 === 0 ? null : '13',
    searchable: true,
    categories: i % 2 === 0 ? ['benefits'] : ['childcare'],
    life_events: [],
    apply_methods: [],
    acceptance_start: null,
    acceptance_end: null,
    title_norm: Array.from({ length: 1 + Math.floor(rnd() * 3) }, pick).join(''),
    body_norm: Array.from({ length: 4 + Math.floor(rnd() * 6) }, pick).join(''),
  }));
}

test('given thousands of documents with tied scores, when a page of k is asked for, then it is the first k of the full ranking', () => {
  const rows = corpus(4000);
  const index = new MemoryIndex(rows);
  const queries = ['まいなぽうたる 申請', '手当', '児童手当 認定', '保育 助成', '医療費', 'ひとり親 支援 届出', '申請', 'まいなぽうたる', '一時保育 申請 支援'];
  let compared = 0;
  for (const q of queries) {
    for (const fuzzy of [false, true]) {
      for (const category of [undefined, 'benefits']) {
        const plan = (limit: number, offset = 0): SearchPlan => ({ words: planWords(q), owners: null, ...(category ? { category } : {}), limit, offset });
        const full = index.search(plan(rows.length), fuzzy);
        for (const [limit, offset] of [[5, 0], [20, 0], [20, 20], [1, 0]] as const) {
          const page = index.search(plan(limit, offset), fuzzy);
          assert.equal(page.total, full.total, `${q}: total`);
          assert.deepEqual(page.hits, full.hits.slice(offset, offset + limit), `${q} (fuzzy ${fuzzy}, ${category ?? 'all'}, ${limit}@${offset})`);
          compared++;
        }
      }
    }
  }
  assert.ok(compared > 100);
});

/** The ranking by the ADR's formula, document by document, with nothing clever: the reference. */
function naive(rows: IndexRow[], plan: SearchPlan): { total: number; hits: Array<{ id: string; score: number }> } {
  const scored: Array<{ id: string; score: number; length: number }> = [];
  for (const r of rows) {
    if (plan.category && !r.categories.includes(plan.category)) continue;
    const title = new Set([...unigramsOf(r.title_norm), ...bigramsOf(r.title_norm)]);
    const all = new Set([...bigramsOf(r.title_norm), ...bigramsOf(r.body_norm)]);
    let score = 0;
    let ok = true;
    for (const w of plan.words) {
      const k = w.grams.length;
      const tHits = w.grams.filter((g) => title.has(g)).length;
      const aHits = w.titleOnly ? tHits : w.grams.filter((g) => all.has(g)).length;
      if (aHits < k) ok = false;
      const phrase = tHits === k && r.title_norm.includes(w.text) ? 400 : 0;
      score += w.titleOnly ? phrase + 300 : phrase + Math.floor((200 * tHits) / k) + Math.floor((100 * aHits) / k);
    }
    if (ok) scored.push({ id: r.id, score, length: [...r.title_norm].length });
  }
  scored.sort((a, b) => b.score - a.score || a.length - b.length || (a.id < b.id ? -1 : 1));
  return { total: scored.length, hits: scored.slice(plan.offset, plan.offset + plan.limit).map(({ id, score }) => ({ id, score })) };
}

test('given the same corpus, then exact results equal the formula applied document by document', () => {
  const rows = corpus(3000);
  const index = new MemoryIndex(rows);
  for (const q of ['まいなぽうたる 申請', '手当', '児童手当 認定', '医療費', 'ひとり親 支援 届出', '申', '一時保育 申請 支援', '存在しない']) {
    for (const category of [undefined, 'benefits']) {
      // A page, and every hit: documents matching in the body only rank last, by title length.
      for (const limit of [20, rows.length]) {
        const plan: SearchPlan = { words: planWords(q), owners: null, ...(category ? { category } : {}), limit, offset: 0 };
        assert.deepEqual(index.search(plan, false), naive(rows, plan), `${q} (${category ?? 'all'}, ${limit})`);
      }
    }
  }
});
