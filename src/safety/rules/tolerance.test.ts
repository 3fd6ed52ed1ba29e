import { describe, expect, it } from 'vitest';
import { aCourse, aHistory, aScore, day, dosesOnDays, settingsWith } from '../test-builders.js';
import { DEFAULT_SAFETY_SETTINGS } from '../settings.js';
import type { Assessment } from '../../assessments/assessment.schema.js';
import type { Course } from '../../courses/course.schema.js';
import type { Dose } from '../../doses/dose.schema.js';
import { tolerance } from './tolerance.js';

/**
 * Relief episodes built dose by dose on GAD-7 (as in the outcome engine's own tolerance tests): baseline
 * 20 the day before dose 1 (response threshold 20 × 0.5 = 10); dose k on day 20(k − 1), ids d-0, d-20, …;
 * a responding 5 one day later, then a non-responding 15 `lengths[k]` days after the dose (relief lost).
 * Episode k therefore lasts lengths[k] days.
 */
function shrinking(lengths: number[], courseId = 'course-1'): { doses: Dose[]; assessments: Assessment[] } {
  const assessments = [aScore('gad7', -1, 20)];
  lengths.forEach((length, k) => {
    assessments.push(aScore('gad7', 20 * k + 1, 5), aScore('gad7', 20 * k + length, 15));
  });
  return {
    doses: dosesOnDays(
      lengths.map((_, k) => 20 * k),
      { courseId },
    ),
    assessments,
  };
}

const run = (
  records: { doses: Dose[]; assessments: Assessment[] },
  courses: Course[] = [aCourse()],
  settings = DEFAULT_SAFETY_SETTINGS,
) => tolerance.evaluate(aHistory({ ...records, courses }), settings);

describe("tolerance: the outcome engine's flag on the course's primary instrument", () => {
  it('lengths 8, 6, 4, 2 days: slope −2 with no scatter, CI [−2, −2] below 0 → a warning after dose 4', () => {
    const [finding, ...rest] = run(shrinking([8, 6, 4, 2]));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      rule: 'tolerance',
      severity: 'warning',
      episodeKey: 'dose:d-60',
      // The last questionnaire the flag rests on: the 15 two days after dose 4 (day 62).
      raisedAt: day(62),
      evidence: { values: { courseId: 'course-1', instrument: 'gad7', doseId: 'd-60', doseNumber: 4 } },
    });
    const signal = finding?.evidence.values.tolerance as { durationSlope: number; durationUpper: number };
    expect(signal.durationSlope).toBeCloseTo(-2, 9);
    expect(signal.durationUpper).toBeCloseTo(-2, 9);
    expect(finding?.evidence.summary).toBe(
      'On GAD-7, after dose 4 (6 Mar 2026), relief length (slope -2.00 days per dose, 95% CI -2.00 to -2.00) is shrinking across 4 relief episodes.',
    );
  });

  it('noisy lengths 10, 7, 8, 3: slope −2 but CI −2 ± 3.33 crosses 0 → nothing', () => {
    expect(run(shrinking([10, 7, 8, 3]))).toEqual([]);
  });

  it('three episodes (the engine needs 4) → nothing', () => {
    expect(run(shrinking([8, 6, 4]))).toEqual([]);
  });

  it('a fifth, still shorter episode continues the same episode: the key stays dose:d-60', () => {
    // After dose 5 the lengths are 8, 6, 4, 2, 1.5: ȳ = 4.3, Sxy = −17, Sxx = 10 → slope −1.7; residuals 0.3, 0, −0.3,
    // −0.6, 0.6 → SSE 0.9, s² = 0.3, SE = √0.03 = 0.173; t(0.975, 3) = 3.182 → upper −1.7 + 0.55 = −1.15 < 0: still
    // flagged, so the episode that began after dose 4 goes on.
    expect(run(shrinking([8, 6, 4, 2, 1.5])).map((f) => f.episodeKey)).toEqual(['dose:d-60']);
  });

  it("reads only the course's primary instrument: a PHQ-9 course ignores GAD-7 relief", () => {
    expect(run(shrinking([8, 6, 4, 2]), [aCourse({ primaryInstrument: 'phq9' })])).toEqual([]);
  });

  it("reads only the course's doses", () => {
    expect(run(shrinking([8, 6, 4, 2], 'another-course'))).toEqual([]);
  });

  it('a course whose primary instrument is not built in raises nothing', () => {
    expect(run(shrinking([8, 6, 4, 2]), [aCourse({ primaryInstrument: 'clinic-custom' })])).toEqual([]);
  });

  it("follows the clinic's baseline window: a baseline 1 day before is out of a 0-day window → no episodes", () => {
    expect(run(shrinking([8, 6, 4, 2]), [aCourse()], settingsWith({ baselineWindowDays: 0 }))).toEqual([]);
  });
});
