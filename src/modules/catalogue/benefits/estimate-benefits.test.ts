import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../platform/errors.ts';
import { estimateBenefits } from './estimate-benefits.ts';
import { child, estimateInput, parent, YOKOHAMA } from './test-builders.ts';
import type { BenefitEstimate } from './types.ts';

const byId = (benefits: BenefitEstimate[]) => Object.fromEntries(benefits.map((b) => [b.id, b]));

test('every benefit is listed, eligible or not, each with reasons', () => {
  const { benefits } = estimateBenefits(estimateInput('2025-06-01', [parent(3_000_000), child('2020-01-01')]));
  assert.deepEqual(
    benefits.map((b) => b.id),
    [
      'child-allowance',
      'child-rearing-allowance',
      'special-child-rearing-allowance',
      'disabled-child-welfare-allowance',
      'tokyo-child-upbringing-allowance',
      'tokyo-child-disability-allowance',
    ],
  );
  assert.ok(benefits.every((b) => b.reasons.length > 0 && b.reasons.every((r) => r.ja && r.en)));
});

test('a single parent in Shibuya with a child holding 療育手帳 A and a sibling, income 1,200,000 yen (FY2025)', () => {
  const { benefits } = estimateBenefits(
    estimateInput('2025-06-01', [parent(1_200_000), child('2014-06-01'), child('2017-01-01', { disability: { intellectualGrade: 'A' } })], { singleParent: true }),
  );
  const b = byId(benefits);
  assert.deepEqual(b['child-allowance']!.monthlyAmount, { min: 20_000, max: 20_000 });
  // Two dependants: full payment under 1,450,000 yen.
  assert.deepEqual(b['child-rearing-allowance']!.monthlyAmount, { min: 57_720, max: 57_720 });
  assert.deepEqual(b['special-child-rearing-allowance']!.monthlyAmount, { min: 56_800, max: 56_800 });
  assert.deepEqual(b['disabled-child-welfare-allowance']!.monthlyAmount, { min: 0, max: 16_100 });
  assert.deepEqual(b['tokyo-child-upbringing-allowance']!.monthlyAmount, { min: 27_000, max: 27_000 });
  assert.deepEqual(b['tokyo-child-disability-allowance']!.monthlyAmount, { min: 15_500, max: 15_500 });
});

test('the same household in Yokohama gets no 児童育成手当', () => {
  const { benefits } = estimateBenefits(
    estimateInput('2025-06-01', [parent(1_200_000), child('2014-06-01'), child('2017-01-01', { disability: { intellectualGrade: 'A' } })], {
      singleParent: true,
      municipality: YOKOHAMA,
    }),
  );
  const b = byId(benefits);
  assert.equal(b['tokyo-child-upbringing-allowance']!.eligible, false);
  assert.equal(b['tokyo-child-disability-allowance']!.eligible, false);
  assert.equal(b['child-rearing-allowance']!.eligible, true);
});

function invalid(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof AppError);
    return error;
  }
  assert.fail('expected an AppError');
}

test('semantic errors name their fields: a birth after the date, no members, a wrong check digit, an early date', () => {
  const later = invalid(() => estimateBenefits(estimateInput('2025-06-01', [parent(), child('2025-07-01')])));
  assert.equal(later.code, 'catalogue.invalid_household');
  assert.equal(later.status, 400);
  assert.deepEqual(later.fields.map((f) => [f.field, f.rule]), [['/household/members/1/birthDate', 'notAfterDate']]);

  const empty = invalid(() => estimateBenefits(estimateInput('2025-06-01', [])));
  assert.deepEqual(empty.fields.map((f) => f.field), ['/household/members']);

  const code = invalid(() => estimateBenefits(estimateInput('2025-06-01', [parent()], { municipality: '131131' })));
  assert.deepEqual(code.fields.map((f) => [f.field, f.rule]), [['/municipality', 'checkDigit']]);

  const early = invalid(() => estimateBenefits(estimateInput('2023-03-31', [parent()])));
  assert.deepEqual(early.fields.map((f) => [f.field, f.rule]), [['/date', 'minimum']]);

  const notADate = invalid(() => estimateBenefits(estimateInput('2025-02-29', [parent()])));
  assert.deepEqual(notADate.fields.map((f) => [f.field, f.rule]), [['/date', 'date']]);
  assert.ok(notADate.fields[0]!.message.ja.length > 0);
});
