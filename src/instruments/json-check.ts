/**
 * Hand-written checks for clinic-supplied JSON. Each check records a problem under the value's JSON
 * path (`items[2].max`) and returns the typed value, or undefined when it was refused.
 */
import type { FieldProblem } from '../shared/errors.js';

export type Problems = FieldProblem[];
export type JsonObject = Record<string, unknown>;

/** `items` + 2 → `items[2]`; `items[2]` + `max` → `items[2].max`; '' + `id` → `id`. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** A plain JSON object, or a problem. */
export function objectAt(problems: Problems, value: unknown, path: string): JsonObject | undefined {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  problems.push({ field: path, reason: 'must be an object' });
  return undefined;
}

/** An array (optionally non-empty), or a problem. */
export function arrayAt(problems: Problems, value: unknown, path: string, nonEmpty = true): unknown[] | undefined {
  if (!Array.isArray(value)) {
    problems.push({ field: path, reason: nonEmpty ? 'must be a non-empty array' : 'must be an array' });
    return undefined;
  }
  if (nonEmpty && value.length === 0) {
    problems.push({ field: path, reason: 'must be a non-empty array' });
    return undefined;
  }
  return value as unknown[];
}

/** A non-empty string, or a problem. */
export function textAt(problems: Problems, value: unknown, path: string): string | undefined {
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.push({ field: path, reason: 'must be a non-empty string' });
  return undefined;
}

/** A whole number ≥ `min` (when given), or a problem. */
export function integerAt(problems: Problems, value: unknown, path: string, min?: number): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && (min === undefined || value >= min)) return value;
  problems.push({ field: path, reason: min === undefined ? 'must be an integer' : `must be an integer ≥ ${min}` });
  return undefined;
}

/** A boolean, or a problem. */
export function booleanAt(problems: Problems, value: unknown, path: string): boolean | undefined {
  if (typeof value === 'boolean') return value;
  problems.push({ field: path, reason: 'must be true or false' });
  return undefined;
}

/** One of the allowed strings, or a problem listing them. */
export function oneOfAt<T extends string>(
  problems: Problems,
  value: unknown,
  path: string,
  allowed: readonly T[],
): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  problems.push({ field: path, reason: `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}` });
  return undefined;
}

/** Records a problem for each key not in `allowed` (catches misspelt field names). */
export function onlyKeys(problems: Problems, object: JsonObject, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      problems.push({ field: at(path, key), reason: `unknown field; allowed: ${allowed.join(', ')}` });
    }
  }
}
