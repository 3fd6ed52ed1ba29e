import { describe, expect, it } from 'vitest';
import { aHistory, anAssessment, day, settingsWith } from '../test-builders.js';
import { DEFAULT_SAFETY_SETTINGS } from '../settings.js';
import type { Assessment } from '../../assessments/assessment.schema.js';
import { craving } from './craving.js';

const rating = (value: number | null, id: string, days: number): Assessment =>
  anAssessment({ id, instrument: 'craving', answers: [value], completedAt: day(days) });
/** Ratings on days 1, 2, 3, … with ids r1, r2, r3, … */
const ratings = (...values: number[]): Assessment[] => values.map((v, i) => rating(v, `r${i + 1}`, i + 1));
const run = (assessments: Assessment[], settings = DEFAULT_SAFETY_SETTINGS) =>
  craving.evaluate(aHistory({ assessments }), settings);

describe('craving at or above 7 of 10 (Onset threshold)', () => {
  it('6 raises nothing', () => {
    expect(run(ratings(6))).toEqual([]);
  });

  it('7 (at the threshold) is a warning keyed high:assessment:<id>', () => {
    expect(run(ratings(7))).toEqual([
      expect.objectContaining({
        rule: 'craving',
        severity: 'warning',
        episodeKey: 'high:assessment:r1',
        raisedAt: day(1),
      }),
    ]);
  });

  it('9 raises one too; high ratings in a row are one episode; a lower one ends it', () => {
    // 9, 8 (one episode from r1), 3 (ends), 7 (new episode from r4).
    expect(run(ratings(9, 8, 3, 7)).map((f) => f.episodeKey)).toEqual(['high:assessment:r1', 'high:assessment:r4']);
  });

  it("uses the clinic's threshold", () => {
    expect(run(ratings(5), settingsWith({ cravingThreshold: 5 }))).toHaveLength(1);
  });

  it('ignores an unanswered rating', () => {
    expect(run([rating(null, 'blank', 1)])).toEqual([]);
  });
});

describe('craving rising over 3 consecutive ratings, each strictly higher', () => {
  it('two rising ratings (one short) raise nothing', () => {
    expect(run(ratings(1, 2))).toEqual([]);
  });

  it('a tie breaks the rise: 1, 2, 2 raises nothing', () => {
    expect(run(ratings(1, 2, 2))).toEqual([]);
  });

  it('1, 2, 3 raises one, keyed by the first of the streak and raised at the third', () => {
    const [finding] = run(ratings(1, 2, 3));
    expect(finding).toMatchObject({ episodeKey: 'rising:assessment:r1', raisedAt: day(3) });
    expect(finding?.evidence.summary).toBe('Craving rose over 3 consecutive ratings, 1 → 2 → 3, up to 8 Jan 2026.');
  });

  it('1, 2, 3, 4 is still one episode (same key as after 1, 2, 3)', () => {
    expect(run(ratings(1, 2, 3, 4)).map((f) => f.episodeKey)).toEqual(['rising:assessment:r1']);
  });

  it('the streak restarts after a fall: 2, 3, 1, 4, 5 rises from r3', () => {
    expect(run(ratings(2, 3, 1, 4, 5)).map((f) => f.episodeKey)).toEqual(['rising:assessment:r3']);
  });

  it('5, 6, 7 is both high (at r3) and rising (from r1)', () => {
    expect(run(ratings(5, 6, 7)).map((f) => f.episodeKey)).toEqual(['high:assessment:r3', 'rising:assessment:r1']);
  });

  it("uses the clinic's count: 2 → 1, 2 rises", () => {
    expect(run(ratings(1, 2), settingsWith({ cravingRisingCount: 2 })).map((f) => f.episodeKey)).toEqual([
      'rising:assessment:r1',
    ]);
  });
});
