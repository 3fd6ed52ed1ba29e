import type { AssessmentOutcome, Baseline, OutcomeDefinition, ReliableChange } from '../types.js';

// Totals are whole numbers but thresholds such as baseline × (1 − 0.35) are computed in floating
// point; the tolerance keeps e.g. 20 × 0.65 = 13 a response at exactly 13.
const EPSILON = 1e-9;

/**
 * Response — docs/outcomes.md: "baseline > 0 and total ≤ baseline × (1 − r)". Null when the instrument has
 * no response fraction.
 */
export function isResponse(total: number, baseline: number, responseFraction: number | null): boolean | null {
  if (responseFraction === null) return null;
  return baseline > 0 && total <= baseline * (1 - responseFraction) + EPSILON;
}

/** Remission — docs/outcomes.md: "total ≤ m". Null when the instrument has no remission cut-off. */
export function isRemission(total: number, remissionMax: number | null): boolean | null {
  if (remissionMax === null) return null;
  return total <= remissionMax;
}

/**
 * Reliable change — docs/outcomes.md: "'improved' if baseline − total ≥ R, 'deteriorated' if
 * total − baseline ≥ R, else 'none'". Null when the instrument has no reliable-change threshold.
 */
export function reliableChange(total: number, baseline: number, threshold: number | null): ReliableChange | null {
  if (threshold === null) return null;
  if (baseline - total >= threshold) return 'improved';
  if (total - baseline >= threshold) return 'deteriorated';
  return 'none';
}

/**
 * One assessment's outcome fields — docs/outcomes.md "For each assessment after t1": change = total −
 * baseline; percent change = change / baseline × 100 (none when baseline is 0); response; remission;
 * reliable. `used` is false for assessments that are incomplete or not after t1: every field is null.
 * Without a baseline every field but remission is null (docs/outcomes.md "Edge cases": remission, total ≤ m,
 * reads the total alone).
 */
export function assessmentOutcome(
  at: number,
  total: number | null,
  used: boolean,
  baseline: Baseline | null,
  definition: OutcomeDefinition,
): AssessmentOutcome {
  if (!used || total === null) {
    return { at, total, change: null, percentChange: null, response: null, remission: null, reliable: null };
  }
  if (baseline === null) {
    // Remission is a threshold on the total alone: it needs no baseline (docs/outcomes.md "Edge cases").
    return {
      at,
      total,
      change: null,
      percentChange: null,
      response: null,
      remission: isRemission(total, definition.remissionMax),
      reliable: null,
    };
  }
  const change = total - baseline.total;
  return {
    at,
    total,
    change,
    percentChange: baseline.total === 0 ? null : (change / baseline.total) * 100,
    response: isResponse(total, baseline.total, definition.responseFraction),
    remission: isRemission(total, definition.remissionMax),
    reliable: reliableChange(total, baseline.total, definition.reliableChange),
  };
}
