/** R's default tolerance for "equal" times: sqrt(.Machine$double.eps). */
export const TIME_TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * Times that differ only by floating-point noise become one time, as R's aeqSurv() does before
 * survfit and survdiff (timefix = TRUE): two neighbouring distinct times are tied when their gap is
 * ≤ 1.5e-8, or ≤ 1.5e-8 relative to the mean absolute time; each tied run takes its smallest time.
 */
export function mergeNearTimes(times: readonly number[]): number[] {
  const unique = [...new Set(times)].sort((a, b) => a - b);
  if (unique.length < 2) return [...times];
  const meanAbs = unique.reduce((sum, t) => sum + Math.abs(t), 0) / unique.length;
  const replacement = new Map<number, number>();
  let cut = unique[0] ?? 0;
  for (let i = 1; i < unique.length; i++) {
    const time = unique[i] ?? 0;
    const gap = time - (unique[i - 1] ?? 0);
    const tied = gap <= TIME_TOLERANCE || gap / meanAbs <= TIME_TOLERANCE;
    if (tied) replacement.set(time, cut);
    else cut = time;
  }
  return times.map((t) => replacement.get(t) ?? t);
}
