import { invalid } from '../shared/errors.js';
import { upperRegularizedGamma } from './special.js';

/** P(X ≥ x) for X chi-square with df degrees of freedom, as R's pchisq(x, df, lower.tail = FALSE). */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw invalid('df', `${df} is not a whole number ≥ 1`);
  if (!(x >= 0) || !Number.isFinite(x)) throw invalid('chiSquare', `${x} is not a finite number ≥ 0`);
  return upperRegularizedGamma(df / 2, x / 2);
}
