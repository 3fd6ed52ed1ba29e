import { DAY_MS } from '../../shared/time.js';
import type { PatientCourse } from './course.js';

export interface Coverage {
  /** In-response days ÷ all interval days; null without intervals or without a response definition. */
  coverage: number | null;
  /** Days spent in response (capped intervals); null when response is not definable. */
  inResponseDays: number | null;
}

/**
 * Relief coverage — docs/outcomes.md: "each assessment after t1 except the last opens an interval that lasts
 * until the next assessment, but at most 7 days (configurable); the interval is 'in response' if its
 * opening assessment is a response. Coverage = in-response days / all interval days (none if there are
 * no intervals). Time beyond the 7-day cap is unknown and counts in neither."
 */
export function reliefCoverage(course: PatientCourse, capDays: number): Coverage {
  const responds = course.responds;
  if (responds === null) return { coverage: null, inResponseDays: null };
  const capMs = capDays * DAY_MS;
  let allMs = 0;
  let inResponseMs = 0;
  for (let i = course.firstAfterT1; i + 1 < course.times.length; i++) {
    const length = Math.min((course.times[i + 1] ?? 0) - (course.times[i] ?? 0), capMs);
    allMs += length;
    if (responds[i] === true) inResponseMs += length;
  }
  // Zero total length (no intervals, or assessments at the same instant) leaves coverage undefined.
  return { coverage: allMs > 0 ? inResponseMs / allMs : null, inResponseDays: inResponseMs / DAY_MS };
}
