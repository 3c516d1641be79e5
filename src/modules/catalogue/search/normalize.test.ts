import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { normalizeMapped, normalizeQuery, normalizeText } from './normalize.ts';
import { bigramsOf, queryGrams, requiredHits, unigramsOf } from './segment.ts';

const same = (a: string, b: string) => assert.equal(normalizeText(a), normalizeText(b), `${a} / ${b}`);

test('full and half width, katakana and hiragana fold to one form', () => {
  same('ＡＢＣ１２３', 'abc123');
  same('ｶﾞｲﾄﾞﾌﾞｯｸ', 'がいどぶっく');
  same('ホイクエン', 'ほいくえん');
  assert.equal(normalizeText('ｼﾞﾄﾞｳ'), '児童');
});

test('long vowel marks: a kana followed by ー reads as its vowel, so トーキョー finds とうきょう', () => {
  assert.equal(normalizeText('トーキョー'), 'とうきょう');
  same('トーキョー', 'とうきょう');
  same('サーービス', 'さあびす');
  same('ケーキ', 'けいき');
  // after a kanji or a letter it carries nothing
  assert.equal(normalizeText('漢ー字'), '漢字');
});

test('iteration marks are expanded', () => {
  assert.equal(normalizeText('人々'), '人人');
  assert.equal(normalizeText('いすゞ'), 'いすず');
  assert.equal(normalizeText('こゝろ'), 'こころ');
  assert.equal(normalizeText('時々の'), '時時の');
});

test('common variants share one form: 子ども/こども/子供, 保育園/保育所, 手当/てあて, 障害/障がい/障碍', () => {
  for (const v of ['子ども', 'こども', '子供', 'コドモ', 'ｺﾄﾞﾓ']) assert.equal(normalizeText(v), 'こども', v);
  same('保育所', '保育園');
  same('ほいくえん', '保育園');
  same('てあて', '手当');
  same('児童てあて', '児童手当');
  same('障がい', '障害');
  same('障碍', '障害');
  same('申し込み', '申込');
  same('一人親', 'ひとり親');
});

test('readings of childcare words find their kanji: ほいく is 保育', () => {
  assert.equal(normalizeText('ほいく'), '保育');
  assert.equal(normalizeText('よぼうせっしゅ'), '予防接種');
  assert.equal(normalizeText('いりょうひ'), '医療費');
});

test('spaces and punctuation are removed; 々 〆 〇 are kept', () => {
  assert.equal(normalizeText('児童 手当（認定請求）・現況届。'), '児童手当認定請求現況届');
  assert.equal(normalizeText('〆切　〇〇'), '〆切〇〇');
  assert.equal(normalizeText('※ 03-1234-5678'), '0312345678');
});

test('a query splits into normalised words, duplicates dropped', () => {
  assert.deepEqual(normalizeQuery('ひとり親　医療費'), ['ひとり親', '医療費']);
  assert.deepEqual(normalizeQuery(' こども、子ども 予防接種 '), ['こども', '予防接種']);
  assert.deepEqual(normalizeQuery('  ・ '), []);
});

test('each normalised character maps back to the original characters it came from', () => {
  const text = '子供の医療費（ｶﾞｲﾄﾞ）';
  const m = normalizeMapped(text);
  assert.equal(m.chars.join(''), 'こどもの医療費がいど');
  // こども came from 子供 (0–2)
  assert.deepEqual([m.start[0], m.end[2]], [0, 2]);
  const i = m.chars.indexOf('医');
  assert.equal(text.slice(m.start[i]!, m.end[i + 2]!), '医療費');
  const g = m.chars.indexOf('が');
  assert.equal(text.slice(m.start[g]!, m.end[g + 2]!), 'ｶﾞｲﾄﾞ');
});

test('bigrams and unigrams count code points and are distinct', () => {
  assert.deepEqual(bigramsOf('児童手当'), ['児童', '童手', '手当']);
  assert.deepEqual(bigramsOf('ああああ'), ['ああ']);
  assert.deepEqual(bigramsOf('𠮷野家'), ['𠮷野', '野家']);
  assert.deepEqual(unigramsOf('保育保'), ['保', '育']);
  assert.deepEqual(queryGrams('税'), { grams: ['税'], titleOnly: true });
});

test('typo tolerance asks for most bigrams of longer words and all of short ones', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 8, 10].map(requiredHits), [1, 2, 2, 3, 4, 6, 8]);
});

test('the string normaliser and the position-mapped one agree on every field of the real service records', () => {
  const texts: string[] = ['ｶﾞｲﾄﾞ', 'トーキョー', 'サーービス', '漢ー字', 'ーあ', 'いすゞ', 'かゞみ', 'ゞ', 'xゞゞ', '人々々', '𠮷々', 'Ｈｅｌｌｏ　Ｗｏｒｌｄ', 'ＫＯＤＯＭＯ子供'];
  for (const file of ['shibuya-parenting-systems.json', 'japan-systems.json']) {
    const data = JSON.parse(readFileSync(new URL(`../../../demo/data/civichat/${file}`, import.meta.url), 'utf8')) as { systemsData: Array<Record<string, unknown>> };
    for (const record of data.systemsData) for (const value of Object.values(record)) if (typeof value === 'string') texts.push(value);
  }
  const differing = texts.filter((t) => normalizeText(t) !== normalizeMapped(t).chars.join(''));
  assert.deepEqual(differing, []);
  assert.ok(texts.length > 1000, `${texts.length} texts compared`);
});
