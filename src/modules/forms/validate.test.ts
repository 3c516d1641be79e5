import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanFormData, prefillFormData, validateFormData } from './index.ts';
import { sampleLayout, validData, versionOf } from './test-builders.ts';

test('given complete data, when validated, then there are no errors', () => {
  assert.deepEqual(validateFormData(versionOf(), validData()), []);
});

test('given an empty form, when validated, then each required field has one error with a Japanese message naming it', () => {
  const errors = validateFormData(versionOf(), {});
  const byField = Object.fromEntries(errors.map((e) => [e.field, e]));
  assert.deepEqual(
    errors.map((e) => e.field),
    ['applicant.name', 'applicant.kana', 'applicant.birthDate', 'applicant.phone', 'applicant.hasSpouse', 'children'],
  );
  assert.deepEqual(byField['applicant.kana'], {
    field: 'applicant.kana',
    rule: 'required',
    message: { ja: 'フリガナを入力してください', en: 'Enter name in katakana' },
  });
  assert.equal(byField['applicant.hasSpouse']!.message.ja, '配偶者の有無を選択してください');
  assert.equal(byField['children']!.message.ja, '児童を1件以上入力してください');
});

test('given wrong formats, when validated, then the rule and the message say what is wrong', () => {
  const data = validData();
  Object.assign(data.applicant as object, { kana: 'こそだて', birthDate: '2024-02-30', phone: 'abc' });
  const errors = validateFormData(versionOf(), data);
  assert.deepEqual(
    errors.map((e) => [e.field, e.rule]),
    [
      ['applicant.kana', 'pattern'],
      ['applicant.birthDate', 'format'],
      ['applicant.phone', 'pattern'],
    ],
  );
  assert.equal(errors[0]!.message.ja, 'フリガナはカタカナで入力してください');
  assert.match(errors[1]!.message.ja, /正しい日付/);
});

test('given a hidden section, when validated and cleaned, then its fields are not required and its data is dropped', () => {
  const data = { ...validData(), spouse: { name: 123 } };
  assert.deepEqual(validateFormData(versionOf(), data), []);
  assert.equal(cleanFormData(versionOf(), data).spouse, undefined);
});

test('given the section shown by a yes answer, when its field is empty, then it is required', () => {
  const data = validData();
  (data.applicant as Record<string, unknown>).hasSpouse = true;
  assert.deepEqual(
    validateFormData(versionOf(), data).map((e) => [e.field, e.rule, e.message.ja]),
    [['spouse.name', 'required', '配偶者の氏名を入力してください']],
  );
});

test('given a child row that lives apart, when its address is missing, then the row field is named with its number', () => {
  const data = validData();
  data.children = [{ name: 'A', birthDate: '2020-01-01' }, { name: 'B', birthDate: '2021-01-01', livesApart: true }];
  const errors = validateFormData(versionOf(), data);
  assert.deepEqual(errors, [
    { field: 'children[1].address', rule: 'required', message: { ja: '児童 2の別居先の住所を入力してください', en: 'Child 2: Enter address where the child lives' } },
  ]);
});

test('given a row condition that does not hold, when the row carries the dependent field, then it is dropped', () => {
  const data = validData();
  data.children = [{ name: 'A', birthDate: '2020-01-01', livesApart: false, address: 'x' }];
  assert.deepEqual(cleanFormData(versionOf(), data).children, [{ name: 'A', birthDate: '2020-01-01', livesApart: false }]);
});

test('given errors on two steps, when one step is validated, then only its fields are reported', () => {
  const data = { applicant: {}, children: [{}] };
  const step = validateFormData(versionOf(), data, { stepId: 'children' });
  assert.deepEqual(
    step.map((e) => e.field),
    ['children[0].name', 'children[0].birthDate'],
  );
});

test('given a local field out of range and a number of the wrong type, when validated, then minimum and type are reported', () => {
  const version = versionOf();
  const low = validateFormData(version, { ...validData(), local: { extra: { count: 0 } } });
  assert.deepEqual(low.map((e) => [e.field, e.rule, e.message.ja]), [['local.extra.count', 'minimum', '同居人数は1以上の数を入力してください']]);
  const text = validateFormData(version, { ...validData(), local: { extra: { count: 'two' } } });
  assert.deepEqual(text.map((e) => [e.field, e.rule]), [['local.extra.count', 'type']]);
});

test('given too many rows, when validated, then maxItems is reported on the group', () => {
  const data = validData();
  data.children = Array.from({ length: 6 }, () => ({ name: 'A', birthDate: '2020-01-01' }));
  assert.deepEqual(validateFormData(versionOf(), data).map((e) => [e.field, e.rule]), [['children', 'maxItems']]);
});

test('given fields not in the form, when cleaned, then they are dropped rather than rejected', () => {
  const data = { ...validData(), unknown: 'x', applicant: { ...(validData().applicant as object), extra: 1 } };
  assert.deepEqual(validateFormData(versionOf(), data), []);
  assert.equal((cleanFormData(versionOf(), data).applicant as Record<string, unknown>).extra, undefined);
});

test('given the basic four items and a profile, when prefilled, then dates and sex codes are converted to the form’s values', () => {
  const prefilled = prefillFormData(versionOf(), { basic4: { name: '子育 太郎', address: '東京都渋谷区宇田川町1-1', birthDate: '19900501', sex: '1' }, profile: { phone: '03-1111-2222' } });
  assert.deepEqual(prefilled, { applicant: { name: '子育 太郎', birthDate: '1990-05-01', sex: 'male', phone: '03-1111-2222' } });
});

test('given nothing known, when prefilled, then nothing is filled', () => {
  assert.deepEqual(prefillFormData(versionOf(sampleLayout()), {}), {});
});
