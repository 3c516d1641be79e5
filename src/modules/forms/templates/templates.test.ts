import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NATIONAL_PROCEDURES } from '../../catalogue/index.ts';
import { layoutProblems } from '../check-layout.ts';
import { cleanFormData, prefillFormData, validateFormData } from '../index.ts';
import { versionOf } from '../test-builders.ts';
import { layoutOfTemplate, NATIONAL_TEMPLATES } from './index.ts';

test('given the 15 focus procedures, then each has exactly one national template', () => {
  assert.deepEqual(NATIONAL_TEMPLATES.map((t) => t.procedureId).sort(), NATIONAL_PROCEDURES.map((p) => p.id).sort());
});

for (const template of NATIONAL_TEMPLATES) {
  test(`given the template of ${template.procedureId}, then its layout is well formed and an empty form asks for the applicant`, () => {
    const layout = layoutOfTemplate(template);
    assert.deepEqual(layoutProblems(layout), []);
    const errors = validateFormData(versionOf(layout), {});
    assert.ok(errors.some((e) => e.field === 'applicant.kana' && e.message.ja === 'フリガナを入力してください'));
  });
}

function certification() {
  return versionOf(layoutOfTemplate(NATIONAL_TEMPLATES.find((t) => t.procedureId === 'child-allowance.certification')!));
}

const claim = {
  applicant: {
    name: '子育 太郎',
    kana: 'コソダテ タロウ',
    birthDate: '1990-05-01',
    postalCode: '150-8010',
    address: '東京都渋谷区宇田川町1-1',
    phone: '03-1234-5678',
    occupation: '会社員',
    pension: 'kosei',
    employer: '株式会社ワンストップ',
    relationshipToChildren: 'father',
  },
  reason: { reason: 'birth', reasonDate: '2025-04-10' },
  household: { hasSpouse: true },
  spouse: { name: '子育 花子', kana: 'コソダテ ハナコ', birthDate: '1991-02-03', livesTogether: true },
  children: [{ name: '子育 一郎', kana: 'コソダテ イチロウ', birthDate: '2025-04-10', relationship: 'child', livingArrangement: 'together' }],
  account: { kind: 'public' },
  declaration: { agreed: true },
};

test('given a complete 児童手当 認定請求 with the public-benefit account, then it is valid and no bank details are asked', () => {
  assert.deepEqual(validateFormData(certification(), claim), []);
});

test('given another account, then bank, branch, type, number and holder are required', () => {
  const errors = validateFormData(certification(), { ...claim, account: { kind: 'other' } });
  assert.deepEqual(
    errors.map((e) => e.field),
    ['account.bankName', 'account.branchName', 'account.accountType', 'account.accountNumber', 'account.holderKana'],
  );
});

test('given a child living apart, then the address and reason are asked for that child only', () => {
  const children = [claim.children[0], { ...claim.children[0], name: '子育 二郎', livingArrangement: 'apart' }];
  const errors = validateFormData(certification(), { ...claim, children });
  assert.deepEqual(errors.map((e) => [e.field, e.message.ja]), [
    ['children[1].address', '児童 2の別居している児童の住所を入力してください'],
    ['children[1].apartReason', '児童 2の別居の理由を選択してください'],
  ]);
});

test('given no spouse, then spouse data is dropped', () => {
  const data = cleanFormData(certification(), { ...claim, household: { hasSpouse: false } });
  assert.equal(data.spouse, undefined);
});

test('given the certificate, then the claimant is prefilled', () => {
  const prefilled = prefillFormData(certification(), { basic4: { name: '子育 太郎', address: '東京都渋谷区宇田川町1-1', birthDate: '1990-05-01', sex: '男' } });
  assert.deepEqual(prefilled, { applicant: { name: '子育 太郎', birthDate: '1990-05-01', sex: 'male', address: '東京都渋谷区宇田川町1-1' } });
});
