// The FAQ (§3.10, seed 000 §3.5 E-1 ハ): the national entries shipped as reference data, each
// municipality's own, editing with draft / publish / history, and the residents' search.
//
// Every change is one transaction that writes its help_faq_history row (writeEntry), inside the
// editor's scope: a municipality's administrator changes only its own entries (row-level security),
// national administrators the national ones (platform work, limited to municipality_code NULL).
import type { Transaction } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { Database } from '../../platform/db/tables.ts';
import { withScope } from '../../platform/db/tenancy.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { bigramsOf, normalizeText, planWords } from '../catalogue/index.ts';
import { entryNotFound, invalidEntry, problem, revisionConflict } from './errors.ts';
import { NATIONAL_FAQ, TOPIC_KEYS, type Topic } from './national-faq.ts';
import {
  contentOf,
  countNationalEntries,
  findEntry,
  findNationalEntryBySlug,
  listEditableEntries,
  listEntryHistory,
  listPublishedEntries,
  writeEntry,
  type FaqEntryRow,
} from './repository.ts';
import type { FaqContent } from './tables.ts';

export type FaqEditor = { kind: 'municipality'; municipalityCode: string; label: string } | { kind: 'national'; label: string };

type Trx = Transaction<Database>;

function inEditorTransaction<T>(db: Db, editor: FaqEditor, fn: (trx: Trx) => Promise<T>): Promise<T> {
  if (editor.kind === 'municipality') return withScope(db.kysely, { kind: 'municipality', municipalityCode: editor.municipalityCode }, fn);
  return db.kysely.transaction().execute(fn);
}

const ownerOf = (editor: FaqEditor): string | null => (editor.kind === 'municipality' ? editor.municipalityCode : null);

/** Loads the national FAQ: each entry whose slug is absent, published, with its history row. */
export async function ensureNationalFaq(db: Db): Promise<number> {
  for (const entry of NATIONAL_FAQ) {
    await db.kysely.transaction().execute(async (trx) => {
      if (await findNationalEntryBySlug(trx, entry.slug)) return;
      await writeEntry(
        trx,
        { write: 'create', entry: { municipality_code: null, slug: entry.slug, sort_order: entry.sortOrder, content: entry.content, publish: true } },
        { change: 'created', changedBy: 'national reference data' },
      );
    });
  }
  return countNationalEntries(db.kysely);
}

// --- editing -----------------------------------------------------------------------------------------

export interface EntryInput {
  topic?: string;
  questionJa?: string;
  questionEn?: string;
  answerJa?: string;
  answerEn?: string;
  sortOrder?: number | string;
}

const LIMITS = { question: 300, answer: 8000 };

/** The entry's words, checked; English falls back to the Japanese when left empty. */
export function validateEntryInput(input: EntryInput): { content: FaqContent; sortOrder: number } {
  const fields: FieldProblem[] = [];
  const text = (v: string | undefined) => (v ?? '').replace(/\r\n/g, '\n').trim();
  const topic = text(input.topic);
  const questionJa = text(input.questionJa);
  const answerJa = text(input.answerJa);
  const questionEn = text(input.questionEn) || questionJa;
  const answerEn = text(input.answerEn) || answerJa;
  if (!(TOPIC_KEYS as string[]).includes(topic)) fields.push(problem('topic', 'enum', '分類を選んでください', 'choose a topic'));
  if (!questionJa) fields.push(problem('questionJa', 'required', '質問を入力してください', 'enter the question'));
  if ([...questionJa].length > LIMITS.question || [...questionEn].length > LIMITS.question) fields.push(problem('questionJa', 'maxLength', `質問は${LIMITS.question}文字以内で入力してください`, `the question must be at most ${LIMITS.question} characters`));
  if (!answerJa) fields.push(problem('answerJa', 'required', '回答を入力してください', 'enter the answer'));
  if ([...answerJa].length > LIMITS.answer || [...answerEn].length > LIMITS.answer) fields.push(problem('answerJa', 'maxLength', `回答は${LIMITS.answer}文字以内で入力してください`, `the answer must be at most ${LIMITS.answer} characters`));
  const rawOrder = input.sortOrder === undefined || input.sortOrder === '' ? 100 : Number(input.sortOrder);
  if (!Number.isInteger(rawOrder) || rawOrder < 0 || rawOrder > 10000) fields.push(problem('sortOrder', 'range', '表示順は0〜10000の整数で入力してください', 'the order must be a whole number from 0 to 10000'));
  if (fields.length > 0) throw invalidEntry(fields);
  return { content: { topic: topic as Topic, questionJa, questionEn, answerJa, answerEn }, sortOrder: rawOrder };
}

/** An entry the editor keeps (a municipality never changes a national entry, nor another's). */
async function ownEntry(trx: Trx, editor: FaqEditor, id: string, forUpdate: boolean): Promise<FaqEntryRow> {
  const row = await findEntry(trx, id, { forUpdate });
  if (!row || row.municipality_code !== ownerOf(editor)) throw entryNotFound();
  return row;
}

export interface EditorEntry {
  id: string;
  slug: string | null;
  municipalityCode: string | null;
  status: 'draft' | 'published';
  /** The working copy differs from what residents read. */
  changedSincePublished: boolean;
  revision: number;
  sortOrder: number;
  content: FaqContent;
  published: FaqContent | null;
  publishedAt: string | null;
  updatedAt: string;
}

function sameContent(a: FaqContent, b: FaqContent | null): boolean {
  return b !== null && a.topic === b.topic && a.questionJa === b.questionJa && a.questionEn === b.questionEn && a.answerJa === b.answerJa && a.answerEn === b.answerEn;
}

export function editorEntryOf(row: FaqEntryRow): EditorEntry {
  const content = contentOf(row);
  return {
    id: row.id,
    slug: row.slug,
    municipalityCode: row.municipality_code,
    status: row.status,
    changedSincePublished: row.status === 'published' && !sameContent(content, row.published),
    revision: row.revision,
    sortOrder: row.sort_order,
    content,
    published: row.published,
    publishedAt: row.published_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listEntriesForEditor(deps: { db: Db }, editor: FaqEditor): Promise<EditorEntry[]> {
  const rows = await inEditorTransaction(deps.db, editor, (trx) => listEditableEntries(trx, ownerOf(editor)));
  return rows.map(editorEntryOf);
}

export interface EntryHistoryItem {
  change: string;
  revision: number;
  snapshot: FaqContent;
  changedBy: string | null;
  changedAt: string;
}

export async function getEntryForEditor(deps: { db: Db }, editor: FaqEditor, id: string): Promise<{ entry: EditorEntry; history: EntryHistoryItem[] }> {
  return inEditorTransaction(deps.db, editor, async (trx) => {
    const row = await ownEntry(trx, editor, id, false);
    const history = await listEntryHistory(trx, row.id);
    return {
      entry: editorEntryOf(row),
      history: history.map((h) => ({ change: h.change, revision: h.revision, snapshot: h.snapshot, changedBy: h.changedBy, changedAt: h.changedAt.toISOString() })),
    };
  });
}

export async function createEntry(deps: { db: Db }, editor: FaqEditor, input: EntryInput): Promise<EditorEntry> {
  const { content, sortOrder } = validateEntryInput(input);
  const row = await inEditorTransaction(deps.db, editor, (trx) =>
    writeEntry(trx, { write: 'create', entry: { municipality_code: ownerOf(editor), slug: null, sort_order: sortOrder, content, publish: false } }, { change: 'created', changedBy: editor.label }),
  );
  return editorEntryOf(row);
}

function checkRevision(row: FaqEntryRow, revision: number | undefined): void {
  if (revision !== undefined && revision !== row.revision) throw revisionConflict(row.revision);
}

/** Saves the working copy; residents keep reading the published copy until it is published again. */
export async function updateEntry(deps: { db: Db }, editor: FaqEditor, id: string, input: EntryInput & { revision?: number }): Promise<EditorEntry> {
  const { content, sortOrder } = validateEntryInput(input);
  const row = await inEditorTransaction(deps.db, editor, async (trx) => {
    const current = await ownEntry(trx, editor, id, true);
    checkRevision(current, input.revision);
    return writeEntry(trx, { write: 'update', id, revision: current.revision, content, sortOrder }, { change: 'edited', changedBy: editor.label });
  });
  return editorEntryOf(row);
}

export async function setEntryPublished(deps: { db: Db }, editor: FaqEditor, id: string, publish: boolean, revision?: number): Promise<EditorEntry> {
  const row = await inEditorTransaction(deps.db, editor, async (trx) => {
    const current = await ownEntry(trx, editor, id, true);
    checkRevision(current, revision);
    if (!publish && current.status === 'draft') return current;
    if (publish && current.status === 'published' && sameContent(contentOf(current), current.published)) return current;
    return writeEntry(trx, { write: 'update', id, revision: current.revision, status: publish ? 'published' : 'draft' }, { change: publish ? 'published' : 'unpublished', changedBy: editor.label });
  });
  return editorEntryOf(row);
}

// --- reading and searching (residents) -----------------------------------------------------------------

export interface PublicEntry {
  id: string;
  /** The path part that names the entry: a national entry's slug, or a municipality's entry's id. */
  key: string;
  municipalityCode: string | null;
  topic: string;
  question: { ja: string; en: string };
  answer: { ja: string; en: string };
  publishedAt: string | null;
}

function publicEntryOf(row: FaqEntryRow): PublicEntry {
  const p = row.published!;
  return {
    id: row.id,
    key: row.slug ?? row.id,
    municipalityCode: row.municipality_code,
    topic: p.topic,
    question: { ja: p.questionJa, en: p.questionEn },
    answer: { ja: p.answerJa, en: p.answerEn },
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One published entry, by a national slug or an entry id. */
export async function getPublicEntry(deps: { db: Db }, key: string): Promise<PublicEntry> {
  const row = UUID.test(key) ? await findEntry(deps.db.kysely, key.toLowerCase()) : await findNationalEntryBySlug(deps.db.kysely, key);
  if (!row || row.status !== 'published' || row.mode !== 'live') throw entryNotFound();
  return publicEntryOf(row);
}

export interface FaqSearchInput {
  q?: string;
  /** The resident's municipality: its own entries are searched with the national ones. */
  municipalityCode?: string;
  topic?: string;
}

interface Scored {
  entry: PublicEntry;
  score: number;
}

/**
 * The FAQ search: the services search's normalisation (保育所 finds 保育園, カタカナ finds ひらがな,
 * full-width finds half-width) and its bigrams, over the published entries in both languages. Every
 * word must match: whole in the question (best), whole in the answer, or — typo tolerance, as the
 * services search — by enough of its bigrams. The FAQ is small, so it is searched in memory.
 */
export async function searchFaq(deps: { db: Db }, input: FaqSearchInput): Promise<{ total: number; items: PublicEntry[] }> {
  const rows = await listPublishedEntries(deps.db.kysely, input.municipalityCode ?? null);
  let entries = rows.map(publicEntryOf);
  if (input.topic) entries = entries.filter((e) => e.topic === input.topic);
  const words = planWords(input.q);
  if (words.length === 0) return { total: entries.length, items: entries };
  const scored: Scored[] = [];
  for (const entry of entries) {
    const title = normalizeText(`${entry.question.ja} ${entry.question.en}`);
    const body = normalizeText(`${entry.answer.ja} ${entry.answer.en}`);
    let grams: Set<string> | null = null;
    let score = 0;
    let all = true;
    for (const word of words) {
      if (title.includes(word.text)) score += 3;
      else if (word.titleOnly) all = false;
      else if (body.includes(word.text)) score += 1;
      else {
        grams ??= new Set([...bigramsOf(title), ...bigramsOf(body)]);
        const hits = word.grams.filter((g) => grams!.has(g)).length;
        if (hits >= word.required) score += 0.5;
        else all = false;
      }
      if (!all) break;
    }
    // A municipality's own entry answers its residents more closely than the national one.
    if (all) scored.push({ entry, score: score + (entry.municipalityCode ? 0.1 : 0) });
  }
  scored.sort((a, b) => b.score - a.score);
  return { total: scored.length, items: scored.map((s) => s.entry) };
}
