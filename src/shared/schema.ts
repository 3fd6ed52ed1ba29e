import { FormatRegistry, Type, type TSchema, type TString, type TUnion, type TLiteral } from '@sinclair/typebox';

/**
 * Schema building blocks, written once: the services validate with them, the HTTP routes declare
 * them, and the OpenAPI document is generated from them.
 */

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isRealDate(value: string): boolean {
  return !Number.isNaN(Date.parse(value));
}

FormatRegistry.Set('date-time', (v) => ISO_DATE_TIME.test(v) && isRealDate(v));
FormatRegistry.Set('date', (v) => ISO_DATE.test(v) && isRealDate(`${v}T00:00:00Z`) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v));
FormatRegistry.Set('email', (v) => EMAIL.test(v));
FormatRegistry.Set('uuid', (v) => UUID.test(v));

/** A string enum from a readonly list of codes. */
export function StringEnum<const T extends readonly string[]>(values: T, description?: string): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    description === undefined ? {} : { description },
  );
}

export const DateTime = (description?: string): TString =>
  Type.String({ format: 'date-time', description: description ?? 'UTC ISO-8601 date-time' });
export const DateOnly = (description?: string): TString =>
  Type.String({ format: 'date', description: description ?? 'calendar date, YYYY-MM-DD' });
export const Id = Type.String({ format: 'uuid', description: 'record id (UUID)' });
export const Nullable = <T extends TSchema>(schema: T): ReturnType<typeof Type.Union<[T, ReturnType<typeof Type.Null>]>> =>
  Type.Union([schema, Type.Null()]);
export const NoteText = Type.String({ maxLength: 4000 });
