import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateSpecialChildRearingAllowance } from './special-child-rearing-allowance.ts';
import { child, codes, household, parent } from './test-builders.ts';

test('a child with 療育手帳 A: grade 1, 56,800 yen in FY2025 under the income limit', () => {
  const r = estimateSpecialChildRearingAllowance(household('2025-06-01', [parent(4_000_000), parent(0), child('2017-01-01', { disability: { intellectualGrade: 'A' } })]));
  assert.deepEqual(r.monthlyAmount, { min: 56_800, max: 56_800 });
  assert.equal(r.eligible, true);
});

test('amounts follow the fiscal year: FY2024 grade 2 is 36,860 yen', () => {
  const r = estimateSpecialChildRearingAllowance(household('2024-06-01', [parent(1_000_000), child('2017-01-01', { disability: { physicalGrade: 3 } })]));
  assert.deepEqual(r.monthlyAmount, { min: 36_860, max: 36_860 });
});

test('療育手帳 B is only possibly grade 2: the range starts at nothing', () => {
  const r = estimateSpecialChildRearingAllowance(household('2025-06-01', [parent(1_000_000), child('2017-01-01', { disability: { intellectualGrade: 'B' } })]));
  assert.deepEqual(r.monthlyAmount, { min: 0, max: 37_830 });
  assert.deepEqual(codes(r.reasons).slice(0, 1), ['special-child-rearing-allowance.grade-possible']);
});

test('income at or over the claimant limit for the dependants (4,976,000 yen for one) stops it', () => {
  const members = (income: number) => [parent(income), child('2017-01-01', { disability: { physicalGrade: 1 } })];
  assert.deepEqual(estimateSpecialChildRearingAllowance(household('2025-06-01', members(4_975_999))).monthlyAmount, { min: 56_800, max: 56_800 });
  const over = estimateSpecialChildRearingAllowance(household('2025-06-01', members(4_976_000)));
  assert.equal(over.eligible, false);
  assert.ok(codes(over.reasons).includes('special-child-rearing-allowance.over-income-limit'));
});

test('no qualifying grade, no disability, and age 20 each give a reason', () => {
  const mild = estimateSpecialChildRearingAllowance(household('2025-06-01', [parent(0), child('2017-01-01', { disability: { physicalGrade: 6 } })]));
  assert.deepEqual(codes(mild.reasons), ['special-child-rearing-allowance.no-qualifying-grade']);
  const none = estimateSpecialChildRearingAllowance(household('2025-06-01', [parent(0), child('2017-01-01')]));
  assert.deepEqual(codes(none.reasons), ['special-child-rearing-allowance.no-disability']);
  const adult = estimateSpecialChildRearingAllowance(household('2025-06-01', [parent(0), child('2005-01-01', { disability: { physicalGrade: 1 } })]));
  assert.deepEqual(codes(adult.reasons), ['special-child-rearing-allowance.age-limit']);
});
