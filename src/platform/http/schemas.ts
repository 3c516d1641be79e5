// Schemas shared by every route's OpenAPI description.
import { Type } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'stable error code, e.g. municipalities.not_found' }),
    detail: Type.String({ description: 'what went wrong, in English' }),
    detailJa: Type.String({ description: 'what went wrong, in Japanese' }),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          rule: Type.String(),
          message: Type.Object({ ja: Type.String(), en: Type.String() }),
        }),
      ),
    ),
  },
  { additionalProperties: true, description: 'application/problem+json (RFC 9457)' },
);

/** The response entry for an error status in a route schema. */
export const problemResponse = {
  description: 'application/problem+json',
  content: { 'application/problem+json': { schema: ProblemSchema } },
};
