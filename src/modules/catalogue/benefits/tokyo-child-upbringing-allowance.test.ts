import assert from 'node:assert/strict';
import { test } from 'node:test';
import { child, codes, household, parent, YOKOHAMA } from './test-builders.ts';
import { estimateTokyoDisabilityAllowance, estimateTokyoUpbringingAllowance } from './tokyo-child-upbringing-allowance.ts';

test('育成手当: a single parent in Shibuya with two children under the limit gets 13,500 yen per child', () => {
  const r = estimateTokyoUpbringingAllowance(household('2025-06-01', [parent(2_000_000), child('2015-01-01'), child('2018-01-01')], { singleParent: true }));
  assert.deepEqual(r.monthlyAmount, { min: 27_000, max: 27_000 });
});

test('育成手当: the limit for two dependants is 4,364,000 yen', () => {
  const at = (income: number) =>
    estimateTokyoUpbringingAllowance(household('2025-06-01', [parent(income), child('2015-01-01'), child('2018-01-01')], { singleParent: true }));
  assert.equal(at(4_363_999).eligible, true);
  assert.equal(at(4_364_000).eligible, false);
});

test('outside Tokyo neither 育成手当 nor 障害手当 applies, whatever the household', () => {
  const h = household('2025-06-01', [parent(0), child('2015-01-01', { disability: { intellectualGrade: 1 } })], { municipality: YOKOHAMA, singleParent: true });
  for (const r of [estimateTokyoUpbringingAllowance(h), estimateTokyoDisabilityAllowance(h)]) {
    assert.equal(r.eligible, false);
    assert.deepEqual(r.monthlyAmount, { min: 0, max: 0 });
    assert.equal(r.reasons[0]!.code.endsWith('.not-in-tokyo'), true);
  }
});

test('障害手当: 療育手帳 A in Tokyo gives 15,500 yen under the limit; over the limit for one dependant (3,984,000) nothing', () => {
  const at = (income: number) =>
    estimateTokyoDisabilityAllowance(household('2025-06-01', [parent(income), parent(0), child('2017-01-01', { disability: { intellectualGrade: 'A' } })]));
  assert.deepEqual(at(3_500_000).monthlyAmount, { min: 15_500, max: 15_500 });
  const over = at(4_000_000);
  assert.equal(over.eligible, false);
  assert.match(over.reasons.find((r) => r.code.endsWith('over-income-limit'))!.ja, /扶養親族等1人/);
});

test('障害手当: 愛の手帳 4度 and a mental disability certificate do not qualify', () => {
  const r = estimateTokyoDisabilityAllowance(household('2025-06-01', [parent(0), child('2017-01-01', { disability: { intellectualGrade: 4, mentalGrade: 1 } })]));
  assert.equal(r.eligible, false);
  assert.deepEqual(codes(r.reasons), ['tokyo-child-disability-allowance.no-qualifying-grade']);
});
