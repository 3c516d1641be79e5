// The FAQ: the national entries as reference data (loaded once, never overwriting edits), the search
// with the services search's normalisation, municipal entries with draft / publish / history, each
// municipality's drafts hidden from the others (R15), and the history guard at commit.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { ensureMunicipalityMaster } from '../municipalities/index.ts';
import { describeOnDatabases } from '../../platform/testing/database.ts';
import { isAppError } from '../../platform/errors.ts';
import { createEntry, ensureNationalFaq, getEntryForEditor, getPublicEntry, listEntriesForEditor, searchFaq, setEntryPublished, updateEntry, type FaqEditor } from './faq.ts';
import { FAQ_SLUGS, NATIONAL_FAQ } from './national-faq.ts';

const shibuya: FaqEditor = { kind: 'municipality', municipalityCode: '131130', label: 'shibuya.admin' };
const yokohama: FaqEditor = { kind: 'municipality', municipalityCode: '141003', label: 'yokohama.admin' };
const nation: FaqEditor = { kind: 'national', label: 'national.admin' };
const ENTRY = { topic: 'other', questionJa: '渋谷区の保育所の申込はいつまでですか。', questionEn: 'When do Shibuya’s nursery applications close?', answerJa: '毎月10日までです。', answerEn: 'By the 10th of each month.' };

const code = (error: unknown) => (isAppError(error) ? error.code : String(error));

describeOnDatabases('help: the FAQ', (ctx) => {
  before(async () => {
    await ensureMunicipalityMaster(ctx.db.kysely);
    await ensureNationalFaq(ctx.db);
  });

  test('given the reference data, then every national entry is published once, and loading again overwrites no edit', async () => {
    const all = await searchFaq(ctx, {});
    assert.equal(all.total, NATIONAL_FAQ.length);
    const lockout = await getPublicEntry(ctx, FAQ_SLUGS.pinLockout);
    assert.match(lockout.answer.ja, /3回/);
    assert.match(lockout.answer.ja, /5回/);
    assert.match(lockout.answer.en, /3 wrong tries/);
    const entries = await listEntriesForEditor(ctx, nation);
    const receipts = entries.find((e) => e.slug === FAQ_SLUGS.receipts)!;
    await updateEntry(ctx, nation, receipts.id, { ...receipts.content, answerJa: `${receipts.content.answerJa}（改訂）`, revision: receipts.revision });
    await setEntryPublished(ctx, nation, receipts.id, true);
    assert.equal(await ensureNationalFaq(ctx.db), NATIONAL_FAQ.length);
    assert.match((await getPublicEntry(ctx, FAQ_SLUGS.receipts)).answer.ja, /（改訂）$/);
  });

  test('given a query in other notations, then the search finds the entries as the services search would', async () => {
    // Katakana and full-width letters fold as in the services search; every word must match.
    const lockout = await searchFaq(ctx, { q: 'ロック　暗証番号' });
    assert.equal(lockout.items[0]?.key, FAQ_SLUGS.pinLockout);
    const fullWidth = await searchFaq(ctx, { q: 'ＰＩＮ locked' });
    assert.equal(fullWidth.items[0]?.key, FAQ_SLUGS.pinLockout);
    const hiragana = await searchFaq(ctx, { q: 'まいなんばーかーど ろぐいん' });
    assert.ok(hiragana.items.some((e) => e.key === 'card-login'), 'ひらがな finds マイナンバーカード');
    assert.equal((await searchFaq(ctx, { q: '宇宙旅行の申込' })).total, 0);
    const byTopic = await searchFaq(ctx, { topic: 'proxies' });
    assert.deepEqual(byTopic.items.map((e) => e.key), ['proxies']);
  });

  test('given a municipal entry, then it is a draft its residents do not see until it is published, and each change has its history row', async () => {
    const draft = await createEntry(ctx, shibuya, ENTRY);
    assert.equal(draft.status, 'draft');
    assert.equal((await searchFaq(ctx, { q: '保育園 申込', municipalityCode: '131130' })).total, 0);
    await setEntryPublished(ctx, shibuya, draft.id, true);
    // 保育所 is found by 保育園: the services search's variants.
    const found = await searchFaq(ctx, { q: '保育園 申込', municipalityCode: '131130' });
    assert.deepEqual(found.items.map((e) => e.id), [draft.id]);
    assert.equal((await searchFaq(ctx, { q: '保育園 申込' })).total, 0, 'only with the municipality chosen');
    assert.equal((await searchFaq(ctx, { q: '保育園 申込', municipalityCode: '141003' })).total, 0, 'not for another municipality');

    // An edit stays a draft: residents read the published copy until it is published again.
    const edited = await updateEntry(ctx, shibuya, draft.id, { ...ENTRY, answerJa: '毎月15日までです。', revision: 2 });
    assert.equal(edited.changedSincePublished, true);
    assert.equal((await getPublicEntry(ctx, draft.id)).answer.ja, '毎月10日までです。');
    await setEntryPublished(ctx, shibuya, draft.id, true);
    assert.equal((await getPublicEntry(ctx, draft.id)).answer.ja, '毎月15日までです。');
    await setEntryPublished(ctx, shibuya, draft.id, false);
    await assert.rejects(getPublicEntry(ctx, draft.id), (e) => code(e) === 'help.entry_not_found');

    const { history } = await getEntryForEditor(ctx, shibuya, draft.id);
    assert.deepEqual(
      history.map((h) => [h.revision, h.change, h.changedBy]),
      [
        [5, 'unpublished', 'shibuya.admin'],
        [4, 'published', 'shibuya.admin'],
        [3, 'edited', 'shibuya.admin'],
        [2, 'published', 'shibuya.admin'],
        [1, 'created', 'shibuya.admin'],
      ],
    );
    assert.equal(history[2]!.snapshot.answerJa, '毎月15日までです。');

    // A stale revision is refused.
    await assert.rejects(updateEntry(ctx, shibuya, draft.id, { ...ENTRY, revision: 3 }), (e) => code(e) === 'help.revision_conflict');
  });

  test("given two municipalities, then neither sees nor changes the other's entries, and neither changes a national one", async () => {
    const mine = await createEntry(ctx, shibuya, { ...ENTRY, questionJa: '渋谷区だけの下書き' });
    assert.ok(!(await listEntriesForEditor(ctx, yokohama)).some((e) => e.id === mine.id));
    await assert.rejects(getEntryForEditor(ctx, yokohama, mine.id), (e) => code(e) === 'help.entry_not_found');
    await assert.rejects(updateEntry(ctx, yokohama, mine.id, ENTRY), (e) => code(e) === 'help.entry_not_found');
    await assert.rejects(setEntryPublished(ctx, yokohama, mine.id, true), (e) => code(e) === 'help.entry_not_found');
    const national = (await listEntriesForEditor(ctx, nation))[0]!;
    await assert.rejects(updateEntry(ctx, shibuya, national.id, ENTRY), (e) => code(e) === 'help.entry_not_found');
    // The national side keeps only the national entries.
    assert.ok((await listEntriesForEditor(ctx, nation)).every((e) => e.municipalityCode === null));
  });

  test('given invalid words, then the entry is refused naming each field', async () => {
    await assert.rejects(createEntry(ctx, shibuya, { topic: 'nonsense', questionJa: ' ', answerJa: '' }), (e) => {
      assert.ok(isAppError(e));
      assert.deepEqual(e.fields.map((f) => f.field).sort(), ['answerJa', 'questionJa', 'topic']);
      return true;
    });
  });

  test('given a writer that bypasses the repository, when it changes an entry without a history row, then the commit is refused', async () => {
    const entry = await createEntry(ctx, shibuya, ENTRY);
    await assert.rejects(
      ctx.db.kysely.transaction().execute((trx) => sql`update help_faq_entries set answer_ja = 'x', revision = revision + 1 where id = ${entry.id}`.execute(trx)),
      /without its history row/,
    );
    await assert.rejects(
      sql`insert into help_faq_entries (municipality_code, topic, question_ja, question_en, answer_ja, answer_en) values ('131130', 'other', 'q', 'q', 'a', 'a')`.execute(ctx.db.kysely),
      /without its history row/,
    );
    assert.equal((await getEntryForEditor(ctx, shibuya, entry.id)).entry.content.answerJa, ENTRY.answerJa);
  });
});
