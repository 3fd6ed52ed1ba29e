import { describe, expect, it } from 'vitest';
import { computePatientOutcomes } from './compute.js';
import { DAY_MS } from '../../shared/time.js';
import type { PatientOutcomeInput } from '../types.js';

const T1 = Date.UTC(2026, 2, 2, 9, 0, 0);
const at = (days: number): number => T1 + days * DAY_MS;
// t(0.975, 2 df) in closed form: (2p − 1) / √(2p(1 − p)) with p = 0.975 → 0.95 / √0.04875.
const T_975_DF2 = 0.95 / Math.sqrt(2 * 0.975 * 0.025);

/**
 * Episodes built dose by dose: dose k at day 20·(k−1); one day later a responding score `relief[k]`;
 * then a non-responding 15 at `lengths[k]` days after the dose (relief lost). Baseline 20 → threshold 10.
 */
function shrinkingCourse(lengths: number[], relief: number[]): PatientOutcomeInput {
  const assessments = [{ at: at(-1), total: 20, complete: true }];
  lengths.forEach((length, k) => {
    assessments.push({ at: at(20 * k + 1), total: relief[k] ?? 5, complete: true });
    assessments.push({ at: at(20 * k + length), total: 15, complete: true });
  });
  return {
    definition: { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 },
    doses: lengths.map((_, k) => ({ at: at(20 * k), priceUsd: 400 })),
    assessments,
    defaultPriceUsd: null,
  };
}

describe('tolerance signal', () => {
  it('lengths 8, 6, 4, 2: slope −2 with zero residual, a degenerate CI [−2, −2], flagged', () => {
    const { tolerance, reliefEpisodes } = computePatientOutcomes(shrinkingCourse([8, 6, 4, 2], [5, 5, 5, 5]));
    expect(reliefEpisodes.map((e) => e.days)).toEqual([8, 6, 4, 2]);
    expect(tolerance.durationSlope).toBeCloseTo(-2, 12);
    expect(tolerance.durationLower).toBeCloseTo(-2, 12);
    expect(tolerance.durationUpper).toBeCloseTo(-2, 12);
    // Every relief score is 5: depth (20 − 5) / 20 = 75% each time → slope 0, CI [0, 0].
    expect(tolerance.depthSlope).toBeCloseTo(0, 12);
    expect(tolerance.depthUpper).toBeCloseTo(0, 12);
    expect(tolerance.flag).toBe(true);
  });

  it('noisy lengths 10, 7, 8, 3: slope −2, CI −2 ± t(0.975, 2)·√0.6, not flagged', () => {
    // x̄ = 2.5, ȳ = 7; Sxx = 5; Sxy = (−1.5)(3) + (−0.5)(0) + (0.5)(1) + (1.5)(−4) = −10 → slope −2.
    // Fitted 10, 8, 6, 4; residuals 0, −1, 2, −1; SSE = 6; s² = 6 / 2 = 3; SE = √(3 / 5) = √0.6.
    // t(0.975, 2) = 4.30265…; half-width = 4.30265 × 0.774597 = 3.33282 → [−5.33282, 1.33282].
    const { tolerance } = computePatientOutcomes(shrinkingCourse([10, 7, 8, 3], [5, 5, 5, 5]));
    const half = T_975_DF2 * Math.sqrt(0.6);
    expect(tolerance.durationSlope).toBeCloseTo(-2, 12);
    expect(tolerance.durationLower).toBeCloseTo(-2 - half, 9);
    expect(tolerance.durationUpper).toBeCloseTo(-2 + half, 9);
    expect(tolerance.durationUpper).toBeCloseTo(1.332820473, 8);
    expect(tolerance.flag).toBe(false);
  });

  it('noisy depths 80, 70, 75, 60: slope −5.5, CI −5.5 ± t(0.975, 2)·√6.75', () => {
    // Relief scores 4, 6, 5, 8 against baseline 20 → depths 80, 70, 75, 60 (the later 15s reduce by only 25%).
    // ȳ = 71.25; Sxy = (−1.5)(8.75) + (−0.5)(−1.25) + (0.5)(3.75) + (1.5)(−11.25) = −27.5; slope = −27.5 / 5.
    // Fitted 79.5, 74, 68.5, 63; residuals 0.5, −4, 6.5, −3; SSE = 67.5; s² = 33.75; SE = √(33.75 / 5).
    const { tolerance } = computePatientOutcomes(shrinkingCourse([5, 5, 5, 5], [4, 6, 5, 8]));
    const half = T_975_DF2 * Math.sqrt(6.75);
    expect(tolerance.depthSlope).toBeCloseTo(-5.5, 12);
    expect(tolerance.depthLower).toBeCloseTo(-16.678619703, 8);
    expect(tolerance.depthUpper).toBeCloseTo(-5.5 + half, 9);
    expect(tolerance.durationSlope).toBeCloseTo(0, 12);
    expect(tolerance.flag).toBe(false);
  });

  it('shrinking depth alone raises the flag: depths 90, 80, 70, 60 with constant length', () => {
    // Relief scores 2, 4, 6, 8 → depths 90, 80, 70, 60: slope −10, zero residual → CI [−10, −10] < 0.
    const { tolerance } = computePatientOutcomes(shrinkingCourse([5, 5, 5, 5], [2, 4, 6, 8]));
    expect(tolerance.depthSlope).toBeCloseTo(-10, 12);
    expect(tolerance.depthUpper).toBeCloseTo(-10, 9);
    expect(tolerance.durationUpper).toBeCloseTo(0, 12);
    expect(tolerance.flag).toBe(true);
  });

  it('needs 4 episodes: 3 give all-null figures', () => {
    const { tolerance } = computePatientOutcomes(shrinkingCourse([8, 6, 4], [5, 5, 5]));
    expect(Object.values(tolerance).every((v) => v === null)).toBe(true);
  });
});
