// What a service is made of, as the console, the API for existing systems and the bulk import
// write it: one schema, so the three routes cannot disagree on what a valid service is.
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { AppError, type FieldProblem } from '../../platform/errors.ts';
import { APPLY_METHOD_IDS, CATEGORY_IDS, LIFE_EVENT_IDS } from './taxonomy.ts';

const Text = (maxLength: number, description?: string) => Type.String({ maxLength, ...(description ? { description } : {}) });
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Url = Type.String({ pattern: '^https?://\\S+$', maxLength: 2000 });

export const ServiceInputSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200, description: 'タイトル（制度名）' }),
    summary: Type.Optional(Text(2000, '概要')),
    support: Type.Optional(Text(10000, '支援内容')),
    eligibility: Type.Optional(Text(5000, '対象者')),
    applicant: Type.Optional(Text(2000, 'who applies')),
    howToApply: Type.Optional(Text(5000, '利用・申請方法')),
    acceptanceStart: Type.Optional(Type.Union([DateString, Type.Null()])),
    acceptanceEnd: Type.Optional(Type.Union([DateString, Type.Null()])),
    deadlineNote: Type.Optional(Text(1000)),
    detailUrl: Type.Optional(Type.Union([Url, Type.Null()])),
    contact: Type.Optional(Text(1000, 'お問い合わせ先')),
    department: Type.Optional(Text(200, 'responsible department')),
    legalBasis: Type.Optional(Text(500)),
    procedureId: Type.Optional(Type.Union([Type.String({ maxLength: 80 }), Type.Null()])),
    categories: Type.Optional(Type.Array(Type.Enum(CATEGORY_IDS), { maxItems: 10, uniqueItems: true })),
    lifeEvents: Type.Optional(Type.Array(Type.Enum(LIFE_EVENT_IDS), { maxItems: 10, uniqueItems: true })),
    applyMethods: Type.Optional(Type.Array(Type.Enum(APPLY_METHOD_IDS), { maxItems: 4, uniqueItems: true })),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 30 })),
    attachments: Type.Optional(
      Type.Array(
        Type.Object({
          name: Type.String({ minLength: 1, maxLength: 200 }),
          required: Type.Boolean({ description: '必須' }),
          originalRequired: Type.Boolean({ description: '別途原本の提出が必要 (R5)' }),
          note: Type.Optional(Text(500)),
        }),
        { maxItems: 30 },
      ),
    ),
    thingsToBring: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 30 })),
    relatedLinks: Type.Optional(Type.Array(Type.Object({ title: Type.String({ minLength: 1, maxLength: 200 }), url: Url }), { maxItems: 20 })),
    benefitIds: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);

export type ServiceInput = Static<typeof ServiceInputSchema>;

const RULE_JA: Record<string, string> = {
  required: '入力してください',
  minLength: '入力してください',
  maxLength: '長すぎます',
  pattern: '形式が正しくありません',
  maxItems: '多すぎます',
  uniqueItems: '重複しています',
  additionalProperties: '使えない項目です',
  enum: '選択肢にない値です',
};

/** Checks a service against the schema and the rules between fields; every problem named. */
export function validateServiceInput(input: unknown): ServiceInput {
  const fields: FieldProblem[] = [];
  for (const e of Value.Errors(ServiceInputSchema, input)) {
    const params = e.params as Record<string, unknown>;
    const extra = typeof params.additionalProperties === 'string' ? `/${params.additionalProperties}` : '';
    const missing = Array.isArray(params.requiredProperties) ? `/${params.requiredProperties.join(',')}` : '';
    fields.push({
      field: `${e.instancePath}${missing}${extra}` || '/',
      rule: e.keyword,
      message: { en: e.message, ja: RULE_JA[e.keyword] ?? '入力内容が正しくありません' },
    });
  }
  if (fields.length === 0) {
    const s = input as ServiceInput;
    if (s.acceptanceStart && s.acceptanceEnd && s.acceptanceEnd < s.acceptanceStart) {
      fields.push({ field: '/acceptanceEnd', rule: 'afterStart', message: { en: 'must not be before the start date', ja: '受付開始日より前の日付です' } });
    }
  }
  if (fields.length > 0) {
    throw new AppError('catalogue.invalid_service', 'bad_request', 'The service is not valid.', { ja: 'サービスの内容に誤りがあります。', fields });
  }
  return input as ServiceInput;
}
