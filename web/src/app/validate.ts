/**
 * Client-side checks that mirror the server's schemas, so a clinician hears what to fix before
 * sending. The server checks again; its answer wins. Pure functions, tested in Node.
 */
export interface NumberRule {
  /** Words for the field in messages, e.g. "the dose". */
  what: string;
  unit?: string;
  min?: number;
  /** True when the minimum itself is not allowed (e.g. mg > 0). */
  exclusiveMin?: boolean;
  max?: number;
  integer?: boolean;
  required?: boolean;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A number typed into a box: empty → null (or an error when required); else checked against the rule. */
export function checkNumber(text: string, rule: NumberRule): Checked<number | null> {
  const trimmed = text.trim().replace(/,/g, '');
  const unit = rule.unit === undefined ? '' : ` ${rule.unit}`;
  const range = rangeWords(rule, unit);
  if (trimmed === '') return rule.required === true ? { ok: false, error: `Enter ${rule.what}${range}` } : { ok: true, value: null };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, error: `${capital(rule.what)} must be a number${range}` };
  if (rule.integer === true && !Number.isInteger(value)) return { ok: false, error: `${capital(rule.what)} must be a whole number${range}` };
  const tooLow = rule.min !== undefined && (rule.exclusiveMin === true ? value <= rule.min : value < rule.min);
  const tooHigh = rule.max !== undefined && value > rule.max;
  if (tooLow || tooHigh) return { ok: false, error: `${capital(rule.what)}: ${trimmed}${unit} is outside the allowed range${range}` };
  return { ok: true, value };
}

function rangeWords(rule: NumberRule, unit: string): string {
  if (rule.min === undefined && rule.max === undefined) return '';
  const low = rule.min === undefined ? '' : `${rule.exclusiveMin === true ? 'more than' : 'at least'} ${rule.min}${unit}`;
  const high = rule.max === undefined ? '' : `at most ${rule.max}${unit}`;
  return ` (${[low, high].filter((s) => s !== '').join(' and ')})`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type ValueOf<C> = C extends Checked<infer V> ? V : never;

/** Collects the errors of several checks, keyed by field; returns the values when all pass. */
export function collect<T extends Record<string, Checked<unknown>>>(
  checks: T,
): { ok: true; values: { [K in keyof T]: ValueOf<T[K]> } } | { ok: false; errors: Partial<Record<keyof T & string, string>> } {
  const errors: Partial<Record<string, string>> = {};
  const values: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(checks)) {
    if (check.ok) values[key] = check.value;
    else errors[key] = check.error;
  }
  return Object.keys(errors).length === 0
    ? { ok: true, values: values as { [K in keyof T]: ValueOf<T[K]> } }
    : { ok: false, errors };
}

/** A required choice or text. */
export function checkText(text: string, what: string, required = true): Checked<string | null> {
  const trimmed = text.trim();
  if (trimmed === '') return required ? { ok: false, error: `Enter ${what}` } : { ok: true, value: null };
  return { ok: true, value: trimmed };
}

/** A required choice from a list. */
export function checkChoice(value: string, what: string): Checked<string> {
  return value === '' ? { ok: false, error: `Choose ${what}` } : { ok: true, value };
}
