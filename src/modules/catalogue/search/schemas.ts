// Request and response schemas of the search API (OpenAPI through TypeBox).
import { Type } from 'typebox';
import { APPLY_METHOD_IDS, CATEGORY_IDS, LIFE_EVENT_IDS } from '../taxonomy.ts';
import { MAX_LIMIT } from './search-services.ts';

const Enum = (ids: readonly string[], description: string) => Type.Union(ids.map((id) => Type.Literal(id)), { description });
const Labels = Type.Object({ ja: Type.String(), en: Type.String() });
const Municipality = Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]);

export const SearchQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Free words in Japanese (kanji, kana, full or half width); several words all must match' })),
    municipality: Type.Optional(
      Type.String({ minLength: 1, maxLength: 50, description: '6-digit municipality code with check digit, or its name (渋谷区, 東京都府中市). Includes its prefecture’s and national services' }),
    ),
    category: Type.Optional(Enum(CATEGORY_IDS, 'category id (GET /api/v1/categories)')),
    lifeEvent: Type.Optional(Enum(LIFE_EVENT_IDS, 'life event id (GET /api/v1/life-events)')),
    applyMethod: Type.Optional(Enum(APPLY_METHOD_IDS, 'how to apply (GET /api/v1/apply-methods)')),
    open: Type.Optional(Type.Boolean({ description: 'only services accepting applications today (Japan time)' })),
    limit: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_LIMIT, default: 20 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const SearchResultSchema = Type.Object({
  total: Type.Integer(),
  approximate: Type.Boolean({ description: 'nothing matched exactly; these are near matches (typo tolerance)' }),
  items: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      title: Type.String(),
      summary: Type.String(),
      municipality: Municipality,
      categories: Type.Array(Type.String()),
      lifeEvents: Type.Array(Type.String()),
      applyMethods: Type.Array(Type.String()),
      url: Type.String({ description: 'this service in the API' }),
      snippet: Type.String({ description: 'HTML: escaped text with the matches in <mark>' }),
      score: Type.Integer(),
    }),
  ),
});

export const ServiceDetailSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  title: Type.String(),
  summary: Type.String(),
  support: Type.String(),
  eligibility: Type.String(),
  applicant: Type.String(),
  howToApply: Type.String(),
  municipality: Municipality,
  prefectureCode: Type.Union([Type.String(), Type.Null()]),
  categories: Type.Array(Type.String()),
  lifeEvents: Type.Array(Type.String()),
  applyMethods: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  acceptance: Type.Object({
    start: Type.Union([Type.String(), Type.Null()]),
    end: Type.Union([Type.String(), Type.Null()]),
    note: Type.String(),
    acceptingNow: Type.Boolean(),
  }),
  attachments: Type.Array(
    Type.Object({ name: Type.String(), required: Type.Boolean({ description: '必須' }), originalRequired: Type.Boolean({ description: '別途原本の提出が必要 (R5)' }), note: Type.Optional(Type.String()) }),
  ),
  thingsToBring: Type.Array(Type.String()),
  legalBasis: Type.String(),
  department: Type.String(),
  contact: Type.String(),
  relatedLinks: Type.Array(Type.Object({ title: Type.String(), url: Type.String() })),
  detailUrl: Type.Union([Type.String(), Type.Null()]),
  procedure: Type.Union([
    Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String(), myNumberProcedure: Type.Boolean({ description: '個人番号利用事務: signed applications only (R3)' }) }),
    Type.Null(),
  ]),
  version: Type.Integer(),
  publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

export const TermListSchema = Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), label: Labels })) });
