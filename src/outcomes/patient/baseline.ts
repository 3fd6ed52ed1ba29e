import type { Baseline } from '../types.js';
import { DAY_MS } from '../../shared/time.js';
import { upperBound } from './search.js';

export interface BaselineHit extends Baseline {
  /** Position of the baseline among the complete assessments. */
  index: number;
}

/**
 * Baseline — docs/outcomes.md: "the last assessment at or before t1 and no earlier than t1 − 14 days
 * (window configurable)". `times`/`totals` are the complete assessments in time order.
 */
export function findBaseline(
  times: readonly number[],
  totals: readonly number[],
  firstDoseAt: number,
  windowDays: number,
): BaselineHit | null {
  const index = upperBound(times, firstDoseAt) - 1;
  const at = times[index];
  const total = totals[index];
  if (at === undefined || total === undefined) return null;
  if (at < firstDoseAt - windowDays * DAY_MS) return null;
  return { at, total, index };
}
