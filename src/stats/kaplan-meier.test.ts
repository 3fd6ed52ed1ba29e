import { describe, expect, it } from 'vitest';
import { isOnsetError } from '../shared/errors.js';
import { kaplanMeier, type SurvivalObservation } from './kaplan-meier.js';

/** Builds observations from compact pairs: [time, 1 = event / 0 = censored]. */
function observations(...pairs: [number, 0 | 1][]): SurvivalObservation[] {
  return pairs.map(([time, event]) => ({ time, event: event === 1 }));
}

// Six patients: events at 1, 3, 5, 6; censored at 2 and 3 (a censoring tied with an event).
const sixPatients = observations([1, 1], [2, 0], [3, 1], [3, 0], [5, 1], [6, 1]);

describe('kaplanMeier, worked by hand', () => {
  it('gives one row per distinct time with risk sets, product-limit S and Greenwood se', () => {
    const { table, n, events } = kaplanMeier(sixPatients);
    expect(n).toBe(6);
    expect(events).toBe(4);
    expect(table.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor])).toEqual([
      [1, 6, 1, 0],
      [2, 5, 0, 1],
      [3, 4, 1, 1], // the censoring at 3 is still at risk for the event at 3
      [5, 2, 1, 0],
      [6, 1, 1, 0],
    ]);
    // S: 5/6; unchanged at the censoring; 5/6·3/4 = 0.625; ·1/2 = 0.3125; ·0/1 = 0.
    [5 / 6, 5 / 6, 0.625, 0.3125, 0].forEach((s, i) => expect(table[i]?.survival).toBeCloseTo(s, 12));
    // Greenwood Σ d/(n(n−d)): 1/30; 1/30 + 1/12 = 7/60; 7/60 + 1/2 = 37/60; then 1/(1·0) = ∞.
    [1 / 30, 1 / 30, 7 / 60, 37 / 60].forEach((v, i) => expect(table[i]?.stdErr).toBeCloseTo(Math.sqrt(v), 12));
    expect(table[4]?.stdErr).toBe(Infinity);
  });

  it('builds log-scale bounds as S·exp(±z·se), capped at 1, NA (null) at S = 0', () => {
    const { table } = kaplanMeier(sixPatients);
    const z = 1.959963984540054; // qnorm(0.975)
    // t = 1: 5/6 · exp(−1.96 · 0.18257) = 0.58265; the upper bound 5/6 · exp(+0.3578) = 1.19 is capped.
    expect(table[0]?.lower).toBeCloseTo((5 / 6) * Math.exp(-z * Math.sqrt(1 / 30)), 12);
    expect(table[0]?.lower).toBeCloseTo(0.582655, 6);
    expect(table[0]?.upper).toBe(1);
    expect(table[4]).toMatchObject({ survival: 0, lower: null, upper: null });
  });

  it('orients log-log bounds as R does: exp(−exp(log(−log S) ∓ z·se/log S))', () => {
    const { table } = kaplanMeier(sixPatients, { confType: 'log-log' });
    // t = 1: log(−log 5/6) = −1.70198, z·se/log S = 1.95996·0.182574/(−0.182322) = −1.96268,
    // lower = exp(−exp(−1.70198 + 1.96268)) = 0.273123, upper = exp(−exp(−1.70198 − 1.96268)) = 0.974712.
    expect(table[0]?.lower).toBeCloseTo(0.273123, 6);
    expect(table[0]?.upper).toBeCloseTo(0.974712, 6);
    expect(table[4]).toMatchObject({ lower: null, upper: null });
  });

  it('builds plain bounds as S ± z·se·S clipped to [0, 1], NA at S = 0 (se is infinite there)', () => {
    const { table } = kaplanMeier(sixPatients, { confType: 'plain' });
    // t = 5: S = 0.3125, se·S = 0.785281·0.3125 = 0.245400, ×1.959964 = 0.480976: 0.3125 − 0.481 < 0 → 0.
    expect(table[3]?.lower).toBe(0);
    expect(table[3]?.upper).toBeCloseTo(0.3125 + 1.959963984540054 * Math.sqrt(37 / 60) * 0.3125, 12);
    expect(table[4]).toMatchObject({ lower: null, upper: null });
  });

  it('finds the median where S first drops to ≤ 0.5, and its CI where the bounds do', () => {
    // S ≤ 0.5 first at t = 5 (0.3125). The lower bound is 0.320 at t = 3 (0.625·exp(−1.96·0.3416)),
    // the upper bound never drops below 0.5 (1 at t = 5, NA at t = 6).
    expect(kaplanMeier(sixPatients)).toMatchObject({ median: 5, medianLower: 3, medianUpper: null });
  });

  it('takes the midpoint when S is exactly 0.5 over an interval', () => {
    // S: 5/6, 4/6, 3/6 = 0.5 at t = 3, unchanged at the censoring at 4, 0.25 at t = 5 → (3 + 5)/2.
    const result = kaplanMeier(observations([1, 1], [2, 1], [3, 1], [4, 0], [5, 1], [6, 0]));
    expect(result.median).toBe(4);
  });

  it('takes the time itself when S stays at exactly 0.5 to the end (as print(survfit))', () => {
    // S: 0.75, 0.5, 0.5, 0.5 — no later time is lower, so the median is 2.
    expect(kaplanMeier(observations([1, 1], [2, 1], [3, 0], [4, 0])).median).toBe(2);
  });

  it('reports an unreached median or bound as null', () => {
    // S stays at 2/3. The lower bound at t = 1 is 2/3 · exp(−1.96 · sqrt(1/6)) = 0.2995 ≤ 0.5, so the
    // median's lower CI bound is 1 while the median and its upper bound are not reached.
    const result = kaplanMeier(observations([1, 1], [2, 0], [3, 0]));
    expect(result).toMatchObject({ median: null, medianLower: 1, medianUpper: null });
    expect(result.table[0]?.lower).toBeCloseTo(0.29951, 5);
  });

  it('handles n = 1', () => {
    const event = kaplanMeier(observations([5, 1]));
    expect(event.table).toEqual([
      { time: 5, nRisk: 1, nEvent: 1, nCensor: 0, survival: 0, stdErr: Infinity, lower: null, upper: null },
    ]);
    expect(event).toMatchObject({ median: 5, medianLower: null, medianUpper: null });
    const censored = kaplanMeier(observations([5, 0]));
    expect(censored.table).toEqual([
      { time: 5, nRisk: 1, nEvent: 0, nCensor: 1, survival: 1, stdErr: 0, lower: 1, upper: 1 },
    ]);
  });

  it('gives no log-log bounds while S = 1 (R: NA)', () => {
    const first = kaplanMeier(observations([0, 0], [2, 1], [3, 0]), { confType: 'log-log' }).table[0];
    expect(first).toMatchObject({ survival: 1, lower: null, upper: null });
  });

  it('merges times equal up to floating-point noise, as R timefix', () => {
    const { table } = kaplanMeier([
      { time: 0.1 + 0.2, event: true },
      { time: 0.3, event: true },
      { time: 1, event: false },
    ]);
    expect(table.map((r) => [r.time, r.nEvent])).toEqual([
      [0.3, 2],
      [1, 0],
    ]);
  });

  it('uses the confidence level given', () => {
    // 90%: z = qnorm(0.95) = 1.644854; t = 1 lower = 5/6 · exp(−1.644854 · 0.182574) = 5/6 · 0.740591.
    expect(kaplanMeier(sixPatients, { confLevel: 0.9 }).table[0]?.lower).toBeCloseTo(0.617159, 6);
  });

  it.each([
    [[], 'observations: at least one observation is needed'],
    [[{ time: -1, event: true }], 'observations[0].time: -1 is not a finite number ≥ 0'],
    [[{ time: Number.NaN, event: true }], 'observations[0].time: NaN is not a finite number ≥ 0'],
  ])('refuses %j', (obs, message) => {
    expect(() => kaplanMeier(obs)).toThrow(message);
  });

  it('refuses a confidence level outside (0, 1) with an OnsetError', () => {
    let caught: unknown;
    try {
      kaplanMeier(sixPatients, { confLevel: 95 });
    } catch (error) {
      caught = error;
    }
    expect(isOnsetError(caught) && caught.message).toBe('confLevel: 95 is outside the open interval (0, 1), e.g. 0.95');
  });
});
