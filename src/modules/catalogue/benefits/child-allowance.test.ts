import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateChildAllowance } from './child-allowance.ts';
import { child, codes, household, parent } from './test-builders.ts';

// Children aged 2, 10 and 20 on 2025-04-01; the 20-year-old is a university student the parents support.
const TODDLER = '2022-10-01';
const PUPIL = '2014-06-01';
const STUDENT = '2004-12-01';

test('2024 rule: a supported student up to 22 is counted but not paid, so the toddler is the third child (10,000 + 30,000)', () => {
  const r = estimateChildAllowance(household('2025-04-01', [parent(), parent(), child(TODDLER), child(PUPIL), child(STUDENT)]));
  assert.equal(r.eligible, true);
  // The eldest is counted first but not paid; the 10-year-old is second (10,000); the 2-year-old third (30,000).
  assert.deepEqual(r.monthlyAmount, { min: 40_000, max: 40_000 });
  assert.deepEqual(codes(r.reasons), ['child-allowance.counted-not-paid', 'child-allowance.child-amount', 'child-allowance.child-amount', 'child-allowance.no-income-limit']);
  assert.equal(r.parametersFrom, '2024-10-01');
});

test('2024 rule: without the student being supported, the toddler is the second child (10,000 + 15,000)', () => {
  const r = estimateChildAllowance(household('2025-04-01', [parent(), child(TODDLER), child(PUPIL), child(STUDENT, { supported: false })]));
  assert.deepEqual(r.monthlyAmount, { min: 25_000, max: 25_000 });
  assert.ok(codes(r.reasons).includes('child-allowance.not-supported'));
});

test('2024 rule: past the first 31 March after 22 a child neither counts nor is paid', () => {
  const r = estimateChildAllowance(household('2025-04-01', [parent(), child('2002-04-02'), child(PUPIL), child(TODDLER)]));
  assert.deepEqual(r.monthlyAmount, { min: 25_000, max: 25_000 });
  assert.equal(r.reasons[0]!.code, 'child-allowance.beyond-counting-age');
});

test('2024 rule: a high-school student is paid until the first 31 March after turning 18, with no income limit', () => {
  const paid = estimateChildAllowance(household('2026-03-31', [parent(50_000_000), child('2007-04-02')]));
  assert.deepEqual(paid.monthlyAmount, { min: 10_000, max: 10_000 });
  const over = estimateChildAllowance(household('2026-04-01', [parent(50_000_000), child('2007-04-02')]));
  assert.equal(over.eligible, false);
  assert.deepEqual(codes(over.reasons), ['child-allowance.no-eligible-child', 'child-allowance.counted-not-paid']);
});

test('former rule on 2024-09-01: the student no longer counts, so 10,000 for the pupil and 15,000 for the toddler', () => {
  const r = estimateChildAllowance(household('2024-09-01', [parent(5_000_000), parent(1_000_000), child(TODDLER), child(PUPIL), child(STUDENT)]));
  assert.deepEqual(r.monthlyAmount, { min: 25_000, max: 25_000 });
  assert.equal(r.parametersFrom, '2022-06-01');
  assert.equal(r.reasons[0]!.code, 'child-allowance.beyond-counting-age');
  assert.ok(codes(r.reasons).includes('child-allowance.under-income-limit'));
});

test('former rule: a third child between 3 and the end of primary school gets 15,000; junior high 10,000', () => {
  const r = estimateChildAllowance(household('2024-06-01', [parent(3_000_000), child('2012-05-01'), child('2014-06-01'), child('2020-01-01')]));
  // 12 (primary, 1st) 10,000 + 9 (2nd) 10,000 + 4 (3rd) 15,000.
  assert.deepEqual(r.monthlyAmount, { min: 35_000, max: 35_000 });
  const older = estimateChildAllowance(household('2024-06-01', [parent(3_000_000), child('2010-05-01')]));
  assert.deepEqual(older.monthlyAmount, { min: 10_000, max: 10_000 }); // 14: junior high
  const past = estimateChildAllowance(household('2024-06-01', [parent(3_000_000), child('2008-05-01')]));
  assert.equal(past.eligible, false); // 16: past junior high, not paid before October 2024
});

test('former rule: over the income limit the special benefit of 5,000 per child; over the upper limit nothing; unknown → range', () => {
  const members = [parent(), parent(), child(TODDLER), child(PUPIL)];
  // Two dependants (the children): limit 6,980,000, upper limit 9,340,000.
  const at = (income: number) => estimateChildAllowance(household('2024-09-01', [parent(income), ...members.slice(2)]));
  assert.deepEqual(at(6_979_999).monthlyAmount, { min: 25_000, max: 25_000 });
  assert.deepEqual(at(6_980_000).monthlyAmount, { min: 10_000, max: 10_000 });
  assert.ok(codes(at(6_980_000).reasons).includes('child-allowance.special-benefit'));
  const over = at(9_340_000);
  assert.equal(over.eligible, false);
  assert.ok(codes(over.reasons).includes('child-allowance.over-upper-limit'));
  const unknown = estimateChildAllowance(household('2024-09-01', members));
  assert.deepEqual(unknown.monthlyAmount, { min: 0, max: 25_000 });
  assert.ok(codes(unknown.reasons).includes('child-allowance.income-unknown'));
});

test('before June 2022 there was no upper limit: the range bottoms out at the special benefit', () => {
  const r = estimateChildAllowance(household('2022-05-01', [parent(), child('2015-01-01')]));
  assert.deepEqual(r.monthlyAmount, { min: 5_000, max: 10_000 });
  assert.equal(r.parametersFrom, '2012-06-01');
});
