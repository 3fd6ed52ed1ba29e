import type { OutcomeDefinition, OutcomeOptions } from '../types.js';
import { DAY_MS } from '../../shared/time.js';
import {
  buildCourse,
  completeAssessments,
  doseWindow,
  sortedDoseTimes,
  type PatientCourse,
} from '../patient/course.js';
import { firstResponseIndex } from '../patient/onset.js';
import { reliefEpisodeAfterDose } from '../patient/relief-episodes.js';
import { costToDate } from '../patient/cost.js';
import { reliefCoverage } from '../patient/coverage.js';
import { isRemission } from '../patient/assessment-status.js';
import { lowerBound } from '../patient/search.js';
import type { SurvivalObservation } from './stats.js';
import type { CohortPatientInput } from './types.js';

/** Bits of one dose's window in `doseFlags`. */
export const ASSESSED = 1;
export const RESPONDED = 2;
export const REMITTED = 4;

/** What the cohort report needs from one patient, computed in one pass over the sorted records. */
export interface CohortPatientSummary {
  hasBaseline: boolean;
  doseCount: number;
  /** For doses 1…maxDose: ASSESSED | RESPONDED | REMITTED bits of the dose's window. */
  doseFlags: Uint8Array;
  /** Onset observation in days; null when the patient has no baseline (left out of the curve). */
  onset: SurvivalObservation | null;
  /** The first relief episode as an observation; null when the patient has none. */
  firstRelief: SurvivalObservation | null;
  everResponded: boolean;
  costUsd: number | null;
  /** Days in response (docs/outcomes.md "Relief coverage"); null without a baseline or a response definition. */
  inResponseDays: number | null;
  /** The latest dose (epoch ms). */
  lastDoseAt: number | null;
  /** Doses per 30 days after day 30; null when followed for 30 days or less. */
  boosterRate: number | null;
}

/** Summarises one cohort patient for the cohort figures (docs/outcomes.md "Cohort"). */
export function summarizePatient(
  definition: OutcomeDefinition,
  patient: CohortPatientInput,
  options: OutcomeOptions,
  maxDose: number,
): CohortPatientSummary {
  const doseTimes = sortedDoseTimes(patient.doses);
  const { times, totals } = completeAssessments(patient.assessments);
  const course = buildCourse(definition, doseTimes, times, totals, options.baselineWindowDays);
  const onsetIndex = firstResponseIndex(course);
  return {
    hasBaseline: course.baseline !== null,
    doseCount: doseTimes.length,
    doseFlags: flagsByDose(course, definition, maxDose),
    onset: onsetObservation(course, onsetIndex),
    firstRelief: firstReliefObservation(course),
    everResponded: onsetIndex >= 0,
    costUsd: costToDate(patient.doses, patient.defaultPriceUsd),
    inResponseDays: reliefCoverage(course, options.coverageCapDays).inResponseDays,
    lastDoseAt: doseTimes[doseTimes.length - 1] ?? null,
    boosterRate: boosterRateAfterDay30(course),
  };
}

function flagsByDose(course: PatientCourse, definition: OutcomeDefinition, maxDose: number): Uint8Array {
  const flags = new Uint8Array(maxDose);
  const limit = Math.min(maxDose, course.doseTimes.length);
  for (let k = 0; k < limit; k++) {
    const { start, end } = doseWindow(course, k);
    let bits = end > start ? ASSESSED : 0;
    // Without a baseline response is undefined and its bit is never set; remission reads the total alone
    // (docs/outcomes.md "Edge cases").
    for (let i = start; i < end; i++) {
      if (course.responds?.[i] === true) bits |= RESPONDED;
      if (isRemission(course.totals[i] ?? Infinity, definition.remissionMax) === true) bits |= REMITTED;
    }
    flags[k] = bits;
  }
  return flags;
}

// docs/outcomes.md onset curve: time from t1 to onset in days; never-responders censored at their last
// assessment (time 0 when nothing was assessed after t1).
function onsetObservation(course: PatientCourse, onsetIndex: number): SurvivalObservation | null {
  const t1 = course.doseTimes[0];
  if (course.responds === null || t1 === undefined) return null;
  const onsetAt = course.times[onsetIndex];
  if (onsetAt !== undefined) return { time: (onsetAt - t1) / DAY_MS, event: true };
  const last = course.times[course.times.length - 1] ?? t1;
  return { time: Math.max(0, last - t1) / DAY_MS, event: false };
}

function firstReliefObservation(course: PatientCourse): SurvivalObservation | null {
  for (let k = 0; k < course.doseTimes.length; k++) {
    const episode = reliefEpisodeAfterDose(course, k);
    if (episode !== null) return { time: episode.days, event: !episode.censored };
  }
  return null;
}

const THIRTY_DAYS_MS = 30 * DAY_MS;

/**
 * Booster rate (docs/outcomes.md "booster rate: doses per 30 days after the first 30 days"): follow-up ends
 * at the later of the last dose and the last complete assessment; only patients followed more than 30
 * days from t1 count. Rate = doses at or after t1 + 30 days × 30 ÷ days from t1 + 30 days to the end.
 */
export function boosterRateAfterDay30(course: PatientCourse): number | null {
  const t1 = course.doseTimes[0];
  if (t1 === undefined) return null;
  const lastDose = course.doseTimes[course.doseTimes.length - 1] ?? t1;
  const end = Math.max(lastDose, course.times[course.times.length - 1] ?? t1);
  const maintenanceStart = t1 + THIRTY_DAYS_MS;
  if (end <= maintenanceStart) return null;
  const doses = course.doseTimes.length - lowerBound(course.doseTimes, maintenanceStart);
  return (doses * 30) / ((end - maintenanceStart) / DAY_MS);
}
