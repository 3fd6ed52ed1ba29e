/**
 * The standard normal distribution's tails to full double precision, for the log-normal survival model
 * (docs/outcomes.md "Forecast"), by W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 1969;23:631–638; near-minimax, at least 18
 * significant digits in theory): erf on |x| ≤ 0.46875, the scaled erfcx(x) = e^(x²)·erfc(x) on
 * 0.46875 < x ≤ 4 and, in 1/x², above 4. The scaled form keeps far tails representable. Each call is a
 * fixed handful of multiplications: the forecast's fits and predictions call it millions of times.
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SMALL_LIMIT = 0.46875;
const MID_LIMIT = 4;

// Cody (1969), the coefficients of the three intervals, in the paper's order (see `rational`), as doubles.
const ERF_NUM = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315];
const ERF_DEN = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const MID_NUM = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707,
  2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8,
];
const MID_DEN = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247,
  3439.3676741437216, 1230.3393548037495,
];
const TAIL_NUM = [
  0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
  0.016315387137302097,
];
const TAIL_DEN = [
  2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918,
];

/**
 * num(t) / den(t) for Cody's layout: the numerator's last coefficient is its highest power's, the
 * denominator is monic, and both are evaluated by Horner's rule in `t`.
 */
function rational(num: readonly number[], den: readonly number[], t: number): number {
  const n = den.length;
  let top = (num[n] ?? 0) * t;
  let bottom = t;
  for (let i = 0; i < n - 1; i++) {
    top = (top + (num[i] ?? 0)) * t;
    bottom = (bottom + (den[i] ?? 0)) * t;
  }
  return (top + (num[n - 1] ?? 0)) / (bottom + (den[n - 1] ?? 0));
}

/** erf(x) for |x| ≤ SMALL_LIMIT. */
function erfSmall(x: number): number {
  return x * rational(ERF_NUM, ERF_DEN, x * x);
}

/** e^(x²)·erfc(x) for x > SMALL_LIMIT. */
function erfcxAbove(x: number): number {
  if (x <= MID_LIMIT) return rational(MID_NUM, MID_DEN, x);
  const t = 1 / (x * x);
  return (1 / SQRT_PI - t * rational(TAIL_NUM, TAIL_DEN, t)) / x;
}

/** The complementary error function. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x <= SMALL_LIMIT) return 1 - erfSmall(x);
  return Math.exp(-x * x) * erfcxAbove(x);
}

/** The scaled complementary error function e^(x²)·erfc(x), for x ≥ 0. */
export function erfcx(x: number): number {
  if (x <= SMALL_LIMIT) return Math.exp(x * x) * (1 - erfSmall(x));
  return erfcxAbove(x);
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** log P(Z > z), finite for any finite z. */
export function logNormalUpperTail(z: number): number {
  const x = z / Math.SQRT2;
  if (x <= SMALL_LIMIT) return Math.log(0.5 * erfc(x));
  return -x * x + Math.log(0.5 * erfcxAbove(x));
}

/** The hazard (inverse Mills ratio) φ(z) / P(Z > z), finite for any finite z. */
export function normalHazard(z: number): number {
  const x = z / Math.SQRT2;
  if (x <= SMALL_LIMIT) return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) / (0.5 * erfc(x));
  return Math.sqrt(2 / Math.PI) / erfcxAbove(x);
}

/** The standard normal density. */
export function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}
