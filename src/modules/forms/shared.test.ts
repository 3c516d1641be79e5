// Shared answers for one-stop bundles and prefill from what the account already knows: on the real
// national templates of a birth (児童手当 認定請求 and 保育施設等 利用申込), the shared fields are asked
// once and land in each form at its own place; prefill takes the certificate first, then earlier answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layoutProblems } from './check-layout.ts';
import { applySharedAnswers, mergeSharedAnswers, prefillFormData, SHARED_STEP_ID, sharedAnswersOf, sharedFormVersion, validateFormData } from './index.ts';
import { versionOf } from './test-builders.ts';
import { layoutOfTemplate, NATIONAL_TEMPLATES } from './templates/index.ts';

function template(procedureId: string) {
  return versionOf(layoutOfTemplate(NATIONAL_TEMPLATES.find((t) => t.procedureId === procedureId)!));
}

const allowance = template('child-allowance.certification');
const nursery = template('childcare.facility-application');

const answers = {
  applicant: {
    name: '子育 太郎',
    kana: 'コソダテ タロウ',
    birthDate: '1990-05-01',
    postalCode: '150-8010',
    address: '東京都渋谷区宇田川町1-1',
    phone: '03-1234-5678',
    occupation: '会社員',
    relationshipToChildren: 'father',
  },
  children: [{ name: '子育 花子', kana: 'コソダテ ハナコ', birthDate: '2026-10-01', sex: 'female' }],
};

test('given the forms of a birth, then the shared step asks each shared answer once, as a well-formed form', () => {
  const shared = sharedFormVersion([allowance, nursery]);
  assert.deepEqual(layoutProblems(shared.definition.layout), []);
  const [step] = shared.definition.layout.steps;
  assert.equal(step!.id, SHARED_STEP_ID);
  const applicant = step!.sections.find((s) => s.key === 'applicant')!;
  assert.deepEqual(
    applicant.items.map((i) => i.id),
    ['name', 'kana', 'birthDate', 'sex', 'postalCode', 'address', 'phone', 'email', 'occupation', 'relationshipToChildren'],
  );
  const children = step!.sections.flatMap((s) => s.items).find((i) => i.id === 'children');
  assert.ok(children && children.kind === 'group');
  assert.deepEqual(
    children.fields.map((f) => f.id),
    ['name', 'kana', 'birthDate', 'sex'],
  );
  // Only what the forms share: the pension scheme (児童手当 only) and the 22-year-olds' rows are not asked.
  assert.equal(JSON.stringify(shared.definition.layout).includes('pension'), false);
  assert.equal(JSON.stringify(shared.definition.layout).includes('olderChildren'), false);
  // The same forms give the same version id (its compiled validator is cached by it).
  assert.equal(sharedFormVersion([nursery, allowance]).id, shared.id);
});

test('given no answers, then the shared step reports the applicant and the child as required, in Japanese', () => {
  const errors = validateFormData(sharedFormVersion([allowance, nursery]), {}, { stepId: SHARED_STEP_ID });
  assert.ok(errors.some((e) => e.field === 'applicant.kana' && e.message.ja === 'フリガナを入力してください'));
  assert.ok(errors.some((e) => e.field === 'children'));
  assert.deepEqual(validateFormData(sharedFormVersion([allowance, nursery]), answers, { stepId: SHARED_STEP_ID }), []);
});

test('given shared answers, then each form gets them at its own place and asks only for the rest', () => {
  const before = { applicant: { pension: 'kosei', employer: '株式会社ワンストップ' }, children: [{ relationship: 'child', livingArrangement: 'together' }] };
  const data = applySharedAnswers(allowance.definition.layout, before, answers);
  assert.deepEqual((data.applicant as Record<string, unknown>).pension, 'kosei', 'the form’s own answers stay');
  assert.deepEqual(data.children, [{ relationship: 'child', livingArrangement: 'together', name: '子育 花子', kana: 'コソダテ ハナコ', birthDate: '2026-10-01', sex: 'female' }]);
  assert.deepEqual(validateFormData(allowance, data, { stepId: 'claimant' }).map((e) => e.field), ['reason.reason', 'reason.reasonDate']);
  assert.deepEqual(validateFormData(allowance, data, { stepId: 'children' }), []);

  const nurseryData = applySharedAnswers(nursery.definition.layout, {}, answers);
  assert.deepEqual(validateFormData(nursery, nurseryData, { stepId: 'guardian' }), []);
  assert.deepEqual(sharedAnswersOf(nursery.definition.layout, nurseryData), answers, 'reading them back gives the same answers');

  // A shared answer cleared on the shared step is cleared in every form.
  const cleared = applySharedAnswers(allowance.definition.layout, data, { ...answers, applicant: { ...answers.applicant, phone: '' } });
  assert.equal('phone' in (cleared.applicant as Record<string, unknown>), false);
});

test('given two children in a form, when the shared step reorders, corrects or drops them, then each keeps the form’s own answers about them', () => {
  const first = { name: '子育 花子', birthDate: '2026-10-01' };
  const second = { name: '子育 一郎', birthDate: '2024-04-01' };
  const data = applySharedAnswers(allowance.definition.layout, {}, { ...answers, children: [first, second] });
  (data.children as Array<Record<string, unknown>>)[0]!.livingArrangement = 'together';
  (data.children as Array<Record<string, unknown>>)[1]!.livingArrangement = 'apart';
  const living = (d: Record<string, unknown>) => (d.children as Array<Record<string, unknown>>).map((c) => [c.name, c.livingArrangement]);

  const reordered = applySharedAnswers(allowance.definition.layout, data, { ...answers, children: [second, first] });
  assert.deepEqual(living(reordered), [['子育 一郎', 'apart'], ['子育 花子', 'together']]);
  // A corrected name has no exact match: it takes the form's row left over, in order.
  const corrected = applySharedAnswers(allowance.definition.layout, data, { ...answers, children: [{ ...first, name: '子育 華子' }, second] });
  assert.deepEqual(living(corrected), [['子育 華子', 'together'], ['子育 一郎', 'apart']]);
  // Dropping the first child on the shared step leaves the second child's answers with the second child;
  // the form's row no shared row took stays, untouched, for the form's own page to remove.
  const dropped = applySharedAnswers(allowance.definition.layout, data, { ...answers, children: [second] });
  assert.deepEqual(living(dropped), [['子育 一郎', 'apart'], ['子育 花子', 'together']]);
});

test('given earlier answers, then the newest wins per answer and a group is taken whole', () => {
  const merged = mergeSharedAnswers({ applicant: { phone: '090-0000-0000' } }, answers, { children: [{ name: '別の子' }] });
  assert.equal((merged.applicant as Record<string, unknown>).phone, '090-0000-0000');
  assert.equal((merged.applicant as Record<string, unknown>).kana, 'コソダテ タロウ');
  assert.deepEqual(merged.children, answers.children);
});

test('given the certificate and earlier answers, then a new draft takes the certificate’s items first and earlier answers for the rest', () => {
  const prefilled = prefillFormData(allowance, {
    basic4: { name: '子育　太郎', address: '東京都渋谷区宇田川町2-2', birthDate: '19900501', sex: '1' },
    shared: { applicant: { ...answers.applicant, name: '子育 太郎（旧）' } },
    profile: { phone: '03-1234-5678' },
  });
  assert.deepEqual(prefilled.applicant, {
    name: '子育　太郎',
    kana: 'コソダテ タロウ',
    birthDate: '1990-05-01',
    sex: 'male',
    postalCode: '150-8010',
    address: '東京都渋谷区宇田川町2-2',
    phone: '03-1234-5678',
    occupation: '会社員',
    relationshipToChildren: 'father',
  });
  assert.equal(prefilled.children, undefined, 'group rows are not prefilled');
  // Without a certificate, the earlier answers alone.
  const fromAnswers = prefillFormData(nursery, { shared: answers });
  assert.equal((fromAnswers.applicant as Record<string, unknown>).name, '子育 太郎');
});
