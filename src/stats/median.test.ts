import { describe, expect, it } from 'vitest';
import { timeCurveReachesHalf } from './median.js';

const times = [1, 2, 3, 4, 5];

describe('timeCurveReachesHalf (print.survfit rule)', () => {
  it('is the first time the curve is ≤ 0.5', () => {
    expect(timeCurveReachesHalf(times, [0.9, 0.7, 0.4, 0.2, 0.1])).toBe(3);
  });

  it('takes the midpoint to the next lower point when the curve is exactly 0.5', () => {
    // 0.5 from t = 2 (still 0.5 at 3), lower at 4: (2 + 4) / 2.
    expect(timeCurveReachesHalf(times, [0.8, 0.5, 0.5, 0.3, 0.3])).toBe(3);
  });

  it('treats 0.5 ± rounding (within 1.5e-8) as exactly 0.5', () => {
    // (5/6)(4/5)(3/4) in floating point; R compares with sqrt(.Machine$double.eps).
    expect(timeCurveReachesHalf(times, [0.8, 0.5 + 1e-16, 0.5 + 1e-16, 0.2, 0.1])).toBe(3);
  });

  it('keeps the time itself when the curve stays at 0.5 to the end', () => {
    expect(timeCurveReachesHalf(times, [0.8, 0.5, 0.5, 0.5, 0.5])).toBe(2);
  });

  it('skips NA (null) values and is null when 0.5 is never reached', () => {
    expect(timeCurveReachesHalf(times, [null, 0.7, null, 0.45, null])).toBe(4);
    expect(timeCurveReachesHalf(times, [1, 0.9, 0.8, 0.6, null])).toBeNull();
  });

  it('takes the first crossing of a band that rises again (aml upper band: 45, not 48)', () => {
    // survival::aml, upper 95% log band near its end: 0.5148 at 43, 0.4584 at 45, 0.4623 at 48.
    expect(timeCurveReachesHalf([43, 45, 48, 161], [0.5148264, 0.4584468, 0.4623274, 0.4623274])).toBe(45);
  });
});
