import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { emptyHouseholdValues, MAX_CHILD_ROWS, parseHousehold, readHouseholdValues, type HouseholdValues } from './household-form.ts';

const TODAY = '2026-11-21';

function values(change: Partial<HouseholdValues> & { births?: string[] } = {}): HouseholdValues {
  const v = { ...emptyHouseholdValues('131130'), ...change };
  (change.births ?? []).forEach((b, i) => (v.children[i] = { ...v.children[i]!, birthDate: b }));
  return v;
}

describe('the household form of the life-event pages', () => {
  test('given two children and no income, then the estimate has two parents without income and the children', () => {
    const parsed = parseHousehold(values({ births: ['2020-05-05', '2025-06-01'] }), TODAY);
    assert.ok(parsed.ok);
    const members = parsed.household.input.household.members;
    assert.deepEqual(
      members.map((m) => [m.relation, m.incomeAfterDeductions]),
      [
        ['parent', undefined],
        ['parent', undefined],
        ['child', undefined],
        ['child', undefined],
      ],
    );
    assert.equal(parsed.household.input.municipality, '131130');
    assert.equal(parsed.household.input.date, TODAY);
    assert.equal(parsed.household.incomeGiven, false);
  });

  test('given a single parent with an income written with commas and 円, then one parent with that income', () => {
    const parsed = parseHousehold(values({ singleParent: true, income1: '２,３００,０００円', income2: 'ignored', births: ['2020/5/5'] }), TODAY);
    assert.ok(parsed.ok);
    const parents = parsed.household.input.household.members.filter((m) => m.relation === 'parent');
    assert.deepEqual(parents.map((p) => p.incomeAfterDeductions), [2_300_000]);
    assert.equal(parsed.household.input.household.singleParent, true);
    assert.equal(parsed.household.children[0]!.birthDate, '2020-05-05');
  });

  test('given disability grades, then they reach the estimate as the certificate grades', () => {
    const v = values({ births: ['2018-01-10'] });
    v.children[0] = { ...v.children[0]!, physical: '2', intellectual: 'A', mental: '' };
    v.children[1] = { ...v.children[1]!, birthDate: '2019-02-02', intellectual: '3' };
    const parsed = parseHousehold(v, TODAY);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.household.children.map((c) => c.disability), [{ physicalGrade: 2, intellectualGrade: 'A' }, { intellectualGrade: 3 }]);
  });

  test('given wrong entries, then each is named at its field in both languages', () => {
    const v = values({ municipality: '', income1: 'たくさん', births: ['2024-02-30', '2027-01-01'] });
    v.children[2] = { ...v.children[2]!, physical: '1' };
    const parsed = parseHousehold(v, TODAY);
    assert.ok(!parsed.ok);
    assert.deepEqual(
      parsed.errors.map((e) => e.field),
      ['municipality', 'child-1-birth', 'child-2-birth', 'child-3-birth', 'income1'],
    );
    assert.match(parsed.errors[2]!.message.ja, /今日より後/);
    assert.match(parsed.errors[2]!.message.en, /after today/);
    assert.match(parsed.errors[3]!.message.ja, /3人目のお子さんの生年月日を入力してください/);
  });

  test('given a typed code with a wrong check digit, then the code field is in error; a right one wins over the select', () => {
    const wrong = parseHousehold(values({ municipalityCode: '131131' }), TODAY);
    assert.ok(!wrong.ok);
    assert.deepEqual(wrong.errors.map((e) => e.field), ['municipalityCode']);
    const right = parseHousehold(values({ municipalityCode: '２７１００４' }), TODAY);
    assert.ok(right.ok);
    assert.equal(right.household.municipalityCode, '271004');
  });

  test('given the button for more rows, then two empty rows are added, up to the limit', () => {
    assert.equal(readHouseholdValues({ rows: '4', more: '1' }).values.children.length, 6);
    assert.equal(readHouseholdValues({ rows: '9', more: '1' }).values.children.length, MAX_CHILD_ROWS);
    assert.equal(readHouseholdValues({ rows: '999' }).values.children.length, MAX_CHILD_ROWS);
    assert.equal(readHouseholdValues({}).values.children.length, 4);
    const read = readHouseholdValues({ rows: '4', 'child-2-birth': '2022-02-02', singleParent: 'yes', municipality: '141003' });
    assert.equal(read.values.children[1]!.birthDate, '2022-02-02');
    assert.equal(read.values.singleParent, true);
    assert.equal(read.values.municipality, '141003');
  });
});
