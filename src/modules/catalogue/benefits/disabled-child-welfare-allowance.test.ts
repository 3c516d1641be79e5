import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateDisabledChildWelfareAllowance } from './disabled-child-welfare-allowance.ts';
import { child, codes, household, parent } from './test-builders.ts';

test('a child with physical grade 1: 16,100 yen in FY2025, 15,690 yen in FY2024, 15,220 yen in FY2023', () => {
  const at = (date: string) =>
    estimateDisabledChildWelfareAllowance(household(date, [parent(3_000_000), child('2015-01-01', { disability: { physicalGrade: 1 } })])).monthlyAmount;
  assert.deepEqual(at('2025-06-01'), { min: 16_100, max: 16_100 });
  assert.deepEqual(at('2024-06-01'), { min: 15_690, max: 15_690 });
  assert.deepEqual(at('2023-06-01'), { min: 15_220, max: 15_220 });
});

test('療育手帳 A may or may not mean a severe disability needing constant care: a range, and the reason says who decides', () => {
  const r = estimateDisabledChildWelfareAllowance(household('2025-06-01', [parent(3_000_000), child('2015-01-01', { disability: { intellectualGrade: 'A' } })]));
  assert.deepEqual(r.monthlyAmount, { min: 0, max: 16_100 });
  assert.equal(r.eligible, true);
  assert.match(r.reasons[0]!.en, /doctor's certificate/);
});

test('a parent at or over the liable relatives\' limit (6,536,000 yen for one dependant) stops it', () => {
  const r = estimateDisabledChildWelfareAllowance(household('2025-06-01', [parent(6_536_000), child('2015-01-01', { disability: { physicalGrade: 1 } })]));
  assert.equal(r.eligible, false);
  assert.ok(codes(r.reasons).includes('disabled-child-welfare-allowance.over-income-limit'));
});

test('a moderate disability does not qualify', () => {
  const r = estimateDisabledChildWelfareAllowance(household('2025-06-01', [parent(0), child('2015-01-01', { disability: { physicalGrade: 4, mentalGrade: 2 } })]));
  assert.equal(r.eligible, false);
  assert.deepEqual(codes(r.reasons), ['disabled-child-welfare-allowance.no-qualifying-grade']);
});
