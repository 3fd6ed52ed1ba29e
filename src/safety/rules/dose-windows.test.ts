import { describe, expect, it } from 'vitest';
import { aDose, aHistory, day, dosesOnDays, settingsWith } from '../test-builders.js';
import { DEFAULT_SAFETY_SETTINGS } from '../settings.js';
import type { Dose } from '../../doses/dose.schema.js';
import { cumulativeDose } from './cumulative-dose.js';
import { doseFrequency } from './dose-frequency.js';

const frequency = (doses: Dose[], settings = DEFAULT_SAFETY_SETTINGS) =>
  doseFrequency.evaluate(aHistory({ doses }), settings);
const cumulative = (doses: Dose[], settings = DEFAULT_SAFETY_SETTINGS) =>
  cumulativeDose.evaluate(aHistory({ doses }), settings);

/** Every third day from day 0: 0, 3, …, 3(n − 1). */
const everyThirdDay = (n: number): number[] => Array.from({ length: n }, (_, k) => 3 * k);

describe('dose frequency: more than 8 doses in a window [tk, tk + 30 days) (the default)', () => {
  it('8 doses on days 0…21 (at the limit) raise nothing', () => {
    expect(frequency(dosesOnDays(everyThirdDay(8)))).toEqual([]);
  });

  it("9 doses on days 0…24 (one over) raise a warning keyed by the window's first dose, raised at the ninth", () => {
    const [finding, ...rest] = frequency(dosesOnDays(everyThirdDay(9)));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'dose-frequency',
      severity: 'warning',
      episodeKey: 'window:d-0',
      raisedAt: day(24),
      evidence: { values: { count: 9, limit: 8, windowStart: day(0), windowEnd: day(30) } },
    });
    expect(finding?.evidence.summary).toBe(
      '9 doses between 5 Jan 2026 and 29 Jan 2026: more than the limit of 8 in 30 days.',
    );
  });

  it("the window is open at 30 days: a ninth dose at day 30 is outside day 0's window, at 30 days minus a minute inside", () => {
    // Days 0…21 (8 doses) + day 30: window [0, 30) holds 8; window [3, 33) holds days 3…21 (7) + 30 = 8. Nothing.
    expect(frequency(dosesOnDays([...everyThirdDay(8), 30]))).toEqual([]);
    // The ninth a minute earlier falls in [0, 30): 9 doses.
    const ninth = aDose({ id: 'ninth', givenAt: day(30 - 1 / 1440) });
    expect(frequency([...dosesOnDays(everyThirdDay(8)), ninth]).map((f) => f.episodeKey)).toEqual(['window:d-0']);
  });

  it('more doses in the same stretch stay one episode with the same key (no duplicate on re-run)', () => {
    const nine = frequency(dosesOnDays(everyThirdDay(9)));
    const eleven = frequency(dosesOnDays(everyThirdDay(11)));
    expect(eleven.map((f) => f.episodeKey)).toEqual(nine.map((f) => f.episodeKey));
  });

  it('a later, separate stretch is a new episode', () => {
    // Days 0…24 (9 doses), then nothing until 9 doses on days 100…124.
    const doses = dosesOnDays([...everyThirdDay(9), ...everyThirdDay(9).map((d) => d + 100)]);
    expect(frequency(doses).map((f) => f.episodeKey)).toEqual(['window:d-0', 'window:d-100']);
  });

  it("uses the clinic's limit: 2 → the third dose in 30 days breaches", () => {
    const settings = settingsWith({ maxDosesIn30Days: 2 });
    expect(frequency(dosesOnDays([0, 10]), settings)).toEqual([]);
    expect(frequency(dosesOnDays([0, 10, 20]), settings).map((f) => [f.episodeKey, f.raisedAt])).toEqual([
      ['window:d-0', day(20)],
    ]);
  });

  it('reads doses in time order whatever order they come in', () => {
    const doses = dosesOnDays(everyThirdDay(9)).reverse();
    expect(frequency(doses).map((f) => f.episodeKey)).toEqual(['window:d-0']);
  });
});

describe('cumulative dose: mg in any 30-day window over the clinic limit', () => {
  it('is off by default', () => {
    expect(cumulative(dosesOnDays(everyThirdDay(10), { mg: 1000 }))).toEqual([]);
  });

  it('limit 500 mg: 5 × 100 mg (at the limit) nothing, 6 × 100 mg a warning', () => {
    const settings = settingsWith({ maxCumulativeMgIn30Days: 500 });
    expect(cumulative(dosesOnDays(everyThirdDay(5), { mg: 100 }), settings)).toEqual([]);
    const [finding] = cumulative(dosesOnDays(everyThirdDay(6), { mg: 100 }), settings);
    expect(finding).toMatchObject({
      rule: 'cumulative-dose',
      severity: 'warning',
      episodeKey: 'window:d-0',
      raisedAt: day(15),
    });
    expect(finding?.evidence.values).toMatchObject({ totalMg: 600, limitMg: 500 });
  });

  it('is not fooled by floating point: 0.1 + 0.2 mg against a limit of 0.3 mg is at the limit, not over', () => {
    const doses = [aDose({ id: 'a', givenAt: day(0), mg: 0.1 }), aDose({ id: 'b', givenAt: day(1), mg: 0.2 })];
    expect(0.1 + 0.2).toBeGreaterThan(0.3);
    expect(cumulative(doses, settingsWith({ maxCumulativeMgIn30Days: 0.3 }))).toEqual([]);
  });

  it('slides: 3 × 84 mg in days 0…20, then 84 mg on day 31 leaves day 0 behind', () => {
    // Limit 200: days 0, 10, 20 → 252 mg (over, episode at d-0); day 31 → window (1, 31] holds 10, 20, 31 = 252 (still
    // over);
    // the episode continues, so there is one finding.
    const settings = settingsWith({ maxCumulativeMgIn30Days: 200 });
    expect(cumulative(dosesOnDays([0, 10, 20, 31], { mg: 84 }), settings).map((f) => f.episodeKey)).toEqual([
      'window:d-0',
    ]);
  });
});
