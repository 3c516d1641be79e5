import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mergeStepData, parseFormPost, toFormFields } from './form-post.ts';
import { validateFormData } from './index.ts';
import { sampleLayout, validData, versionOf } from './test-builders.ts';

test('given flat names, when parsed, then the nested data has converted values', () => {
  const { data, action } = parseFormPost(sampleLayout(), {
    'applicant.name': '子育 太郎',
    'applicant.kana': 'コソダテ タロウ',
    'applicant.hasSpouse': 'false',
    'children[1].name': 'B',
    'children[0].name': 'A',
    'children[0].livesApart': 'true',
    'local.extra.count': '３',
    'unknown.field': 'dropped',
  });
  assert.equal(action, null);
  assert.deepEqual(data, {
    applicant: { name: '子育 太郎', kana: 'コソダテ タロウ', hasSpouse: false },
    children: [{ name: 'A', livesApart: true }, { name: 'B' }],
    local: { extra: { count: 3 } },
  });
});

test('given a number that is not one, when parsed, then the text is kept so validation reports its type', () => {
  const { data } = parseFormPost(sampleLayout(), { 'local.extra.count': '三人' });
  assert.deepEqual(data, { children: [], local: { extra: { count: '三人' } } });
  const errors = validateFormData(versionOf(), { ...validData(), ...data, children: validData().children });
  assert.deepEqual(errors.map((e) => [e.field, e.rule, e.message.ja]), [['local.extra.count', 'type', '同居人数は整数で入力してください']]);
});

test('given the add and remove buttons, when posted, then a row is added or that row removed', () => {
  const body = { 'children[0]._row': '1', 'children[0].name': 'A', 'children[1]._row': '1', 'children[1].name': 'B' };
  const added = parseFormPost(sampleLayout(), { ...body, _action: 'add:children' }, { stepId: 'children' });
  assert.deepEqual(added.action, { kind: 'add', group: 'children' });
  assert.deepEqual(added.data.children, [{ name: 'A' }, { name: 'B' }, {}]);
  const removed = parseFormPost(sampleLayout(), { ...body, _action: 'remove:children:0' }, { stepId: 'children' });
  assert.deepEqual(removed.data.children, [{ name: 'B' }]);
});

test('given data, when turned into fields and parsed again, then it is the same data', () => {
  const data = validData();
  const fields = toFormFields(sampleLayout(), data);
  assert.equal(fields['children[0].name'], '子育 花子');
  assert.deepEqual(parseFormPost(sampleLayout(), fields).data, data);
});

test('given one step posted, when merged, then the other steps keep their data and cleared fields go', () => {
  const base = validData();
  const { data } = parseFormPost(sampleLayout(), { 'applicant.name': '新しい 名前' }, { stepId: 'applicant' });
  const merged = mergeStepData(sampleLayout(), base, data, 'applicant');
  assert.deepEqual(merged.applicant, { name: '新しい 名前' });
  assert.deepEqual(merged.children, base.children);
});
