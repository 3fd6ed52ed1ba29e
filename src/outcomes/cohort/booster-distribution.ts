import type { BoosterRateFigure, HistogramBin } from './types.js';

// Bins one dose per 30 days wide up to 10, then open: published maintenance is 2–8 sessions a month
// (src/evidence/time-course.ts, cost and frequency), so the bins resolve that range and gather the rare extremes.
const BIN_EDGES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * Booster-rate distribution — docs/outcomes.md "booster rate distribution (doses per 30 days after the first
 * 30 days)": a histogram and median of each followed patient's rate (see boosterRateAfterDay30).
 */
export function boosterRateDistribution(rates: readonly (number | null)[]): BoosterRateFigure {
  const known = rates.filter((r): r is number => r !== null).sort((a, b) => a - b);
  const bins: HistogramBin[] = BIN_EDGES.map((from, i) => ({ from, to: BIN_EDGES[i + 1] ?? null, count: 0 }));
  for (const rate of known) {
    const bin = bins[Math.min(Math.floor(rate), bins.length - 1)];
    if (bin !== undefined) bin.count++;
  }
  return {
    n: known.length,
    definition: 'boosterRate',
    median: median(known),
    bins,
    excludedShortFollowUp: rates.length - known.length,
  };
}

function median(sorted: readonly number[]): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
