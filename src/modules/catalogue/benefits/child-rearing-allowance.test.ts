import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHILD_REARING_TABLES, estimateChildRearingAllowance, partialCoefficient } from './child-rearing-allowance.ts';
import { pickInForce } from './dates.ts';
import { child, codes, household, parent } from './test-builders.ts';

const TWO_CHILDREN = [child('2015-08-01'), child('2018-02-01')];
const single = (date: string, income?: number, children = TWO_CHILDREN) =>
  estimateChildRearingAllowance(household(date, [parent(income), ...children], { singleParent: true }));

test('the reduction coefficient derived from the table is the published one (FY2025 base amount 0.0256619)', () => {
  const fy2025 = pickInForce(CHILD_REARING_TABLES, '2025-04-01')!;
  assert.equal(partialCoefficient(fy2025, 'first'), 0.0256619);
  assert.equal(partialCoefficient(fy2025, 'second'), 0.0039568);
});

test('FY2025, two children, two dependants: just under the full-payment limit of 1,450,000 yen → 46,690 + 11,030', () => {
  const r = single('2025-06-01', 1_449_999);
  assert.deepEqual(r.monthlyAmount, { min: 57_720, max: 57_720 });
  assert.ok(codes(r.reasons).includes('child-rearing-allowance.full-payment'));
});

test('FY2025, two children: at or just over the limit the partial amounts apply, reduced by the coefficients', () => {
  // At the limit: the highest partial amounts, 46,680 + 11,020.
  assert.deepEqual(single('2025-06-01', 1_450_000).monthlyAmount, { min: 57_700, max: 57_700 });
  // 10,000 yen over: 46,680 − 256.6 → 46,420; 11,020 − 39.6 → 10,980.
  const over = single('2025-06-01', 1_460_000);
  assert.deepEqual(over.monthlyAmount, { min: 57_400, max: 57_400 });
  assert.ok(codes(over.reasons).includes('child-rearing-allowance.partial-payment'));
  // 550,000 over: 46,680 − 14,114.0 → 32,570; 11,020 − 2,176.2 → 8,840.
  assert.deepEqual(single('2025-06-01', 2_000_000).monthlyAmount, { min: 41_410, max: 41_410 });
  // Just under the partial limit of 2,840,000 the lowest amounts: 11,010 + 5,520.
  assert.deepEqual(single('2025-06-01', 2_839_999).monthlyAmount, { min: 16_530, max: 16_530 });
});

test('at or over the partial-payment limit for the number of dependants nothing is paid, and the reason says so', () => {
  const r = single('2025-06-01', 2_840_000);
  assert.equal(r.eligible, false);
  const reason = r.reasons.find((x) => x.code === 'child-rearing-allowance.over-income-limit')!;
  assert.match(reason.en, /2,840,000 yen for 2 dependant/);
});

test('without income: the range from nothing to the full amount', () => {
  const r = single('2025-06-01', undefined);
  assert.deepEqual(r.monthlyAmount, { min: 0, max: 57_720 });
  assert.equal(r.eligible, true);
  assert.ok(codes(r.reasons).includes('child-rearing-allowance.income-unknown'));
});

test('November 2024: the third-child addition rises to the second-child one and the income limits rise', () => {
  const three = [...TWO_CHILDREN, child('2020-01-01')];
  assert.deepEqual(single('2024-10-01', 0, three).monthlyAmount, { min: 62_700, max: 62_700 }); // 45,500 + 10,750 + 6,450
  assert.deepEqual(single('2024-11-01', 0, three).monthlyAmount, { min: 67_000, max: 67_000 }); // 45,500 + 10,750 + 10,750
  // 1,300,000 yen with two dependants: partial before (limit 1,250,000), full after (limit 1,450,000).
  assert.ok(single('2024-10-01', 1_300_000).monthlyAmount.max < 56_250);
  assert.deepEqual(single('2024-11-01', 1_300_000).monthlyAmount, { min: 56_250, max: 56_250 });
});

test('a two-parent household is not eligible', () => {
  const r = estimateChildRearingAllowance(household('2025-06-01', [parent(0), parent(0), ...TWO_CHILDREN]));
  assert.equal(r.eligible, false);
  assert.deepEqual(codes(r.reasons), ['child-rearing-allowance.not-single-parent']);
});

test('a child past 18 counts until 20 with a disability; without one the age limit is the reason', () => {
  const withDisability = single('2025-06-01', 0, [child('2006-01-01', { disability: { physicalGrade: 2 } })]);
  assert.deepEqual(withDisability.monthlyAmount, { min: 46_690, max: 46_690 });
  const without = single('2025-06-01', 0, [child('2006-01-01')]);
  assert.equal(without.eligible, false);
  assert.ok(codes(without.reasons).includes('child-rearing-allowance.age-limit'));
});

test('a liable relative living with the claimant with income over their limit stops the allowance', () => {
  const r = estimateChildRearingAllowance(household('2025-06-01', [parent(0), parent(3_200_000, '1955-01-01'), ...TWO_CHILDREN], { singleParent: true }));
  assert.equal(r.eligible, false);
  assert.ok(codes(r.reasons).includes('child-rearing-allowance.supporter-over-limit'));
});

test('a date in a fiscal year whose revision is not recorded says which amounts were used', () => {
  const r = single('2026-06-01', 0);
  assert.equal(r.parametersFrom, '2025-04-01');
  assert.ok(codes(r.reasons).includes('child-rearing-allowance.revision-not-recorded'));
  assert.ok(!codes(single('2025-06-01', 0).reasons).includes('child-rearing-allowance.revision-not-recorded'));
});
