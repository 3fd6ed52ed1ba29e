import {
  FormatRegistry,
  Type,
  type StringOptions,
  type TInteger,
  type TSchema,
  type TString,
  type TUnion,
  type TLiteral,
} from '@sinclair/typebox';

/**
 * Schema building blocks, written once: the services validate with them, the HTTP routes declare
 * them, and the OpenAPI document is generated from them.
 */

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@\p{Cc}]+@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]+$/u;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The years a date may fall in. Clinical dates outside them are typing errors, and the engines disagree
 * about them (PostgreSQL has no year 0, SQLite stores any text), so both refuse them alike.
 */
export const YEAR_MIN = 1900;
export const YEAR_MAX = 2100;

/** Whether an ISO-8601 date or date-time names a year from YEAR_MIN to YEAR_MAX (as written). */
export function inYearRange(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= YEAR_MIN && year <= YEAR_MAX;
}

function isRealDate(value: string): boolean {
  return !Number.isNaN(Date.parse(value));
}

/** The string formats, one definition for the services' validator and the HTTP routes' validator. */
export const FORMATS: Readonly<
  Record<'date-time' | 'date' | 'email' | 'uuid' | 'observation-id', (value: string) => boolean>
> = {
  'date-time': (v) => ISO_DATE_TIME.test(v) && isRealDate(v) && inYearRange(v),
  date: (v) =>
    ISO_DATE.test(v) &&
    isRealDate(`${v}T00:00:00Z`) &&
    new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) &&
    inYearRange(v),
  email: (v) => EMAIL.test(v),
  uuid: (v) => UUID.test(v),
  // A FHIR Observation's id: a score's is its assessment's (a UUID), a vital sign's `{dose id}.{reading}`.
  'observation-id': (v) => UUID.test(v.split('.')[0] ?? '') && /^[^.]+(\.[a-z0-9-]{1,27})?$/.test(v),
};
for (const [name, check] of Object.entries(FORMATS)) FormatRegistry.Set(name, check);

/**
 * Text may hold any character but NUL: PostgreSQL cannot store it in text or JSON, and no person
 * types one. The pattern is recognised by the validators, which give NUL_REASON for it.
 */
export const NO_NUL_PATTERN = '^[^\\u0000]*$';
export const NUL_REASON = 'must not contain a NUL character (\\u0000)';

/** The reason text `value` is refused as text, or null when it is fine (for values parsed by hand). */
export function textProblem(value: string): string | null {
  return value.includes('\u0000') ? NUL_REASON : null;
}

/** A text field: every string a person or client sends is declared with this (or a stricter format). */
export const Text = (options: StringOptions = {}): TString => Type.String({ ...options, pattern: NO_NUL_PATTERN });

/** A string enum from a readonly list of codes. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  description?: string,
): TUnion<TLiteral<T[number]>[]> {
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
export const Nullable = <T extends TSchema>(
  schema: T,
): ReturnType<typeof Type.Union<[T, ReturnType<typeof Type.Null>]>> => Type.Union([schema, Type.Null()]);
export const NoteText = Text({ maxLength: 4000 });

/** The most records one list page returns. */
export const MAX_PAGE = 1000;
/**
 * The furthest a list may be paged. No clinic holds a million records of one kind, and an unbounded
 * offset (1e308) is more than either engine's OFFSET takes.
 */
export const MAX_OFFSET = 1_000_000;

/** A list page's size, from 1 to MAX_PAGE. */
export const Limit = (fallback: number): TInteger =>
  Type.Integer({
    minimum: 1,
    maximum: MAX_PAGE,
    default: fallback,
    description: `records per page (default ${fallback})`,
  });
/** How many records a list page skips, from 0 to MAX_OFFSET. */
export const Offset = Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0, description: 'records to skip' });
/** A list page as the services take it; the same bounds as the routes' query strings. */
export const Page = Type.Object({ limit: Limit(100), offset: Offset });
