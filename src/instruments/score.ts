/**
 * Scores one questionnaire: total, subscales, severity band and rule flags. Pure; throws a
 * VALIDATION_FAILED OnsetError listing every refused answer.
 */
import { invalidMany } from '../shared/errors.js';
import { readAnswers } from './answers.js';
import { scoreCssrs } from './cssrs.js';
import { instrumentFlags } from './flags.js';
import { getInstrument } from './registry.js';
import type { Answers, InstrumentDefinition, ScoreResult, SeverityBand } from './types.js';

type Values = Readonly<Record<string, number | null>>;

/** Scores answers (array in item order, or record by linkId) on an instrument given by definition or id. */
export function scoreAnswers(instrument: InstrumentDefinition | string, answers: Answers): ScoreResult {
  const def = typeof instrument === 'string' ? getInstrument(instrument) : instrument;
  const read = readAnswers(def, answers);
  if (def.id === 'cssrs') {
    const screener = scoreCssrs(read.values);
    const problems = [...read.problems, ...screener.problems];
    if (problems.length > 0) throw invalidMany(problems);
    const { total, band, complete, flags } = screener;
    return { instrument: def.id, total, subscales: {}, band, complete, prorated: false, flags, answers: read.values };
  }
  if (read.problems.length > 0) throw invalidMany(read.problems);
  const values = read.values;
  const { total, prorated } = totalOf(def, values);
  return {
    instrument: def.id,
    total,
    subscales: subscalesOf(def, values),
    band: total === null ? null : bandFor(def.bands, total),
    complete: total !== null,
    prorated,
    flags: instrumentFlags(def.id, values, total),
    answers: values,
  };
}

/** The band whose inclusive range holds `total`, or null when the instrument has no band there. */
export function bandFor(bands: readonly SeverityBand[], total: number): string | null {
  return bands.find((band) => total >= band.min && total <= band.max)?.label ?? null;
}

/**
 * The sum when every item is answered. With missing items, only where the definition's manual allows
 * prorating (at most `maxMissing` missing): mean of the answered items × item count, rounded to the
 * nearest whole number (halves up). Otherwise null: the form is stored but not scored.
 */
function totalOf(def: InstrumentDefinition, values: Values): { total: number | null; prorated: boolean } {
  const answered = def.items
    .map((item) => values[item.linkId])
    .filter((v): v is number => v !== null && v !== undefined);
  const sum = answered.reduce((acc, v) => acc + v, 0);
  const missing = def.items.length - answered.length;
  if (missing === 0) return { total: sum, prorated: false };
  if (def.prorating && answered.length > 0 && missing <= def.prorating.maxMissing) {
    return { total: Math.round((sum * def.items.length) / answered.length), prorated: true };
  }
  return { total: null, prorated: false };
}

/** Each subscale's sum; null when any of its items is missing (subscales are never prorated). */
function subscalesOf(def: InstrumentDefinition, values: Values): Record<string, number | null> {
  const result: Record<string, number | null> = {};
  for (const [key, linkIds] of Object.entries(def.subscales)) {
    let sum: number | null = 0;
    for (const linkId of linkIds) {
      const value = values[linkId];
      sum = sum === null || value === null || value === undefined ? null : sum + value;
    }
    result[key] = sum;
  }
  return result;
}
