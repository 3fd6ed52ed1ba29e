import { Type, type TSchema } from '@sinclair/typebox';

/** Response shapes shared by every route (RFC 9457 problem details). */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'stable error code, e.g. VALIDATION_FAILED' }),
    detail: Type.String(),
    problems: Type.Optional(Type.Array(Type.Object({ field: Type.String(), reason: Type.String() }))),
  },
  { $id: 'Problem' },
);

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** The error responses every authenticated route can give. */
export function errorResponses(): Record<number, TSchema> {
  const problem = Type.Ref('Problem');
  return { 400: problem, 401: problem, 403: problem, 404: problem, 409: problem, 429: problem, 503: problem };
}

export const Items = <T extends TSchema>(
  item: T,
): ReturnType<typeof Type.Object<{ items: ReturnType<typeof Type.Array<T>> }>> =>
  Type.Object({ items: Type.Array(item) });
