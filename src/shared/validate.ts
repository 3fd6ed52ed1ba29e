import type { Static, TSchema } from '@sinclair/typebox';
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
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let field = root;
  for (const part of parts) {
    if (/^\d+$/.test(part)) field += `[${part}]`;
    else field += field === '' ? part : `.${part}`;
  }
  return field === '' ? '(body)' : field;
}

function allowedValues(schema: TSchema): string | null {
  const anyOf = (schema as { anyOf?: { const?: unknown }[] }).anyOf;
  if (anyOf === undefined) return null;
  const values = anyOf.map((s) => s.const).filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
  return values.length === anyOf.length ? values.join(', ') : null;
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
  if (values !== null) return `must be one of: ${values}`;
  const branches = (error.schema as { anyOf?: TSchema[] }).anyOf ?? [];
  const sameKind = branches.find((branch) => branchKind(branch) === kindOf(error.value));
  if (sameKind !== undefined) {
    const first = checker(sameKind).Errors(error.value).First();
    if (first !== undefined) return first.path === '' ? reasonFor(first) : `${first.path.slice(1)}: ${reasonFor(first)}`;
  }
  const kinds = branches.map(branchKind).filter((k): k is string => k !== undefined);
  return kinds.length > 0 ? `must be ${kinds.join(' or ')}` : 'is not in an accepted form';
}

/** One issue from the HTTP layer's JSON-schema validator (ajv), as much of it as the reason needs. */
export interface SchemaIssue {
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * The reason for a validator issue of the HTTP layer in the same words the services use, so a value
 * refused by a route schema reads as it would from the service, the CLI or the FHIR facade.
 */
export function issueReason(issue: SchemaIssue): string {
  const param = (key: string): string => String(issue.params?.[key]);
  switch (issue.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'format':
      return formatReason(param('format'));
    case 'pattern':
      return patternReason(param('pattern'));
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return limitReason(param('comparison'), param('limit'));
    case 'type':
      return typeReason(param('type'));
    case 'maxLength':
      return `must be at most ${param('limit')} characters`;
    default:
      return issue.message ?? 'is not valid';
  }
}

function limitReason(comparison: string, limit: string): string {
  if (comparison === '>=') return `must be at least ${limit}`;
  if (comparison === '<=') return `must be at most ${limit}`;
  if (comparison === '>') return `must be greater than ${limit}`;
  return `must be less than ${limit}`;
}

function typeReason(type: string): string {
  if (type === 'integer') return 'must be a whole number';
  if (type === 'number') return 'must be a number';
  if (type === 'string') return 'must be text';
  return `must be ${type}`;
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
    if (!byField.has(field) || (preferred && byField.get(field) !== 'is required')) byField.set(field, reasonFor(error));
  }
  return [...byField].map(([field, reason]) => ({ field, reason }));
}

/** Validates `value` or throws one VALIDATION_FAILED error that names every bad field and why. */
export function validate<T extends TSchema>(schema: T, value: unknown, root = ''): Static<T> {
  const problems = schemaProblems(schema, value, root);
  if (problems.length > 0) throw invalidMany(problems);
  return value;
}
