import { invalid } from '../shared/errors.js';
import { regularizedIncompleteBeta } from './special.js';

/** P(T > t) for Student's t with `df` degrees of freedom, t ≥ 0: ½ · I_{df/(df+t²)}(df/2, ½). */
export function tUpperTail(t: number, df: number): number {
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}

const cache = new Map<string, number>();

/**
 * The p-quantile of Student's t with `df` degrees of freedom, found by bisection on the exact CDF
 * until the bracket is narrower than 1e-12 (accurate well beyond the 1e-8 the outcome engine needs).
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw invalid('p', `${p} is outside the open interval (0, 1)`);
  if (!(df > 0 && Number.isFinite(df))) throw invalid('df', `${df} is not a positive number of degrees of freedom`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  const key = `${p}:${df}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const value = upperQuantile(1 - p, df);
  cache.set(key, value);
  return value;
}

// Solves P(T > t) = tail for t > 0; the tail falls monotonically, so bisection cannot miss.
function upperQuantile(tail: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (tUpperTail(hi, df) > tail) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1e-12 * Math.max(1, hi)) {
    const mid = (lo + hi) / 2;
    if (tUpperTail(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
