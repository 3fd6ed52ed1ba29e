import { describe, expect, it } from 'vitest';
import { Random } from '../synthetic/random.js';
import { judgedInside } from './backtest.js';
import { clinicCalibration } from './calibration.js';
import { DAY_MS } from '../shared/time.js';

describe('the 80% interval judged on an observed episode', () => {
  it('hand-worked cases: inside, outside, and not known', () => {
    // Interval [2, 6]; the end lies in (lower, upper].
    expect(judgedInside([2, 6], { lowerDays: 3, upperDays: 5 })).toBe(true);
    expect(judgedInside([2, 6], { lowerDays: 2, upperDays: 6 })).toBe(true);
    expect(judgedInside([2, 6], { lowerDays: 6, upperDays: 9 })).toBe(false);
    expect(judgedInside([2, 6], { lowerDays: 0.5, upperDays: 1.5 })).toBe(false);
    expect(judgedInside([2, 6], { lowerDays: 7, upperDays: null })).toBe(false);
    // Straddling an end of the interval, or right-censored before its upper end: unknown.
    expect(judgedInside([2, 6], { lowerDays: 1, upperDays: 3 })).toBeNull();
    expect(judgedInside([2, 6], { lowerDays: 5, upperDays: 7 })).toBeNull();
    expect(judgedInside([2, 6], { lowerDays: 3, upperDays: null })).toBeNull();
  });

  it('never contradicts the true end it was observed around', () => {
    const random = new Random(5);
    let judged = 0;
    for (let i = 0; i < 20_000; i++) {
      const truth = random.uniform(0.1, 20);
      const lower = truth - random.uniform(0.01, 4);
      const censored = random.uniform(0, 1) < 0.3;
      const upper = censored ? null : truth + random.uniform(0, 4);
      const lo = random.uniform(0, 10);
      const hi = lo + random.uniform(0.1, 10);
      const verdict = judgedInside([lo, hi], { lowerDays: Math.max(lower, 0), upperDays: upper });
      if (verdict === null) continue;
      judged++;
      expect(verdict).toBe(truth >= lo && truth <= hi);
    }
    expect(judged).toBeGreaterThan(5_000);
  });
});

describe('clinic calibration', () => {
  it('a clinic too small for a model in each half of its patients says so, with its counts', () => {
    const definition = { instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 };
    const T0 = Date.parse('2026-01-05T00:00:00Z');
    // One patient: baseline 18, a dose, responding at DAY_MS 1 and not at DAY_MS 3 → one episode (1, 3].
    const patient = {
      patientId: 'p1',
      conditions: ['gad'],
      defaultPriceUsd: null,
      adverseEvents: [],
      doses: [{ at: T0, priceUsd: null, route: 'iv', setting: 'clinic' }],
      assessments: [
        { at: T0 - DAY_MS, total: 18, complete: true },
        { at: T0 + DAY_MS, total: 6, complete: true },
        { at: T0 + 3 * DAY_MS, total: 16, complete: true },
      ],
    };
    const result = clinicCalibration({ definition, patients: [patient] }, { distribution: 'lognormal' });
    expect(result).toMatchObject({ status: 'too-few', episodes: 1, patients: 1 });
    expect(result.status === 'too-few' ? result.text : '').toContain('at least 20 episodes');
  });
});
