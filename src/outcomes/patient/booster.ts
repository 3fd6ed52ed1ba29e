import { DAY_MS } from '../../shared/time.js';

const THIRTY_DAYS_MS = 30 * DAY_MS;

/**
 * Doses per 30 days — docs/outcomes.md: "(n − 1) × 30 / (tn − t1 in days), for n ≥ 2". Null for fewer than
 * two doses, or when all doses share one instant (the span is zero). `doseTimes` must be sorted.
 */
export function dosesPer30Days(doseTimes: readonly number[]): number | null {
  const n = doseTimes.length;
  const first = doseTimes[0];
  const last = doseTimes[n - 1];
  if (n < 2 || first === undefined || last === undefined || last === first) return null;
  return ((n - 1) * 30) / ((last - first) / DAY_MS);
}

/**
 * Most doses in 30 days — docs/outcomes.md: "the largest number of doses in any window [tk, tk + 30 days)".
 * 0 without doses. `doseTimes` must be sorted.
 */
export function maxDosesIn30Days(doseTimes: readonly number[]): number {
  let best = 0;
  let end = 0;
  for (let start = 0; start < doseTimes.length; start++) {
    const limit = (doseTimes[start] ?? 0) + THIRTY_DAYS_MS;
    while (end < doseTimes.length && (doseTimes[end] ?? Infinity) < limit) end++;
    best = Math.max(best, end - start);
  }
  return best;
}
