import { isOnsetError, invalid, invalidMany, type FieldProblem } from '../../shared/errors.js';
import { getInstrument, listInstruments } from '../../instruments/registry.js';
import { scoreAnswers } from '../../instruments/score.js';
import type { Answers, InstrumentDefinition } from '../../instruments/types.js';
import type { AssessmentInput, OutcomeDefinition, OutcomeOptions, PatientOutcomeInput } from '../types.js';
import { parseIsoDateTime } from './iso-time.js';

type Json = Record<string, unknown>;

const FILE_KEYS = ['instrument', 'doses', 'assessments', 'defaultPriceUsd', 'options'];
const DOSE_KEYS = ['at', 'priceUsd'];
const ASSESSMENT_KEYS = ['at', 'total', 'answers'];
const OPTION_KEYS = ['baselineWindowDays', 'coverageCapDays'];
const COHORT_PATIENT_KEYS = ['id', 'conditions', 'instrument', 'doses', 'assessments', 'defaultPriceUsd'];
const COHORT_DOSE_KEYS = ['at', 'priceUsd', 'route', 'setting'];

/**
 * Reads the `onset outcomes` input file (already parsed JSON): checks every field by hand, scores
 * answers with the instrument library, and returns the engine's input. Throws one OnsetError naming
 * every bad field by its JSON path and what is allowed.
 */
export function parsePatientFile(value: unknown): PatientOutcomeInput {
  if (!isObject(value)) throw invalid('(file)', 'must be a JSON object with instrument, doses and assessments');
  const problems: FieldProblem[] = [];
  const patient = readPatientFields(value, '', problems, false);
  if (problems.length > 0 || patient.instrument === null) throw invalidMany(problems);
  return {
    definition: outcomeDefinition(patient.instrument),
    doses: patient.doses.map((d) => ({ at: d.at, priceUsd: d.priceUsd })),
    assessments: patient.assessments,
    defaultPriceUsd: patient.defaultPriceUsd,
    options: patient.options,
  };
}

/** One patient's fields as read from a file; `route`, `setting`, `id` and `conditions` only when extended. */
export interface PatientFields {
  instrument: InstrumentDefinition | null;
  doses: { at: number; priceUsd: number | null; route: string; setting: string }[];
  assessments: AssessmentInput[];
  defaultPriceUsd: number | null;
  options: Partial<OutcomeOptions>;
  /** The given id, or null when absent (the caller picks a default). */
  id: string | null;
  conditions: string[];
}

/** Field used for a dose's route or setting when the file gives none. */
export const UNKNOWN_DOSE_DETAIL = 'unknown';

/**
 * Reads one patient object in the `onset outcomes` format, with its fields named under `path` ("" for
 * the top of the file, e.g. "patients[3]" in a cohort file), pushing every problem. `extended` is the
 * cohort file's version: it also allows `id`, `conditions` and per-dose `route` and `setting`, and it
 * refuses per-patient `options` (the cohort file gives them once, for every patient).
 */
export function readPatientFields(
  value: Json,
  path: string,
  problems: FieldProblem[],
  extended: boolean,
): PatientFields {
  const at = (key: string): string => (path === '' ? key : `${path}.${key}`);
  if (extended && value.options !== undefined) {
    problems.push({
      field: at('options'),
      reason: 'options apply to every patient: give them once, at the top of the file',
    });
  }
  problems.push(...unknownKeys(value, extended ? COHORT_PATIENT_KEYS : FILE_KEYS, path, extended ? ['options'] : []));
  const instrument = readInstrument(value.instrument, at('instrument'), problems);
  const doses = readList(value.doses, at('doses'), problems).map((d, i) =>
    readDose(d, at(`doses[${i}]`), problems, extended),
  );
  const assessments = readList(value.assessments, at('assessments'), problems).map((a, i) =>
    readAssessment(a, at(`assessments[${i}]`), instrument, problems),
  );
  const defaultPriceUsd = readPrice(value.defaultPriceUsd, at('defaultPriceUsd'), problems);
  const options = extended ? {} : readOptions(value.options, problems);
  const id =
    extended && value.id !== undefined ? readText(value.id, at('id'), 'must be a non-empty string', problems) : null;
  const conditions = extended ? readConditions(value.conditions, at('conditions'), problems) : [];
  return { instrument, doses, assessments, defaultPriceUsd, options, id, conditions };
}

/** The outcome thresholds of an instrument from the library. */
export function outcomeDefinition(instrument: InstrumentDefinition): OutcomeDefinition {
  return {
    instrument: instrument.id,
    responseFraction: instrument.responseFraction,
    remissionMax: instrument.remissionMax,
    reliableChange: instrument.reliableChange,
  };
}

/** Reads the options object (`baselineWindowDays`, `coverageCapDays`) found at `field`. */
export function readOptions(value: unknown, problems: FieldProblem[], field = 'options'): Partial<OutcomeOptions> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    problems.push({ field, reason: `must be an object with ${OPTION_KEYS.join(' and/or ')}` });
    return {};
  }
  problems.push(...unknownKeys(value, OPTION_KEYS, field));
  const options: Partial<OutcomeOptions> = {};
  const window = value.baselineWindowDays;
  if (window !== undefined) {
    if (typeof window === 'number' && Number.isFinite(window) && window >= 0) options.baselineWindowDays = window;
    else
      problems.push({
        field: `${field}.baselineWindowDays`,
        reason: `${JSON.stringify(window)} is not a number of days ≥ 0`,
      });
  }
  const cap = value.coverageCapDays;
  if (cap !== undefined) {
    if (typeof cap === 'number' && Number.isFinite(cap) && cap > 0) options.coverageCapDays = cap;
    else
      problems.push({
        field: `${field}.coverageCapDays`,
        reason: `${JSON.stringify(cap)} is not a number of days > 0`,
      });
  }
  return options;
}

function readText(value: unknown, field: string, reason: string, problems: FieldProblem[]): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value;
  problems.push({ field, reason });
  return null;
}

function readConditions(value: unknown, field: string, problems: FieldProblem[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push({ field, reason: 'must be a list of condition names (strings)' });
    return [];
  }
  const conditions: string[] = [];
  (value as unknown[]).forEach((c, i) => {
    const text = readText(c, `${field}[${i}]`, 'must be a non-empty string (a condition name)', problems);
    if (text !== null) conditions.push(text);
  });
  return conditions;
}

function readInstrument(value: unknown, field: string, problems: FieldProblem[]): InstrumentDefinition | null {
  const known = listInstruments()
    .map((d) => d.id)
    .join(', ');
  if (typeof value !== 'string') {
    problems.push({ field, reason: `is required: an instrument id (known: ${known})` });
    return null;
  }
  try {
    return getInstrument(value);
  } catch (error) {
    if (!isOnsetError(error)) throw error;
    problems.push({ field, reason: `unknown instrument ${JSON.stringify(value)} (known: ${known})` });
    return null;
  }
}

function readList(value: unknown, field: string, problems: FieldProblem[]): unknown[] {
  if (Array.isArray(value)) return value as unknown[];
  problems.push({ field, reason: value === undefined ? 'is required (a list, possibly empty)' : 'must be a list' });
  return [];
}

function readDose(
  value: unknown,
  path: string,
  problems: FieldProblem[],
  extended: boolean,
): PatientFields['doses'][number] {
  const unknown = UNKNOWN_DOSE_DETAIL;
  if (!isObject(value)) {
    const optional = extended ? 'priceUsd, route and setting' : 'priceUsd';
    problems.push({ field: path, reason: `must be an object with at and, optionally, ${optional}` });
    return { at: 0, priceUsd: null, route: unknown, setting: unknown };
  }
  problems.push(...unknownKeys(value, extended ? COHORT_DOSE_KEYS : DOSE_KEYS, path));
  const detail = (key: 'route' | 'setting'): string =>
    !extended || value[key] === undefined
      ? unknown
      : (readText(value[key], `${path}.${key}`, 'must be a non-empty string', problems) ?? unknown);
  return {
    at: readTime(value.at, `${path}.at`, problems),
    priceUsd: readPrice(value.priceUsd, `${path}.priceUsd`, problems),
    route: detail('route'),
    setting: detail('setting'),
  };
}

function readAssessment(
  value: unknown,
  path: string,
  instrument: InstrumentDefinition | null,
  problems: FieldProblem[],
): AssessmentInput {
  const unusable: AssessmentInput = { at: 0, total: null, complete: false };
  if (!isObject(value)) {
    problems.push({ field: path, reason: 'must be an object with at and either total or answers' });
    return unusable;
  }
  problems.push(...unknownKeys(value, ASSESSMENT_KEYS, path));
  const at = readTime(value.at, `${path}.at`, problems);
  const hasTotal = value.total !== undefined;
  const hasAnswers = value.answers !== undefined;
  if (hasTotal === hasAnswers) {
    problems.push({ field: path, reason: hasTotal ? 'give total or answers, not both' : 'give total or answers' });
    return unusable;
  }
  if (instrument === null) return unusable;
  return hasTotal
    ? readTotal(value.total, at, path, instrument, problems)
    : readAnswers(value.answers, at, path, instrument, problems);
}

function readTotal(
  value: unknown,
  at: number,
  path: string,
  def: InstrumentDefinition,
  problems: FieldProblem[],
): AssessmentInput {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < def.totalMin || value > def.totalMax) {
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
    problems.push({
      field: `${path}.total`,
      reason: `${shown} is not a whole number from ${def.totalMin} to ${def.totalMax} (${def.shortName})`,
    });
    return { at, total: null, complete: false };
  }
  return { at, total: value, complete: true };
}

function readAnswers(
  value: unknown,
  at: number,
  path: string,
  def: InstrumentDefinition,
  problems: FieldProblem[],
): AssessmentInput {
  try {
    const score = scoreAnswers(def, value as Answers);
    return { at, total: score.total, complete: score.complete };
  } catch (error) {
    if (!isOnsetError(error)) throw error;
    // The scorer names fields relative to the answers ("answers", "answers.3"); put them under this assessment.
    problems.push(...error.problems.map((p) => ({ field: `${path}.${p.field}`, reason: p.reason })));
    return { at, total: null, complete: false };
  }
}

function readTime(value: unknown, field: string, problems: FieldProblem[]): number {
  const at = typeof value === 'string' ? parseIsoDateTime(value) : null;
  if (at === null) {
    problems.push({
      field,
      reason: 'not an ISO-8601 date-time (e.g. 2026-01-05T10:00:00Z; Z or an offset is required)',
    });
    return 0;
  }
  return at;
}

function readPrice(value: unknown, field: string, problems: FieldProblem[]): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  problems.push({ field, reason: `${JSON.stringify(value)} is not a price in US dollars ≥ 0 (or null)` });
  return null;
}

function unknownKeys(
  value: Json,
  allowed: readonly string[],
  path: string,
  reported: readonly string[] = [],
): FieldProblem[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key) && !reported.includes(key))
    .map((key) => ({
      field: path === '' ? key : `${path}.${key}`,
      reason: `is not a known field (allowed: ${allowed.join(', ')})`,
    }));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
