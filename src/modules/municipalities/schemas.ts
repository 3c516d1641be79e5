import { Type } from 'typebox';

export const MunicipalityCode = Type.String({ pattern: '^[0-9]{6}$', description: '全国地方公共団体コード (6 digits with check digit)', examples: ['131130'] });

export const Municipality = Type.Object({
  code: MunicipalityCode,
  name: Type.String(),
  kana: Type.String({ description: 'reading in hiragana' }),
  kind: Type.Union([
    Type.Literal('city'),
    Type.Literal('designated_city'),
    Type.Literal('special_ward'),
    Type.Literal('ward'),
    Type.Literal('town'),
    Type.Literal('village'),
  ]),
  prefecture: Type.Object({ code: Type.String(), name: Type.String() }),
  parentCode: Type.Union([MunicipalityCode, Type.Null()], { description: 'the designated city of a ward' }),
});

export const MunicipalityDetail = Type.Intersect([
  Municipality,
  Type.Object({ wards: Type.Array(Municipality), participating: Type.Boolean({ description: 'uses Kosodate One-Stop' }) }),
]);

export const Prefecture = Type.Object({
  code: Type.String({ pattern: '^[0-9]{2}$' }),
  lgCode: MunicipalityCode,
  name: Type.String(),
  kana: Type.String(),
  nameEn: Type.String(),
});

export const MunicipalityListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 50, description: 'name, reading (hiragana or katakana) or code prefix' })),
  prefecture: Type.Optional(Type.String({ pattern: '^[0-9]{2}$', description: 'two-digit prefecture code' })),
  wards: Type.Optional(Type.Boolean({ default: true, description: 'include designated-city wards' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, default: 0 })),
});

export const MunicipalityList = Type.Object({ total: Type.Integer(), items: Type.Array(Municipality) });
