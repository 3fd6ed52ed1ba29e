import type { Onset } from '../types.js';
import { DAY_MS, HOUR_MS } from '../../shared/time.js';
import type { PatientCourse } from './course.js';
import { upperBound } from './search.js';

/**
 * Onset — docs/outcomes.md: "the first assessment after t1 that is a response. Reported as hours and days
 * after t1, and as the number of doses given at or before that assessment. None if no assessment
 * responds."
 */
export function findOnset(course: PatientCourse): Onset | null {
  const index = firstResponseIndex(course);
  const t1 = course.doseTimes[0];
  const at = course.times[index];
  if (t1 === undefined || at === undefined) return null;
  return { hours: (at - t1) / HOUR_MS, days: (at - t1) / DAY_MS, doses: upperBound(course.doseTimes, at) };
}

/** Index of the first responding assessment after t1, or -1 when there is none. */
export function firstResponseIndex(course: PatientCourse): number {
  const responds = course.responds;
  if (responds === null) return -1;
  for (let i = course.firstAfterT1; i < responds.length; i++) {
    if (responds[i] === true) return i;
  }
  return -1;
}
