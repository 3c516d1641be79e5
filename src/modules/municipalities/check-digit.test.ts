import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeCheckDigit, isValidLocalGovernmentCode } from './check-digit.ts';

test('computes the check digit of known codes', () => {
  assert.equal(computeCheckDigit('13113'), 0); // 渋谷区 131130: remainder 1 gives 0
  assert.equal(computeCheckDigit('01100'), 2); // 札幌市 011002
  assert.equal(computeCheckDigit('27100'), 4); // 大阪市 271004
  assert.equal(computeCheckDigit('13000'), 1); // 東京都 130001
});

test('accepts valid codes and refuses wrong digits, lengths and characters', () => {
  assert.equal(isValidLocalGovernmentCode('131130'), true);
  assert.equal(isValidLocalGovernmentCode('131131'), false);
  assert.equal(isValidLocalGovernmentCode('13113'), false);
  assert.equal(isValidLocalGovernmentCode('13113a'), false);
  assert.equal(isValidLocalGovernmentCode('１３１１３０'), false);
});
