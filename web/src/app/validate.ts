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
  if (trimmed === '')
    return rule.required === true ? { ok: false, error: `Enter ${rule.what}${range}` } : { ok: true, value: null };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, error: `${capital(rule.what)} must be a number${range}` };
  if (rule.integer === true && !Number.isInteger(value))
    return { ok: false, error: `${capital(rule.what)} must be a whole number${range}` };
  const tooLow = rule.min !== undefined && (rule.exclusiveMin === true ? value <= rule.min : value < rule.min);
  const tooHigh = rule.max !== undefined && value > rule.max;
  if (tooLow || tooHigh)
    return { ok: false, error: `${capital(rule.what)}: ${trimmed}${unit} is outside the allowed range${range}` };
  return { ok: true, value };
}

function rangeWords(rule: NumberRule, unit: string): string {
  if (rule.min === undefined && rule.max === undefined) return '';
  const low =
    rule.min === undefined ? '' : `${rule.exclusiveMin === true ? 'more than' : 'at least'} ${rule.min}${unit}`;
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
):
  | { ok: true; values: { [K in keyof T]: ValueOf<T[K]> } }
  | { ok: false; errors: Partial<Record<keyof T & string, string>> } {
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

/** A field's limits as a TypeBox (JSON Schema) object declares them. */
export interface Limits {
  /** The field is in the object's `required` list. */
  required: boolean;
  min?: number;
  /** True when the minimum itself is not allowed (`exclusiveMinimum`). */
  exclusiveMin?: boolean;
  max?: number;
  integer?: boolean;
  minLength?: number;
  maxLength?: number;
  /** The allowed codes of a string enum. */
  values?: readonly string[];
}

/** The parts of a JSON Schema the limits are read from (TypeBox schemas are JSON Schema objects). */
interface SchemaNode {
  type?: string | readonly string[];
  const?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  anyOf?: readonly SchemaNode[];
  properties?: Readonly<Record<string, SchemaNode>>;
  required?: readonly string[];
}

/**
 * The limits of `field` in an object schema from src/ (e.g. src/doses/dose.schema.ts), so a web form
 * checks exactly what the server will: `Nullable(...)` and `Type.Optional(...)` are looked through, a
 * union of string literals gives its values. A field the schema does not have is an error, so a renamed
 * schema field cannot leave a form checking nothing.
 */
export function limitsOf(schema: SchemaNode, field: string): Limits {
  const node = schema.properties?.[field];
  if (node === undefined) throw new Error(`limitsOf: the schema has no field "${field}"`);
  const branches = (node.anyOf ?? [node]).filter((branch) => branch.type !== 'null');
  const limits: Limits = { required: schema.required?.includes(field) === true };
  const literals = branches
    .filter((branch) => typeof branch.const === 'string')
    .map((branch) => branch.const as string);
  if (literals.length > 0 && literals.length === branches.length) return { ...limits, values: literals };
  const [one] = branches;
  if (one === undefined || branches.length > 1)
    throw new Error(`limitsOf: the field "${field}" is not one number, integer, string or enum`);
  if (one.exclusiveMinimum !== undefined) Object.assign(limits, { min: one.exclusiveMinimum, exclusiveMin: true });
  else if (one.minimum !== undefined) limits.min = one.minimum;
  if (one.maximum !== undefined) limits.max = one.maximum;
  if (one.type === 'integer') limits.integer = true;
  if (one.minLength !== undefined) limits.minLength = one.minLength;
  if (one.maxLength !== undefined) limits.maxLength = one.maxLength;
  return limits;
}

/** A NumberRule whose range, whole-number rule and "required" come from the schema's field. */
export function numberRule(schema: SchemaNode, field: string, words: { what: string; unit?: string }): NumberRule {
  const { required, min, exclusiveMin, max, integer } = limitsOf(schema, field);
  const rule: NumberRule = { ...words, required };
  if (min !== undefined) rule.min = min;
  if (exclusiveMin === true) rule.exclusiveMin = true;
  if (max !== undefined) rule.max = max;
  if (integer === true) rule.integer = true;
  return rule;
}

/** A required (or optional) text no longer than `maxLength`; `what` names it in the messages. */
export function checkLength(
  text: string,
  what: string,
  limits: Pick<Limits, 'required' | 'maxLength'>,
): Checked<string | null> {
  const present = checkText(text, what, limits.required);
  if (!present.ok || present.value === null) return present;
  if (limits.maxLength !== undefined && present.value.length > limits.maxLength) {
    return {
      ok: false,
      error: `${capital(what)} must be at most ${limits.maxLength} characters (it has ${present.value.length})`,
    };
  }
  return present;
}

/** A date-time box's value as UTC ISO-8601, or `message` when it is empty or not a date. */
export function checkDateTime(iso: string | null, message: string): Checked<string> {
  return iso === null ? { ok: false, error: message } : { ok: true, value: iso };
}
