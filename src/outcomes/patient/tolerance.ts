import type { ReliefEpisode, ToleranceSignal } from '../types.js';
import { slopeAgainstOrder } from '../../stats/regression.js';
import { doseWindow, type PatientCourse } from './course.js';

/** docs/outcomes.md "Tolerance signal": "Needs at least 4 episodes." */
export const MIN_EPISODES_FOR_TOLERANCE = 4;

// A CI "wholly below 0" must be below by more than rounding noise: constant lengths can give a slope
// and CI of ±1e-16 instead of exactly 0. 1e-9 days (86 µs) or percentage points is clinically nothing.
const BELOW_ZERO = -1e-9;

const NO_SIGNAL: ToleranceSignal = {
  durationSlope: null,
  durationLower: null,
  durationUpper: null,
  depthSlope: null,
  depthLower: null,
  depthUpper: null,
  flag: null,
};

/**
 * Tolerance signal — docs/outcomes.md: "over a patient's relief episodes in dose order (x = 1, 2, …), the
 * least-squares slope of episode length in days, with its 95% confidence interval (t distribution,
 * n − 2 degrees of freedom); and the same for depth (the largest percent reduction from baseline among
 * the assessments in each dose's window). Needs at least 4 episodes. Flagged when the CI of the length
 * slope lies wholly below 0, or the CI of the depth slope lies wholly below 0."
 */
export function toleranceSignal(course: PatientCourse, episodes: readonly ReliefEpisode[]): ToleranceSignal {
  if (episodes.length < MIN_EPISODES_FOR_TOLERANCE || course.baseline === null) return NO_SIGNAL;
  const duration = slopeAgainstOrder(episodes.map((e) => e.days));
  const depth = slopeAgainstOrder(episodes.map((e) => depthAfterDose(course, e.dose - 1)));
  if (duration === null || depth === null) return NO_SIGNAL;
  return {
    durationSlope: duration.slope,
    durationLower: duration.lower,
    durationUpper: duration.upper,
    depthSlope: depth.slope,
    depthLower: depth.lower,
    depthUpper: depth.upper,
    flag: duration.upper < BELOW_ZERO || depth.upper < BELOW_ZERO,
  };
}

/**
 * Depth of relief after dose k (0-based): the largest percent reduction from baseline,
 * (baseline − total) / baseline × 100, among the assessments in the dose's window (positive = better).
 * Only called for doses with an episode, which implies a baseline above 0 and a non-empty window.
 */
export function depthAfterDose(course: PatientCourse, k: number): number {
  const baseline = course.baseline?.total ?? 0;
  const { start, end } = doseWindow(course, k);
  let best = -Infinity;
  for (let i = start; i < end; i++) {
    best = Math.max(best, ((baseline - (course.totals[i] ?? baseline)) / baseline) * 100);
  }
  return best;
}
