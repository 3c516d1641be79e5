// Request and response schemas of POST /api/v1/benefits/estimate (TypeBox → Ajv and OpenAPI).
import { Type } from 'typebox';

const IsoDate = (description: string) =>
  Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description, examples: ['2025-04-01'] });

const Yen = (description: string) => Type.Integer({ minimum: 0, maximum: 100_000_000_000, description });

export const DisabilitySchema = Type.Object(
  {
    physicalGrade: Type.Optional(Type.Integer({ minimum: 1, maximum: 7, description: '身体障害者手帳の等級 (1 = most severe)' })),
    intellectualGrade: Type.Optional(
      Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Integer({ minimum: 1, maximum: 4 })], {
        description: '療育手帳 "A" / "B", or 愛の手帳 (Tokyo) 1–4度 (1 = most severe)',
      }),
    ),
    mentalGrade: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, description: '精神障害者保健福祉手帳の等級 (1 = most severe)' })),
  },
  { additionalProperties: false, description: 'Disability certificates held' },
);

export const MemberSchema = Type.Object(
  {
    relation: Type.Union([Type.Literal('parent'), Type.Literal('child')]),
    birthDate: IsoDate('生年月日'),
    incomeAfterDeductions: Type.Optional(
      Yen('所得額 for the allowances\' income tests (income after their deductions), yen a year; leave out to get the range over possible incomes'),
    ),
    disability: Type.Optional(DisabilitySchema),
    supported: Type.Optional(
      Type.Boolean({
        description: 'For a child: cared for and supported by the household (監護相当・生計費の負担). Counts a child up to 22 in 児童手当\'s order of children. Default true.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const EstimateRequestSchema = Type.Object(
  {
    date: IsoDate('The day the estimate is for; amounts are those of its month'),
    municipality: Type.String({ pattern: '^[0-9]{6}$', description: '全国地方公共団体コード (6 digits with check digit)', examples: ['131130'] }),
    household: Type.Object(
      {
        members: Type.Array(MemberSchema, { maxItems: 20 }),
        singleParent: Type.Optional(Type.Boolean({ description: 'ひとり親世帯等 (parents divorced, a parent died, …)' })),
        dependants: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, description: '扶養親族等の数 for the income limits; default: the number of supported children' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Text = Type.Object({ ja: Type.String(), en: Type.String() });

export const BenefitEstimateSchema = Type.Object({
  id: Type.String({ description: 'stable benefit id, e.g. child-allowance' }),
  name: Text,
  eligible: Type.Boolean({ description: 'true when some amount may be paid (see monthlyAmount.min for what is certain)' }),
  monthlyAmount: Type.Object(
    { min: Type.Integer({ minimum: 0 }), max: Type.Integer({ minimum: 0 }) },
    { description: 'yen a month; a range when income or a disability assessment is not known' },
  ),
  reasons: Type.Array(Type.Object({ code: Type.String(), ja: Type.String(), en: Type.String() })),
  legalBasis: Type.String(),
  parametersFrom: Type.String({ description: 'the date the parameter table used took effect' }),
});

export const EstimateResponseSchema = Type.Object({ benefits: Type.Array(BenefitEstimateSchema) });
