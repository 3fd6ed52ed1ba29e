import {
  Kind,
  type Static,
  type TArray,
  type TLiteral,
  type TObject,
  type TSchema,
  type TUnion,
} from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import { invalidMany, type FieldProblem } from './errors.js';
import { NO_NUL_PATTERN, NUL_REASON, YEAR_MAX, YEAR_MIN } from './schema.js';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checker<T extends TSchema>(schema: T): TypeCheck<T> {
  let check = compiled.get(schema);
  if (check === undefined) {
    check = TypeCompiler.Compile(schema);
    compiled.set(schema, check);
  }
  return check as TypeCheck<T>;
}

/** JSON pointer `/doses/2/mg` → the path a person reads, `doses[2].mg`. */
export function pointerToField(pointer: string, root = ''): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let field = root;
  for (const part of parts) {
    if (/^\d+$/.test(part)) field += `[${part}]`;
    else field += field === '' ? part : `.${part}`;
  }
  return field === '' ? '(body)' : field;
}

function allowedValues(schema: TSchema): (string | number)[] | null {
  const anyOf = (schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (anyOf === undefined) return null;
  const values = anyOf
    .map((s) => s.const)
    .filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  return values.length === anyOf.length ? values : null;
}

/** Why a value outside a list of codes is refused, in the words every path uses (schemas, CLI options). */
export function oneOfReason(values: readonly (string | number)[]): string {
  return `must be one of: ${values.join(', ')}`;
}

/** Turns one TypeBox error into words that say what to fix. */
function reasonFor(error: ValueError): string {
  const s = error.schema as Record<string, unknown>;
  const num = (key: string): string => String(s[key]);
  switch (error.type) {
    case ValueErrorType.ObjectRequiredProperty:
      return 'is required';
    case ValueErrorType.ObjectAdditionalProperties:
      return 'is not a known field';
    case ValueErrorType.Number:
      return 'must be a number';
    case ValueErrorType.Integer:
      return 'must be a whole number';
    case ValueErrorType.String:
      return 'must be text';
    case ValueErrorType.Boolean:
      return 'must be true or false';
    case ValueErrorType.Array:
      return 'must be a list';
    case ValueErrorType.Object:
      return 'must be an object';
    case ValueErrorType.NumberMinimum:
    case ValueErrorType.IntegerMinimum:
      return `must be at least ${num('minimum')}`;
    case ValueErrorType.NumberMaximum:
    case ValueErrorType.IntegerMaximum:
      return `must be at most ${num('maximum')}`;
    case ValueErrorType.NumberExclusiveMinimum:
    case ValueErrorType.IntegerExclusiveMinimum:
      return `must be greater than ${num('exclusiveMinimum')}`;
    case ValueErrorType.StringMinLength:
      return s.minLength === 1 ? 'must not be empty' : `must be at least ${num('minLength')} characters`;
    case ValueErrorType.StringMaxLength:
      return `must be at most ${num('maxLength')} characters`;
    case ValueErrorType.ArrayMaxItems:
      return `must have at most ${num('maxItems')} entries`;
    case ValueErrorType.ArrayMinItems:
      return `must have at least ${num('minItems')} entries`;
    case ValueErrorType.ArrayUniqueItems:
      return 'must not repeat a value';
    case ValueErrorType.StringFormat:
      return formatReason(String(s.format));
    case ValueErrorType.StringPattern:
      return patternReason(String(s.pattern));
    case ValueErrorType.Union:
      return unionReason(error);
    case ValueErrorType.Literal:
      return `must be ${JSON.stringify(s.const)}`;
    case ValueErrorType.Null:
      return 'must be null';
    default:
      return error.message;
  }
}

function patternReason(pattern: string): string {
  return pattern === NO_NUL_PATTERN ? NUL_REASON : `must match the pattern ${pattern}`;
}

const YEARS = `in the years ${YEAR_MIN}–${YEAR_MAX}`;

/** Why a value is not in a string format, in the words every path uses (routes, services, CSV import). */
export function formatReason(format: string): string {
  switch (format) {
    case 'date-time':
      return `must be an ISO-8601 date-time with a time zone, ${YEARS}, e.g. 2026-01-05T10:00:00Z`;
    case 'date':
      return `must be a calendar date, YYYY-MM-DD, ${YEARS}`;
    case 'email':
      return 'must be an e-mail address';
    case 'uuid':
      return 'must be a record id (UUID)';
    case 'observation-id':
      return "must be a record id (UUID), or a vital sign's: {dose id}.{reading}, e.g. {dose id}.bp-before";
    default:
      return `must be in ${format} format`;
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function branchKind(schema: TSchema): string | undefined {
  const type = (schema as { type?: string }).type;
  return type === 'integer' ? 'number' : type;
}

/**
 * A union's own error says only "no branch matched". When one branch has the value's kind (a number
 * for a nullable number, say), that branch's reason is the useful one.
 */
function unionReason(error: ValueError): string {
  const values = allowedValues(error.schema);
  if (values !== null) return oneOfReason(values);
  const branches = (error.schema as { anyOf?: TSchema[] }).anyOf ?? [];
  const sameKind = branches.find((branch) => branchKind(branch) === kindOf(error.value));
  if (sameKind !== undefined) {
    const first = checker(sameKind).Errors(error.value).First();
    if (first !== undefined)
      return first.path === '' ? reasonFor(first) : `${first.path.slice(1)}: ${reasonFor(first)}`;
  }
  const kinds = branches.map(branchKind).filter((k): k is string => k !== undefined);
  return kinds.length > 0 ? `must be ${kinds.join(' or ')}` : 'is not in an accepted form';
}

/** A number written in a path or query string as JSON writes numbers (`10`, `1.5`, `1e3`); "0x10" or "" is not one. */
const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

function numberFromText(value: unknown): unknown {
  return typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value;
}

/** A repeated query parameter arrives as a list; one value where the schema takes one is that value. */
function single(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? (value[0] as unknown) : value;
}

/**
 * Reads values that arrive as text (path parameters, query strings) as the types their schema declares:
 * "10" → 10, "true" → true, one value → a list of one. A number is read as written: "1.5" is 1.5 (and
 * refused where a whole number is due), never cut to 1. Anything else is left as it came, for the check
 * to refuse in the usual words. JSON bodies carry their own types and never pass through here.
 */
export function fromText(schema: TSchema, value: unknown): unknown {
  switch (schema[Kind]) {
    case 'Object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
      const read: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      for (const [key, property] of Object.entries((schema as TObject).properties)) {
        if (key in read) read[key] = fromText(property, read[key]);
      }
      return read;
    }
    case 'Array': {
      const items = (schema as TArray).items;
      return (Array.isArray(value) ? value : [value]).map((item) => fromText(items, item));
    }
    case 'Union': {
      const branches = (schema as TUnion).anyOf;
      if (checker(schema).Check(value)) return value;
      for (const branch of branches) {
        const read = fromText(branch, value);
        if (checker(branch).Check(read)) return read;
      }
      return value;
    }
    case 'Integer':
    case 'Number':
      return numberFromText(single(value));
    case 'Boolean': {
      const one = single(value);
      return one === 'true' ? true : one === 'false' ? false : one;
    }
    case 'Literal': {
      const target = (schema as TLiteral).const;
      const one = single(value);
      if (typeof target === 'number') return numberFromText(one);
      if (typeof target === 'boolean') return one === String(target) ? target : one;
      return one;
    }
    case 'String':
      return single(value);
    default:
      return value;
  }
}

/** The problems with `value` against `schema`, one per field (the first reason for each). */
export function schemaProblems(schema: TSchema, value: unknown, root = ''): FieldProblem[] {
  const check = checker(schema);
  if (check.Check(value)) return [];
  const byField = new Map<string, string>();
  for (const error of check.Errors(value)) {
    // A union reports every branch's error; the union-level error at the same path says it best.
    const field = pointerToField(error.path, root);
    const preferred = error.type === ValueErrorType.Union || error.type === ValueErrorType.ObjectRequiredProperty;
    if (!byField.has(field) || (preferred && byField.get(field) !== 'is required'))
      byField.set(field, reasonFor(error));
  }
  return [...byField].map(([field, reason]) => ({ field, reason }));
}

/** Validates `value` or throws one VALIDATION_FAILED error that names every bad field and why. */
export function validate<T extends TSchema>(schema: T, value: unknown, root = ''): Static<T> {
  const problems = schemaProblems(schema, value, root);
  if (problems.length > 0) throw invalidMany(problems);
  return value;
}
