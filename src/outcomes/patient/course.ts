import type { AssessmentInput, OutcomeDefinition } from '../types.js';
import { findBaseline, type BaselineHit } from './baseline.js';
import { isResponse } from './assessment-status.js';
import { upperBound } from './search.js';

/**
 * A patient's course as every metric reads it: dose times and complete assessments in time order
 * (docs/outcomes.md: "Incomplete assessments are shown but never used for outcomes"), the baseline, and
 * whether each assessment after t1 is a response.
 */
export interface PatientCourse {
  doseTimes: readonly number[];
  times: readonly number[];
  totals: readonly number[];
  /** Index of the first complete assessment strictly after t1 (`times.length` if none or no doses). */
  firstAfterT1: number;
  baseline: BaselineHit | null;
  /** Response of each complete assessment (false before t1); null when response is not definable. */
  responds: readonly boolean[] | null;
}

/** True when an assessment can be used for outcomes: complete with a finite total. */
export function isUsable(assessment: AssessmentInput): boolean {
  return assessment.complete && assessment.total !== null && Number.isFinite(assessment.total);
}

/** Dose times in ascending order. */
export function sortedDoseTimes(doses: readonly { at: number }[]): number[] {
  const times = doses.map((d) => d.at);
  if (!isAscending(times)) times.sort((a, b) => a - b);
  return times;
}

/** Times and totals of the complete assessments, in time order (stable for equal times). */
export function completeAssessments(assessments: readonly AssessmentInput[]): { times: number[]; totals: number[] } {
  let usable = assessments.filter(isUsable);
  if (!isAscending(usable.map((a) => a.at))) usable = [...usable].sort((a, b) => a.at - b.at);
  return { times: usable.map((a) => a.at), totals: usable.map((a) => a.total ?? 0) };
}

/** Builds the course from sorted dose times and sorted complete assessments. */
export function buildCourse(
  definition: OutcomeDefinition,
  doseTimes: readonly number[],
  times: readonly number[],
  totals: readonly number[],
  baselineWindowDays: number,
): PatientCourse {
  const t1 = doseTimes[0];
  if (t1 === undefined) {
    return { doseTimes, times, totals, firstAfterT1: times.length, baseline: null, responds: null };
  }
  const baseline = findBaseline(times, totals, t1, baselineWindowDays);
  const firstAfterT1 = upperBound(times, t1);
  const r = definition.responseFraction;
  if (baseline === null || r === null) {
    return { doseTimes, times, totals, firstAfterT1, baseline, responds: null };
  }
  const responds = new Array<boolean>(times.length).fill(false);
  for (let i = firstAfterT1; i < totals.length; i++) {
    responds[i] = isResponse(totals[i] ?? 0, baseline.total, r) === true;
  }
  return { doseTimes, times, totals, firstAfterT1, baseline, responds };
}

/**
 * Index range [start, end) of the complete assessments in dose k's window — docs/outcomes.md "Dose
 * window": strictly after tk and up to and including tk+1 (to the last assessment after tn). An
 * assessment at the very moment of a dose is taken before that dose acts, so it belongs to the earlier
 * dose's window, as one at t1 is the baseline and in no window.
 */
export function doseWindow(course: PatientCourse, k: number): { start: number; end: number } {
  const tk = course.doseTimes[k] ?? Infinity;
  const next = course.doseTimes[k + 1];
  const start = upperBound(course.times, tk);
  const end = next === undefined ? course.times.length : upperBound(course.times, next, start);
  return { start, end };
}

function isAscending(values: readonly number[]): boolean {
  for (let i = 1; i < values.length; i++) {
    if ((values[i] ?? 0) < (values[i - 1] ?? 0)) return false;
  }
  return true;
}
