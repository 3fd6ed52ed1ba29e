import { isOnsetError, invalid, invalidMany, type FieldProblem } from '../../shared/errors.js';
import { getInstrument, listInstruments } from '../../instruments/registry.js';
import { scoreAnswers } from '../../instruments/score.js';
import type { Answers, InstrumentDefinition } from '../../instruments/types.js';
import type { AssessmentInput, DoseInput, OutcomeOptions, PatientOutcomeInput } from '../types.js';
import { parseIsoDateTime } from './iso-time.js';

type Json = Record<string, unknown>;

const FILE_KEYS = ['instrument', 'doses', 'assessments', 'defaultPriceUsd', 'options'];
const DOSE_KEYS = ['at', 'priceUsd'];
const ASSESSMENT_KEYS = ['at', 'total', 'answers'];
const OPTION_KEYS = ['baselineWindowDays', 'coverageCapDays'];

/**
 * Reads the `onset outcomes` input file (already parsed JSON): checks every field by hand, scores
 * answers with the instrument library, and returns the engine's input. Throws one OnsetError naming
 * every bad field by its JSON path and what is allowed.
 */
export function parsePatientFile(value: unknown): PatientOutcomeInput {
  if (!isObject(value)) throw invalid('(file)', 'must be a JSON object with instrument, doses and assessments');
  const problems: FieldProblem[] = unknownKeys(value, FILE_KEYS, '');
  const instrument = readInstrument(value.instrument, problems);
  const doses = readList(value.doses, 'doses', problems).map((d, i) => readDose(d, `doses[${i}]`, problems));
  const assessments = readList(value.assessments, 'assessments', problems).map((a, i) =>
    readAssessment(a, `assessments[${i}]`, instrument, problems),
  );
  const defaultPriceUsd = readPrice(value.defaultPriceUsd, 'defaultPriceUsd', problems);
  const options = readOptions(value.options, problems);
  if (problems.length > 0 || instrument === null) throw invalidMany(problems);
  return {
    definition: {
      instrument: instrument.id,
      responseFraction: instrument.responseFraction,
      remissionMax: instrument.remissionMax,
      reliableChange: instrument.reliableChange,
    },
    doses,
    assessments,
    defaultPriceUsd,
    options,
  };
}

function readInstrument(value: unknown, problems: FieldProblem[]): InstrumentDefinition | null {
  const known = listInstruments().map((d) => d.id).join(', ');
  if (typeof value !== 'string') {
    problems.push({ field: 'instrument', reason: `is required: an instrument id (known: ${known})` });
    return null;
  }
  try {
    return getInstrument(value);
  } catch (error) {
    if (!isOnsetError(error)) throw error;
    problems.push({ field: 'instrument', reason: `unknown instrument ${JSON.stringify(value)} (known: ${known})` });
    return null;
  }
}

function readList(value: unknown, field: string, problems: FieldProblem[]): unknown[] {
  if (Array.isArray(value)) return value as unknown[];
  problems.push({ field, reason: value === undefined ? 'is required (a list, possibly empty)' : 'must be a list' });
  return [];
}

function readDose(value: unknown, path: string, problems: FieldProblem[]): DoseInput {
  if (!isObject(value)) {
    problems.push({ field: path, reason: 'must be an object with at and, optionally, priceUsd' });
    return { at: 0, priceUsd: null };
  }
  problems.push(...unknownKeys(value, DOSE_KEYS, path));
  return { at: readTime(value.at, `${path}.at`, problems), priceUsd: readPrice(value.priceUsd, `${path}.priceUsd`, problems) };
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
  return hasTotal ? readTotal(value.total, at, path, instrument, problems) : readAnswers(value.answers, at, path, instrument, problems);
}

function readTotal(value: unknown, at: number, path: string, def: InstrumentDefinition, problems: FieldProblem[]): AssessmentInput {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < def.totalMin || value > def.totalMax) {
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
    problems.push({ field: `${path}.total`, reason: `${shown} is not a whole number from ${def.totalMin} to ${def.totalMax} (${def.shortName})` });
    return { at, total: null, complete: false };
  }
  return { at, total: value, complete: true };
}

function readAnswers(value: unknown, at: number, path: string, def: InstrumentDefinition, problems: FieldProblem[]): AssessmentInput {
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
    problems.push({ field, reason: 'not an ISO-8601 date-time (e.g. 2026-01-05T10:00:00Z; Z or an offset is required)' });
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

function readOptions(value: unknown, problems: FieldProblem[]): Partial<OutcomeOptions> {
  if (value === undefined) return {};
  if (!isObject(value)) {
    problems.push({ field: 'options', reason: `must be an object with ${OPTION_KEYS.join(' and/or ')}` });
    return {};
  }
  problems.push(...unknownKeys(value, OPTION_KEYS, 'options'));
  const options: Partial<OutcomeOptions> = {};
  const window = value.baselineWindowDays;
  if (window !== undefined) {
    if (typeof window === 'number' && Number.isFinite(window) && window >= 0) options.baselineWindowDays = window;
    else problems.push({ field: 'options.baselineWindowDays', reason: `${JSON.stringify(window)} is not a number of days ≥ 0` });
  }
  const cap = value.coverageCapDays;
  if (cap !== undefined) {
    if (typeof cap === 'number' && Number.isFinite(cap) && cap > 0) options.coverageCapDays = cap;
    else problems.push({ field: 'options.coverageCapDays', reason: `${JSON.stringify(cap)} is not a number of days > 0` });
  }
  return options;
}

function unknownKeys(value: Json, allowed: readonly string[], path: string): FieldProblem[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ field: path === '' ? key : `${path}.${key}`, reason: `is not a known field (allowed: ${allowed.join(', ')})` }));
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
