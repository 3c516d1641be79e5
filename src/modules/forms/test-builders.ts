// Test data for the forms module: a small form with every feature (sections with a key, a
// conditional section, a repeating group with a row condition, a local section), and a version of it.
import type { FormLayout } from './definition.ts';
import type { FormVersion } from './form-version.ts';
import { schemaOfLayout } from './schema.ts';

let counter = 0;

export function sampleLayout(): FormLayout {
  return {
    steps: [
      {
        id: 'applicant',
        title: { ja: '請求者', en: 'Claimant' },
        sections: [
          {
            id: 'applicant',
            key: 'applicant',
            title: { ja: '請求者', en: 'Claimant' },
            items: [
              { id: 'name', label: { ja: '氏名', en: 'Full name' }, widget: 'text', required: true, prefill: 'basic4.name' },
              { id: 'kana', label: { ja: 'フリガナ', en: 'Name in katakana' }, widget: 'text', required: true, pattern: '^[ァ-ヶー　 ]+$', patternHint: { ja: 'カタカナで入力してください', en: 'use katakana' } },
              { id: 'birthDate', label: { ja: '生年月日', en: 'Date of birth' }, widget: 'date', required: true, prefill: 'basic4.birthDate' },
              { id: 'sex', label: { ja: '性別', en: 'Sex' }, widget: 'radio', options: [{ value: 'male', label: { ja: '男', en: 'Male' } }, { value: 'female', label: { ja: '女', en: 'Female' } }], prefill: 'basic4.sex' },
              { id: 'phone', label: { ja: '電話番号', en: 'Phone number' }, widget: 'tel', required: true, prefill: 'profile.phone' },
              { id: 'hasSpouse', label: { ja: '配偶者の有無', en: 'Do you have a spouse?' }, widget: 'yes-no', required: true },
            ],
          },
          {
            id: 'spouse',
            key: 'spouse',
            title: { ja: '配偶者', en: 'Spouse' },
            when: { field: 'applicant.hasSpouse', equals: true },
            items: [{ id: 'name', label: { ja: '配偶者の氏名', en: 'Spouse’s name' }, widget: 'text', required: true }],
          },
        ],
      },
      {
        id: 'children',
        title: { ja: '児童', en: 'Children' },
        sections: [
          {
            id: 'children',
            title: { ja: '対象となる児童', en: 'Children' },
            items: [
              {
                kind: 'group',
                id: 'children',
                label: { ja: '児童', en: 'Children' },
                itemLabel: { ja: '児童', en: 'Child' },
                minItems: 1,
                maxItems: 5,
                fields: [
                  { id: 'name', label: { ja: '氏名', en: 'Name' }, widget: 'text', required: true },
                  { id: 'birthDate', label: { ja: '生年月日', en: 'Date of birth' }, widget: 'date', required: true },
                  { id: 'livesApart', label: { ja: '別居している', en: 'Lives apart' }, widget: 'yes-no' },
                  { id: 'address', label: { ja: '別居先の住所', en: 'Address where the child lives' }, widget: 'text', required: true, when: { field: 'livesApart', equals: true } },
                ],
              },
            ],
          },
          {
            id: 'extra',
            key: 'extra',
            local: true,
            title: { ja: '区独自の確認事項', en: 'Questions of the ward' },
            items: [{ id: 'count', label: { ja: '同居人数', en: 'People in the household' }, widget: 'number', integer: true, minimum: 1, maximum: 20 }],
          },
        ],
      },
    ],
  };
}

export function versionOf(layout: FormLayout = sampleLayout(), overrides: Partial<FormVersion> = {}): FormVersion {
  counter += 1;
  return {
    id: `test:${counter}`,
    formId: `form-${counter}`,
    version: 1,
    title: { ja: 'テストの申請書', en: 'Test form' },
    definition: { layout, schema: schemaOfLayout(layout) },
    municipalityCode: null,
    ...overrides,
  };
}

export function validData(): Record<string, unknown> {
  return {
    applicant: { name: '子育 太郎', kana: 'コソダテ タロウ', birthDate: '1990-05-01', sex: 'male', phone: '03-1234-5678', hasSpouse: false },
    children: [{ name: '子育 花子', birthDate: '2022-04-01', livesApart: false }],
  };
}
