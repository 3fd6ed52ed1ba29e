import type { ReliefEpisode } from '../types.js';
import { DAY_MS } from '../../shared/time.js';
import { doseWindow, type PatientCourse } from './course.js';

/**
 * Relief episode after dose k — docs/outcomes.md: "consider the assessments in dose k's window"
 * (strictly after tk, up to and including tk+1; see doseWindow). "If none of them is a response, dose k
 * has no episode. Otherwise the episode starts at tk; it ends at the first of these assessments that
 * comes after a responding one and is not a response (an event: relief lost), and its length is that
 * assessment's time − tk. If relief is never lost in the window, the episode is censored at the last
 * assessment in the window (length = that time − tk)." Returns the episodes in dose order; `dose` is 1-based.
 */
export function findReliefEpisodes(course: PatientCourse): ReliefEpisode[] {
  const episodes: ReliefEpisode[] = [];
  for (let k = 0; k < course.doseTimes.length; k++) {
    const episode = reliefEpisodeAfterDose(course, k);
    if (episode !== null) episodes.push(episode);
  }
  return episodes;
}

/** The relief episode after dose k (0-based index), or null when no assessment in its window responds. */
export function reliefEpisodeAfterDose(course: PatientCourse, k: number): ReliefEpisode | null {
  const responds = course.responds;
  const tk = course.doseTimes[k];
  if (responds === null || tk === undefined) return null;
  const { start, end } = doseWindow(course, k);
  let responded = false;
  for (let i = start; i < end; i++) {
    if (responds[i] === true) responded = true;
    else if (responded) return { dose: k + 1, days: ((course.times[i] ?? tk) - tk) / DAY_MS, censored: false };
  }
  if (!responded) return null;
  return { dose: k + 1, days: ((course.times[end - 1] ?? tk) - tk) / DAY_MS, censored: true };
}
