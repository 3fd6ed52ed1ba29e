/**
 * Accelerated-failure-time regression of relief length (docs/outcomes.md "Forecast"): log T = η + σ·ε
 * with ε standard normal (log-normal T) or standard minimum extreme value (Weibull T), as R's
 * `survival::survreg` parameterises them (coefficients on log time, "Log(scale)" = log σ). An
 * observation is exact (lower = upper), right-censored (upper null: T > lower) or interval-censored
 * (lower < T ≤ upper). Fitted by Newton–Raphson on the exact log-likelihood with step halving.
 */
import { solveLinear } from '../stats/linear-solve.js';
import { logNormalUpperTail, normalDensity, normalHazard, normalUpperTail } from '../stats/normal-cdf.js';
import { normalQuantile } from '../stats/normal-quantile.js';
import type { ReliefDistribution } from './types.js';

/** The error distribution on the log scale: log density, log survival, survival, density and their z-derivatives. */
interface ErrorDistribution {
  /** log f(z) and its first two derivatives. */
  logDensity(z: number): [number, number, number];
  /** log S(z) and its first two derivatives. */
  logSurvival(z: number): [number, number, number];
  survival(z: number): number;
  /** 1 − S(z), accurate where S is near 1. */
  cdf(z: number): number;
  density(z: number): number;
  /** f′(z) / f(z). */
  score(z: number): number;
  /** The z at which S(z) = p. */
  quantileOfSurvival(p: number): number;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

const NORMAL: ErrorDistribution = {
  logDensity: (z) => [-0.5 * z * z - LOG_SQRT_2PI, -z, -1],
  logSurvival: (z) => {
    const h = normalHazard(z);
    return [logNormalUpperTail(z), -h, -h * (h - z)];
  },
  survival: (z) => normalUpperTail(z),
  cdf: (z) => normalUpperTail(-z),
  density: normalDensity,
  score: (z) => -z,
  quantileOfSurvival: (p) => -normalQuantile(p),
};

const EXTREME_VALUE: ErrorDistribution = {
  logDensity: (z) => {
    const e = Math.exp(z);
    return [z - e, 1 - e, -e];
  },
  logSurvival: (z) => {
    const e = Math.exp(z);
    return [-e, -e, -e];
  },
  survival: (z) => Math.exp(-Math.exp(z)),
  cdf: (z) => -Math.expm1(-Math.exp(z)),
  density: (z) => Math.exp(z - Math.exp(z)),
  score: (z) => 1 - Math.exp(z),
  quantileOfSurvival: (p) => Math.log(-Math.log(p)),
};

export function errorDistribution(distribution: ReliefDistribution): ErrorDistribution {
  return distribution === 'lognormal' ? NORMAL : EXTREME_VALUE;
}

/** One observation's log-likelihood and its derivatives in the linear predictor η and s = log σ. */
export interface Contribution {
  value: number;
  dEta: number;
  dS: number;
  dEtaEta: number;
  dEtaS: number;
  dSS: number;
}

/**
 * The log-likelihood of one observation at linear predictor η and log scale s, with first and second
 * derivatives (z = (log t − η)/σ: ∂z/∂η = −1/σ, ∂z/∂s = −z, ∂²z/∂η∂s = 1/σ, ∂²z/∂s² = z). Exact
 * observations include the Jacobian −log t − log σ, as survreg's log-likelihood does.
 */
export function contribution(
  dist: ErrorDistribution,
  eta: number,
  s: number,
  lower: number,
  upper: number | null,
): Contribution {
  const sigma = Math.exp(s);
  const zl = (Math.log(lower) - eta) / sigma;
  if (upper === null || upper === lower) {
    const exact = upper !== null;
    const [a, a1, a2] = exact ? dist.logDensity(zl) : dist.logSurvival(zl);
    return {
      value: exact ? a - s - Math.log(lower) : a,
      dEta: -a1 / sigma,
      dS: -a1 * zl - (exact ? 1 : 0),
      dEtaEta: a2 / (sigma * sigma),
      dEtaS: (a2 * zl + a1) / sigma,
      dSS: a2 * zl * zl + a1 * zl,
    };
  }
  const zu = (Math.log(upper) - eta) / sigma;
  // D = S(zl) − S(zu), computed from whichever tail keeps it accurate.
  const d = zl > 0 ? dist.survival(zl) - dist.survival(zu) : dist.cdf(zu) - dist.cdf(zl);
  const fl = dist.density(zl);
  const fu = dist.density(zu);
  const gl = dist.score(zl);
  const gu = dist.score(zu);
  // ∂D/∂θ = −f(zl)·∂zl/∂θ + f(zu)·∂zu/∂θ
  const dEtaD = (fl - fu) / sigma;
  const dSD = fl * zl - fu * zu;
  // ∂²D: −f′(zl)·zl_θ·zl_φ − f(zl)·zl_θφ + f′(zu)·zu_θ·zu_φ + f(zu)·zu_θφ, with f′ = f·g.
  const dEtaEtaD = (-fl * gl + fu * gu) / (sigma * sigma);
  const dEtaSD = (-fl * gl * zl - fl + fu * gu * zu + fu) / sigma;
  const dSSD = -fl * gl * zl * zl - fl * zl + fu * gu * zu * zu + fu * zu;
  const safe = d > 1e-300 ? d : 1e-300;
  const u = dEtaD / safe;
  const v = dSD / safe;
  return {
    value: Math.log(safe),
    dEta: u,
    dS: v,
    dEtaEta: dEtaEtaD / safe - u * u,
    dEtaS: dEtaSD / safe - u * v,
    dSS: dSSD / safe - v * v,
  };
}

export interface AftData {
  /** Design matrix, one row per observation (include a column of 1s for the intercept). */
  x: readonly (readonly number[])[];
  lower: readonly number[];
  /** null: right-censored at lower; equal to lower: exact. */
  upper: readonly (number | null)[];
  /** Added to each linear predictor (a patient's random effect); 0 when absent. */
  offset?: readonly number[];
}

export interface AftFit {
  coefficients: number[];
  logScale: number;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
}

/** log-likelihood, gradient and negative Hessian in (β, s). */
function evaluate(
  dist: ErrorDistribution,
  data: AftData,
  beta: readonly number[],
  s: number,
): { value: number; gradient: number[]; information: number[][] } {
  const p = beta.length;
  const gradient = new Array<number>(p + 1).fill(0);
  const information = Array.from({ length: p + 1 }, () => new Array<number>(p + 1).fill(0));
  let value = 0;
  for (let i = 0; i < data.lower.length; i++) {
    const row = data.x[i] ?? [];
    let eta = data.offset?.[i] ?? 0;
    for (let j = 0; j < p; j++) eta += (row[j] ?? 0) * (beta[j] ?? 0);
    const c = contribution(dist, eta, s, data.lower[i] ?? 0, data.upper[i] ?? null);
    value += c.value;
    for (let j = 0; j < p; j++) {
      const xj = row[j] ?? 0;
      if (xj === 0) continue;
      gradient[j] = (gradient[j] ?? 0) + c.dEta * xj;
      const infoRow = information[j] ?? [];
      for (let k = 0; k <= j; k++) infoRow[k] = (infoRow[k] ?? 0) - c.dEtaEta * xj * (row[k] ?? 0);
      infoRow[p] = (infoRow[p] ?? 0) - c.dEtaS * xj;
    }
    gradient[p] = (gradient[p] ?? 0) + c.dS;
    const last = information[p] ?? [];
    last[p] = (last[p] ?? 0) - c.dSS;
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < j; k++) (information[k] ?? [])[j] = information[j]?.[k] ?? 0;
    (information[p] ?? [])[j] = information[j]?.[p] ?? 0;
  }
  return { value, gradient, information };
}

/** Starting values as survreg takes them: the intercept at the mean log time, σ from its spread. */
function start(data: AftData, p: number): { beta: number[]; s: number } {
  const logs = data.lower.map((l, i) => {
    const u = data.upper[i];
    return u === null || u === undefined ? Math.log(l) : 0.5 * (Math.log(l) + Math.log(u));
  });
  const offsets = data.offset ?? [];
  const mean = logs.reduce((a, b, i) => a + b - (offsets[i] ?? 0), 0) / Math.max(1, logs.length);
  const variance = logs.reduce((a, b, i) => a + (b - (offsets[i] ?? 0) - mean) ** 2, 0) / Math.max(1, logs.length - 1);
  const beta = new Array<number>(p).fill(0);
  beta[0] = mean;
  return { beta, s: 0.5 * Math.log(Math.max(variance, 0.01)) };
}

/**
 * The Newton step for a parameter vector whose entry `index` (a log scale) may not go below `floor`: at the
 * floor with the gradient pointing further down, that entry is held and the others are solved for.
 */
export function newtonStepWithFloor(
  information: readonly (readonly number[])[],
  gradient: readonly number[],
  value: number,
  index: number,
  floor: number,
): number[] {
  const pinned = value <= floor + 1e-12 && (gradient[index] ?? 0) < 0;
  if (!pinned)
    return solveLinear(
      information.map((row) => [...row]),
      [...gradient],
    );
  const held = information.map((row, j) => row.map((v, k) => (j === index || k === index ? (j === k ? 1 : 0) : v)));
  return solveLinear(
    held,
    gradient.map((v, j) => (j === index ? 0 : v)),
  );
}

/**
 * The Newton step where it climbs; where the information is not positive definite (far from the maximum,
 * as a Weibull fit can start) and the Newton step would not climb, a Levenberg–Marquardt step: the
 * information's diagonal raised by λ·max(|diagonal|, 1), λ = 10⁻³, 10⁻², …, until the step climbs.
 */
function climbingStep(
  information: readonly (readonly number[])[],
  gradient: readonly number[],
  value: number,
  index: number,
  floor: number,
): number[] {
  let last = gradient.map(() => 0);
  for (let attempt = 0, lambda = 0; attempt < 14; attempt++, lambda = lambda === 0 ? 1e-3 : lambda * 10) {
    const damped =
      lambda === 0
        ? information
        : information.map((row, j) => row.map((v, k) => (j === k ? v + lambda * Math.max(Math.abs(v), 1) : v)));
    try {
      last = newtonStepWithFloor(damped, gradient, value, index, floor);
    } catch {
      continue;
    }
    if (last.reduce((sum, v, j) => sum + v * (gradient[j] ?? 0), 0) >= 0) return last;
  }
  return last;
}

/**
 * Fits the model by maximum likelihood (Newton–Raphson, step halving), as survreg does. With `scaleFloor`
 * the scale is kept at or above it (the relief model's floor, frailty.ts SCALE_FLOOR); without, as survreg.
 */
export function fitAft(
  distribution: ReliefDistribution,
  data: AftData,
  initial?: { coefficients: readonly number[]; logScale: number },
  scaleFloor?: number,
): AftFit {
  const dist = errorDistribution(distribution);
  const p = data.x[0]?.length ?? 1;
  const logFloor = scaleFloor === undefined ? -Infinity : Math.log(scaleFloor);
  let { beta, s } = initial === undefined ? start(data, p) : { beta: [...initial.coefficients], s: initial.logScale };
  s = Math.max(logFloor, s);
  let current = evaluate(dist, data, beta, s);
  for (let iteration = 1; iteration <= 100; iteration++) {
    const step = climbingStep(current.information, current.gradient, s, p, logFloor);
    let factor = 1;
    let next = current;
    let nextBeta = beta;
    let nextS = s;
    for (let halving = 0; halving < 30; halving++) {
      nextBeta = beta.map((b, j) => b + factor * (step[j] ?? 0));
      nextS = Math.max(logFloor, s + factor * (step[p] ?? 0));
      next = evaluate(dist, data, nextBeta, nextS);
      if (Number.isFinite(next.value) && next.value >= current.value - 1e-12) break;
      factor /= 2;
    }
    const change = Math.abs(next.value - current.value);
    beta = nextBeta;
    s = nextS;
    current = next;
    if (change < 1e-11 * (Math.abs(current.value) + 1) && Math.max(...step.map(Math.abs)) * factor < 1e-9) {
      return { coefficients: beta, logScale: s, logLikelihood: current.value, iterations: iteration, converged: true };
    }
  }
  return { coefficients: beta, logScale: s, logLikelihood: current.value, iterations: 100, converged: false };
}
