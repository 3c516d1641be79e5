import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayReaching, fiscalYearEndAfterReaching, isCalendarDate, isUnderAgeForMonth, pickInForce } from './dates.ts';

test('a child reaches an age the day before the birthday; 29 February reaches it on 28 February', () => {
  assert.equal(dayReaching('2010-06-15', 18), '2028-06-14');
  assert.equal(dayReaching('2008-02-29', 18), '2026-02-28');
  assert.equal(dayReaching('2007-04-01', 18), '2025-03-31');
});

test('"the first 31 March after reaching 18": a child born on 1 April leaves a year before one born on 2 April', () => {
  assert.equal(fiscalYearEndAfterReaching('2007-04-01', 18), '2025-03-31');
  assert.equal(fiscalYearEndAfterReaching('2007-04-02', 18), '2026-03-31');
  assert.equal(fiscalYearEndAfterReaching('2008-03-31', 18), '2026-03-31');
});

test('the month in which a child reaches 3 is still an under-3 month; a child born on the 1st reaches it the month before', () => {
  assert.equal(isUnderAgeForMonth('2022-05-02', 3, '2025-05-20'), true);
  assert.equal(isUnderAgeForMonth('2022-05-02', 3, '2025-06-01'), false);
  assert.equal(isUnderAgeForMonth('2022-05-01', 3, '2025-05-01'), false);
  assert.equal(isUnderAgeForMonth('2022-05-01', 3, '2025-04-30'), true);
});

test('calendar dates are checked, not just their shape', () => {
  assert.equal(isCalendarDate('2024-02-29'), true);
  assert.equal(isCalendarDate('2023-02-29'), false);
  assert.equal(isCalendarDate('2025-13-01'), false);
  assert.equal(isCalendarDate('2025-4-1'), false);
});

test('the table in force is the last one that took effect on or before the date', () => {
  const tables = [{ from: '2024-04-01', v: 1 }, { from: '2024-11-01', v: 2 }, { from: '2025-04-01', v: 3 }];
  assert.equal(pickInForce(tables, '2024-10-31')?.v, 1);
  assert.equal(pickInForce(tables, '2024-11-01')?.v, 2);
  assert.equal(pickInForce(tables, '2030-01-01')?.v, 3);
  assert.equal(pickInForce(tables, '2024-03-31'), undefined);
});
