/** Reads item answers (array in item order, or record by linkId) into one checked record by linkId. */
import type { FieldProblem } from '../shared/errors.js';
import { itemsPhrase } from './link-ids.js';
import type { InstrumentDefinition, ItemDefinition } from './types.js';

export interface ReadAnswers {
  /** Every item by linkId in item order; null = missing. Invalid values are left null. */
  values: Record<string, number | null>;
  problems: FieldProblem[];
}

/** Normalises answers to a record by linkId and lists every refused value (unknown item, non-integer, out of range). */
export function readAnswers(def: InstrumentDefinition, answers: unknown): ReadAnswers {
  if (Array.isArray(answers)) return readArray(def, answers as readonly unknown[]);
  if (typeof answers === 'object' && answers !== null) return readRecord(def, answers as Record<string, unknown>);
  return {
    values: emptyValues(def),
    problems: [{ field: 'answers', reason: 'must be an array in item order or an object keyed by linkId' }],
  };
}

function readArray(def: InstrumentDefinition, answers: readonly unknown[]): ReadAnswers {
  if (answers.length !== def.items.length) {
    const reason = `expected ${def.items.length} values for ${def.id} (${itemsPhrase(def)} in order), got ${answers.length}`;
    return { values: emptyValues(def), problems: [{ field: 'answers', reason }] };
  }
  return readEach(def, (_item, index) => answers[index]);
}

function readRecord(def: InstrumentDefinition, answers: Record<string, unknown>): ReadAnswers {
  const known = new Set(def.items.map((item) => item.linkId));
  const unknown: FieldProblem[] = Object.keys(answers)
    .filter((key) => !known.has(key))
    .map((key) => ({ field: `answers.${key}`, reason: `unknown item for ${def.id} (${itemsPhrase(def)})` }));
  const read = readEach(def, (item) => (Object.hasOwn(answers, item.linkId) ? answers[item.linkId] : undefined));
  return { values: read.values, problems: [...unknown, ...read.problems] };
}

function readEach(def: InstrumentDefinition, valueOf: (item: ItemDefinition, index: number) => unknown): ReadAnswers {
  const values: Record<string, number | null> = {};
  const problems: FieldProblem[] = [];
  def.items.forEach((item, index) => {
    const raw = valueOf(item, index);
    const reason = refusal(item, raw);
    if (reason !== null) problems.push({ field: `answers.${item.linkId}`, reason });
    values[item.linkId] = reason === null && typeof raw === 'number' ? raw : null;
  });
  return { values, problems };
}

/** Why a raw answer is refused, or null when it is a valid value or missing. */
function refusal(item: ItemDefinition, raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const allowed = `${item.min}–${item.max}`;
  if (typeof raw !== 'number')
    return `${JSON.stringify(raw)} is not a number; allowed ${allowed}, or null when missing`;
  if (!Number.isInteger(raw)) return `${raw} is not a whole number; allowed ${allowed}`;
  if (raw < item.min || raw > item.max) return `${raw} is outside ${allowed}`;
  return null;
}

function emptyValues(def: InstrumentDefinition): Record<string, number | null> {
  return Object.fromEntries(def.items.map((item) => [item.linkId, null]));
}
