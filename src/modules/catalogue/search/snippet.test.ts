import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSnippet } from './snippet.ts';

const filler = (n: number) => 'このページでは手続の流れをご案内します。'.repeat(n);

test('given a long text with an early match, then the window marks it and ends in an ellipsis', () => {
  const text = `当区の児童手当は、出生の翌日から15日以内に申請してください。${filler(80)}`;
  const snippet = buildSnippet([text], ['児童手当']);
  assert.match(snippet, /^当区の<mark>児童手当<\/mark>は/);
  assert.ok(snippet.endsWith('…'));
});

test('given a word that occurs whole only far into a long text, then the whole word is marked there, not its bigrams near the start', () => {
  const text = `手当の種類について。${filler(60)}ひとり親家庭には児童扶養手当があります。`;
  const snippet = buildSnippet([text], ['児童扶養手当']);
  assert.match(snippet, /<mark>児童扶養手当<\/mark>/);
  assert.doesNotMatch(snippet, /<mark>手当<\/mark>の種類/);
});

test('given texts where only a later one matches, then the snippet comes from it; given none, the start of the first', () => {
  assert.match(buildSnippet(['保育園のご案内', '予防接種は母子健康手帳を持参'], ['母子健康手帳']), /<mark>母子健康手帳<\/mark>/);
  assert.equal(buildSnippet(['保育園のご案内', '別の文'], ['存在しない語']), '保育園のご案内');
});

test('given a match written differently from the query (子供 for こども), then the original characters are marked', () => {
  assert.match(buildSnippet([`${filler(50)}子供の医療費`], ['こども']), /<mark>子供<\/mark>の医療費/);
});
