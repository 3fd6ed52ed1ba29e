import { TIME_TOLERANCE } from './time-fix.js';

const HALF = 0.5;
// print.survfit compares with 0.5 to within sqrt(.Machine$double.eps), so that a survival of
// 0.5 + 1e-16 from rounding still counts as exactly one half.
const TOLERANCE = TIME_TOLERANCE;

/**
 * Where a step curve first reaches 0.5, as print(survfit) and summary(fit)$table find the median and
 * its CI bounds (survival:::survmean's minmin): the first time the curve is ≤ 0.5; if it is exactly
 * 0.5 there, the midpoint between that time and the first later time the curve is lower. A curve that
 * stays at exactly 0.5 to the end gives that first time. null when the curve never reaches 0.5.
 * Curve values of null (R's NA) are skipped.
 */
export function timeCurveReachesHalf(times: readonly number[], curve: readonly (number | null)[]): number | null {
  const reached: { time: number; value: number }[] = [];
  curve.forEach((value, i) => {
    const time = times[i];
    if (value !== null && time !== undefined && value < HALF + TOLERANCE) reached.push({ time, value });
  });
  const first = reached[0];
  if (first === undefined) return null;
  if (Math.abs(first.value - HALF) < TOLERANCE) {
    const lower = reached.find((point) => point.value < first.value);
    if (lower !== undefined) return (first.time + lower.time) / 2;
  }
  return first.time;
}
