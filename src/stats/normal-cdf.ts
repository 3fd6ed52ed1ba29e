/**
 * The standard normal distribution's tails to full double precision, for the log-normal survival model
 * (docs/outcomes.md "Forecast"). erfc is summed from its series below 2.5 and from its continued
 * fraction above (Abramowitz & Stegun 7.1.6 and 7.1.14); `erfcx` is the scaled e^(x²)·erfc(x), which
 * keeps far tails representable.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SERIES_LIMIT = 2.5;

/** erf(x) for |x| < SERIES_LIMIT: 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), all terms positive. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x * x) * sum;
}

/** e^(x²)·erfc(x) for x ≥ SERIES_LIMIT by the continued fraction 1/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), Lentz's method. */
function erfcxFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / (SQRT_PI * f);
}

/** The complementary error function. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < SERIES_LIMIT) return 1 - erfSeries(x);
  return Math.exp(-x * x) * erfcxFraction(x);
}

/** The scaled complementary error function e^(x²)·erfc(x), for x ≥ 0. */
export function erfcx(x: number): number {
  if (x < SERIES_LIMIT) return Math.exp(x * x) * erfc(x);
  return erfcxFraction(x);
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** log P(Z > z), finite for any finite z. */
export function logNormalUpperTail(z: number): number {
  const x = z / Math.SQRT2;
  if (x < SERIES_LIMIT) return Math.log(0.5 * erfc(x));
  return -x * x + Math.log(0.5 * erfcxFraction(x));
}

/** The hazard (inverse Mills ratio) φ(z) / P(Z > z), finite for any finite z. */
export function normalHazard(z: number): number {
  const x = z / Math.SQRT2;
  if (x < SERIES_LIMIT) return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / (0.5 * erfc(x));
  return Math.sqrt(2 / Math.PI) / erfcxFraction(x);
}

/** The standard normal density. */
export function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}
