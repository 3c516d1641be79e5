import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assessSevereDisability, assessSpecialChildGrade, assessTokyoDisability, describeCertificates } from './disability.ts';

test('特別児童扶養手当: the best grade any certificate points to, with a firm and a possible outcome', () => {
  assert.deepEqual(assessSpecialChildGrade({ physicalGrade: 2 }), { likely: 1, possible: 1 });
  assert.deepEqual(assessSpecialChildGrade({ physicalGrade: 4 }), { possible: 2 });
  assert.deepEqual(assessSpecialChildGrade({ intellectualGrade: 'B', mentalGrade: 1 }), { likely: 1, possible: 1 });
  assert.deepEqual(assessSpecialChildGrade({ intellectualGrade: 'B', physicalGrade: 3 }), { likely: 2, possible: 2 });
  assert.deepEqual(assessSpecialChildGrade({ physicalGrade: 6, intellectualGrade: 4, mentalGrade: 3 }), {});
  assert.deepEqual(assessSpecialChildGrade(undefined), {});
});

test('障害児福祉手当 and Tokyo 障害手当 read the certificates by their own schedules', () => {
  assert.equal(assessSevereDisability({ physicalGrade: 1 }), 'likely');
  assert.equal(assessSevereDisability({ intellectualGrade: 'A' }), 'possible');
  assert.equal(assessSevereDisability({ physicalGrade: 3 }), undefined);
  assert.equal(assessTokyoDisability({ intellectualGrade: 3 }), 'likely');
  assert.equal(assessTokyoDisability({ intellectualGrade: 'B' }), 'possible');
  assert.equal(assessTokyoDisability({ mentalGrade: 1 }), undefined);
});

test('certificates are described in both languages, 愛の手帳 for a Tokyo degree and 療育手帳 otherwise', () => {
  assert.deepEqual(describeCertificates({ physicalGrade: 2, intellectualGrade: 3 }), {
    ja: '身体障害者手帳2級・愛の手帳3度',
    en: 'physical disability certificate grade 2, intellectual disability certificate 3',
  });
  assert.equal(describeCertificates({ intellectualGrade: 'A' }).ja, '療育手帳A');
});
