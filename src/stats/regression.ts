import { tQuantile } from './t-distribution.js';

export interface SlopeFit {
  slope: number;
  intercept: number;
  /** Standard error of the slope: √(SSE / (n − 2) / Sxx). */
  standardError: number;
  lower: number;
  upper: number;
}

/**
 * Least-squares slope of `ys` against x = 1, 2, …, n with its two-sided confidence interval from the t
 * distribution with n − 2 degrees of freedom (docs/outcomes.md "Tolerance signal"). Needs n ≥ 3.
 */
export function slopeAgainstOrder(ys: readonly number[], level = 0.95): SlopeFit | null {
  const n = ys.length;
  if (n < 3) return null;
  const meanX = (n + 1) / 2;
  let meanY = 0;
  for (const y of ys) meanY += y / n;
  let sxx = 0;
  let sxy = 0;
  ys.forEach((y, i) => {
    const dx = i + 1 - meanX;
    sxx += dx * dx;
    sxy += dx * (y - meanY);
  });
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  let sse = 0;
  ys.forEach((y, i) => {
    const residual = y - (intercept + slope * (i + 1));
    sse += residual * residual;
  });
  const standardError = Math.sqrt(sse / (n - 2) / sxx);
  const half = tQuantile(1 - (1 - level) / 2, n - 2) * standardError;
  return { slope, intercept, standardError, lower: slope - half, upper: slope + half };
}
