/**
 * The relief-duration model with a per-patient random effect (docs/outcomes.md "Forecast"): log T_ij =
 * x_ij·β + b_i + σ·ε_ij with b_i ~ N(0, τ²), the shared log-normal frailty of an AFT model.
 *
 * Estimation is by penalised likelihood with a Laplace-approximated marginal likelihood for τ (Ripatti &
 * Palmgren 2000, "Estimation of multivariate frailty models using penalized partial likelihood",
 * Biometrics; Breslow & Clayton 1993, JASA 88:9–25), here with the parametric AFT likelihood in place of
 * the partial likelihood: for a given τ, β, s = log σ and every b_i maximise h = Σ log-lik − Σ b_i²/(2τ²)
 * jointly (Newton–Raphson; the b-block of the Hessian is diagonal, so each step is solved through its
 * Schur complement in O(patients · p²)); τ maximises the Laplace approximation of the marginal
 * likelihood at those estimates, h − ½ Σ_i log(τ²·D_i), with D_i the curvature of h in b_i. τ is found
 * by golden-section search on log τ; a τ whose marginal likelihood does not beat the fixed-effects fit
 * is 0. That fit is then the start for maximising the marginal likelihood itself, by adaptive
 * Gauss–Hermite quadrature (Pinheiro & Bates 1995, J Comput Graph Stat, doi:10.1080/10618600.1995.10474663):
 * with episodes seen only between check-ins days apart, the Laplace approximation underestimates τ and σ
 * (0.44 and 0.25 for a truth of 0.6 and 0.3 in src/forecast/backtest.test.ts) and its 80% intervals cover
 * 72%; the quadrature fit recovers 0.59 and 0.30 and covers 80%. Its Newton steps use the exact Hessian of the
 * quadrature sum with the nodes held (marginalLikelihood), on the observations packed by patient in flat arrays.
 */
import { solveLinear } from '../stats/linear-solve.js';
import { contribution, errorDistribution, fitAft, newtonStepWithFloor, type AftData } from './aft.js';
import type { ReliefDistribution } from './types.js';

export interface FrailtyData extends AftData {
  /** Index (0 … groups − 1) of each observation's patient. */
  group: readonly number[];
  groups: number;
}

export interface FrailtyFit {
  coefficients: number[];
  logScale: number;
  frailtySd: number;
  /** Each patient's random effect at the fit (empirical-Bayes mode). */
  effects: number[];
  /** Laplace-approximated marginal log-likelihood (the fixed-effects log-likelihood when τ = 0). */
  logLikelihood: number;
  converged: boolean;
}

interface Penalised {
  beta: number[];
  s: number;
  b: number[];
  h: number;
  /** Σ log(τ²·D_i): the Laplace correction. */
  logCurvature: number;
  converged: boolean;
}

/**
 * h at (β, s, b), its gradient in (β, s) and in b, and −Hessian: the (β, s) block, each patient's cross terms and
 * curvature.
 */
interface Pass {
  h: number;
  ga: number[];
  a: number[][];
  gb: number[];
  d: number[];
  cross: number[][];
}

/** One pass over the observations. */
function pass(
  data: FrailtyData,
  distribution: ReliefDistribution,
  beta: readonly number[],
  s: number,
  b: readonly number[],
  tau: number,
): Pass {
  const dist = errorDistribution(distribution);
  const p = beta.length;
  const q = p + 1;
  const ga = new Array<number>(q).fill(0);
  const a = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  const gb = b.map((v) => -v / (tau * tau));
  const d = b.map(() => 1 / (tau * tau));
  const cross = Array.from({ length: data.groups }, () => new Array<number>(q).fill(0));
  let h = b.reduce((sum, v) => sum - (v * v) / (2 * tau * tau), 0);
  for (let i = 0; i < data.lower.length; i++) {
    const row = data.x[i] ?? [];
    const g = data.group[i] ?? 0;
    let eta = b[g] ?? 0;
    for (let j = 0; j < p; j++) eta += (row[j] ?? 0) * (beta[j] ?? 0);
    const c = contribution(dist, eta, s, data.lower[i] ?? 0, data.upper[i] ?? null);
    h += c.value;
    const bg = cross[g] ?? [];
    for (let j = 0; j < p; j++) {
      const xj = row[j] ?? 0;
      if (xj === 0) continue;
      ga[j] = (ga[j] ?? 0) + c.dEta * xj;
      const aj = a[j] ?? [];
      for (let k = 0; k <= j; k++) aj[k] = (aj[k] ?? 0) - c.dEtaEta * xj * (row[k] ?? 0);
      aj[p] = (aj[p] ?? 0) - c.dEtaS * xj;
      bg[j] = (bg[j] ?? 0) - c.dEtaEta * xj;
    }
    ga[p] = (ga[p] ?? 0) + c.dS;
    const ap = a[p] ?? [];
    ap[p] = (ap[p] ?? 0) - c.dSS;
    bg[p] = (bg[p] ?? 0) - c.dEtaS;
    gb[g] = (gb[g] ?? 0) + c.dEta;
    d[g] = (d[g] ?? 0) - c.dEtaEta;
  }
  for (let j = 0; j < q; j++) for (let k = 0; k < j; k++) (a[k] ?? [])[j] = a[j]?.[k] ?? 0;
  return { h, ga, a, gb, d, cross };
}

/** Maximises h over (β, s, b) for a given τ, from a start. */
function penalisedFit(
  data: FrailtyData,
  distribution: ReliefDistribution,
  tau: number,
  from: { beta: number[]; s: number; b: number[] },
): Penalised {
  const p = from.beta.length;
  const q = p + 1;
  let { beta, s, b } = from;
  let current = pass(data, distribution, beta, s, b, tau);
  let converged = false;
  for (let iteration = 0; iteration < 60; iteration++) {
    // Schur complement: (A − Σ B_i B_iᵀ / D_i) δa = g_a − Σ B_i g_b,i / D_i; δb_i = (g_b,i − B_i·δa) / D_i.
    const schur = current.a.map((row) => [...row]);
    const rhs = [...current.ga];
    for (let g = 0; g < data.groups; g++) {
      const bg = current.cross[g] ?? [];
      const dg = current.d[g] ?? 1;
      const gbg = current.gb[g] ?? 0;
      for (let j = 0; j < q; j++) {
        const bj = bg[j] ?? 0;
        if (bj === 0) continue;
        rhs[j] = (rhs[j] ?? 0) - (bj * gbg) / dg;
        const row = schur[j] ?? [];
        for (let k = 0; k < q; k++) row[k] = (row[k] ?? 0) - (bj * (bg[k] ?? 0)) / dg;
      }
    }
    let stepA: number[];
    try {
      stepA = solveLinear(schur, rhs);
    } catch {
      // No curvature left to step on (every episode's end deep inside its interval): keep the last point.
      break;
    }
    const stepB = current.gb.map((gbg, g) => {
      const bg = current.cross[g] ?? [];
      let dot = 0;
      for (let j = 0; j < q; j++) dot += (bg[j] ?? 0) * (stepA[j] ?? 0);
      return (gbg - dot) / (current.d[g] ?? 1);
    });
    let factor = 1;
    let next = current;
    let nextBeta = beta;
    let nextS = s;
    let nextB = b;
    for (let halving = 0; halving < 30; halving++) {
      nextBeta = beta.map((v, j) => v + factor * (stepA[j] ?? 0));
      nextS = Math.max(LOG_SCALE_MIN, s + factor * (stepA[p] ?? 0));
      nextB = b.map((v, g) => v + factor * (stepB[g] ?? 0));
      next = pass(data, distribution, nextBeta, nextS, nextB, tau);
      if (Number.isFinite(next.h) && next.h >= current.h - 1e-10) break;
      factor /= 2;
    }
    const change = next.h - current.h;
    beta = nextBeta;
    s = nextS;
    b = nextB;
    current = next;
    if (Math.abs(change) < 1e-7 * (Math.abs(current.h) + 1)) {
      converged = true;
      break;
    }
  }
  const logCurvature = current.d.reduce((sum, dg) => sum + Math.log(tau * tau * dg), 0);
  return { beta, s, b, h: current.h, logCurvature, converged };
}

/**
 * The least σ (the spread of log relief length between one patient's episodes) a fit may reach. With a
 * free effect per patient and each end seen only between check-ins days apart, a patient's episodes can
 * all fit inside their intervals at once, and the likelihood then keeps rising as σ → 0 (docs/outcomes.md
 * "Forecast"); check-ins days apart cannot resolve a spread below this.
 */
export const SCALE_FLOOR = 0.1;
const LOG_SCALE_MIN = Math.log(SCALE_FLOOR);

const LOG_TAU_MIN = Math.log(0.02);
const LOG_TAU_MAX = Math.log(3);
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** The maximum of f on [log 0.02, log 3] (log τ) by golden-section search, to within 0.15. */
function goldenMaximum(f: (logTau: number) => number): { at: number; value: number } {
  let lo = LOG_TAU_MIN;
  let hi = LOG_TAU_MAX;
  let x1 = hi - GOLDEN * (hi - lo);
  let x2 = lo + GOLDEN * (hi - lo);
  let f1 = f(x1);
  let f2 = f(x2);
  while (hi - lo > 0.15) {
    if (f1 > f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - GOLDEN * (hi - lo);
      f1 = f(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + GOLDEN * (hi - lo);
      f2 = f(x2);
    }
  }
  return f1 > f2 ? { at: x1, value: f1 } : { at: x2, value: f2 };
}

/** Fits the frailty model; τ = 0 (and the fixed-effects fit) when patients do not differ detectably. */
export function fitFrailty(distribution: ReliefDistribution, data: FrailtyData): FrailtyFit {
  const fixed = fitAft(distribution, data, undefined, SCALE_FLOOR);
  const zeros = new Array<number>(data.groups).fill(0);
  let warm = { beta: fixed.coefficients, s: fixed.logScale, b: zeros };
  const cache = new Map<number, Penalised>();
  const marginal = (logTau: number): number => {
    const fit = penalisedFit(data, distribution, Math.exp(logTau), warm);
    warm = { beta: fit.beta, s: fit.s, b: fit.b };
    cache.set(logTau, fit);
    return fit.h - 0.5 * fit.logCurvature;
  };
  const { at: bestLogTau, value: bestValue } = goldenMaximum(marginal);
  const best = cache.get(bestLogTau);
  if (best === undefined || !(bestValue > fixed.logLikelihood)) {
    return {
      coefficients: fixed.coefficients,
      logScale: fixed.logScale,
      frailtySd: 0,
      effects: zeros,
      logLikelihood: fixed.logLikelihood,
      converged: fixed.converged,
    };
  }
  return {
    coefficients: best.beta,
    logScale: best.s,
    frailtySd: Math.exp(bestLogTau),
    effects: best.b,
    logLikelihood: bestValue,
    converged: best.converged && fixed.converged,
  };
}

const HERMITE_POINTS = 9;

/** Gauss–Hermite nodes and weights for ∫ f(x) e^(−x²) dx (Golub–Welsch by Newton on the orthonormal recurrence). */
function gaussHermite(n: number): { x: number[]; w: number[] } {
  const x = new Array<number>(n).fill(0);
  const w = new Array<number>(n).fill(0);
  const m = Math.floor((n + 1) / 2);
  let z = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * (x[0] ?? 0);
    else if (i === 3) z = 1.91 * z - 0.91 * (x[1] ?? 0);
    else z = 2 * z - (x[i - 2] ?? 0);
    let pp = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = Math.PI ** -0.25;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const previous = z;
      z = previous - p1 / pp;
      if (Math.abs(z - previous) < 1e-14) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = 2 / (pp * pp);
    w[n - 1 - i] = w[i] ?? 0;
  }
  return { x, w };
}

const HERMITE = gaussHermite(HERMITE_POINTS);
const LOG_HERMITE_WEIGHTS = HERMITE.w.map((w, k) => Math.log(w) + (HERMITE.x[k] ?? 0) ** 2);

/**
 * The observations packed for the quadrature: rows grouped by patient in flat arrays (patient g's rows
 * are start[g] … start[g + 1] − 1; x row-major, p columns; upper NaN when right-censored).
 */
export interface PackedData {
  p: number;
  groups: number;
  start: Int32Array;
  x: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

export function packData(data: FrailtyData): PackedData {
  const p = data.x[0]?.length ?? 1;
  const rows = data.lower.length;
  const start = new Int32Array(data.groups + 1);
  for (const g of data.group) start[g + 1] = (start[g + 1] ?? 0) + 1;
  for (let g = 0; g < data.groups; g++) start[g + 1] = (start[g + 1] ?? 0) + (start[g] ?? 0);
  const fill = start.slice(0, data.groups);
  const x = new Float64Array(rows * p);
  const lower = new Float64Array(rows);
  const upper = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const g = data.group[i] ?? 0;
    const r = fill[g] ?? 0;
    fill[g] = r + 1;
    const row = data.x[i] ?? [];
    for (let j = 0; j < p; j++) x[r * p + j] = row[j] ?? 0;
    lower[r] = data.lower[i] ?? 0;
    upper[r] = data.upper[i] ?? NaN;
  }
  return { p, groups: data.groups, start, x, lower, upper };
}

export interface MarginalEvaluation {
  value: number;
  /** Gradient in (β, s, log τ) with the nodes held where they are. */
  gradient: number[];
  /** −Hessian in (β, s, log τ) with the nodes held (row-major q × q); empty unless asked for. */
  information: number[][];
  modes: Float64Array;
  /** Each patient's node spread √2 / √curvature. */
  spreads: Float64Array;
}

/**
 * The marginal log-likelihood Σ_i log ∫ Π_j L_ij(b) N(b; 0, τ²) db by adaptive Gauss–Hermite quadrature
 * (nodes b_k = mode + spread·x_k centred on each patient's posterior mode, scaled by its curvature), and,
 * with the nodes held, its gradient and −Hessian in θ = (β, s, log τ). With ℓ_k the log integrand at node
 * k, g_k and H_k its gradient and Hessian in θ and π_k its share of the patient's integral, the patient's
 * gradient is ḡ = Σ π_k g_k and Hessian Σ π_k (H_k + g_k g_kᵀ) − ḡḡᵀ (exact, no differencing). Given
 * `nodes`, the modes and spreads are those and not searched for (for checking the derivatives).
 */
export function marginalLikelihood(
  data: PackedData,
  distribution: ReliefDistribution,
  theta: readonly number[],
  startModes: ArrayLike<number>,
  want: 'value' | 'gradient' | 'information',
  nodes?: { modes: ArrayLike<number>; spreads: ArrayLike<number> },
): MarginalEvaluation {
  const dist = errorDistribution(distribution);
  const { p, groups, start, x, lower, upper } = data;
  const q = p + 2;
  const s = theta[p] ?? 0;
  const tau = Math.exp(theta[p + 1] ?? 0);
  const tau2 = tau * tau;
  const rows = lower.length;
  const fixedEta = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let eta = 0;
    for (let j = 0; j < p; j++) eta += (x[i * p + j] ?? 0) * (theta[j] ?? 0);
    fixedEta[i] = eta;
  }
  const gradient = new Array<number>(q).fill(0);
  const info = new Float64Array(q * q);
  const modes = new Float64Array(groups);
  const spreads = new Float64Array(groups);
  const K = HERMITE_POINTS;
  const logTerms = new Float64Array(K);
  const nodeGradients = new Float64Array(K * q);
  let maxRows = 0;
  for (let g = 0; g < groups; g++) maxRows = Math.max(maxRows, (start[g + 1] ?? 0) - (start[g] ?? 0));
  // Per row and node: ∂²ℓ/∂η², ∂²ℓ/∂η∂s, ∂²ℓ/∂s².
  const second = want === 'information' ? new Float64Array(maxRows * K * 3) : new Float64Array(0);
  const rowWeights = new Float64Array(3);
  let value = 0;
  for (let g = 0; g < groups; g++) {
    const first = start[g] ?? 0;
    const last = start[g + 1] ?? 0;
    let mode = startModes[g] ?? 0;
    let spread: number;
    if (nodes === undefined) {
      // The posterior mode of b and the curvature there, by Newton from the last mode.
      let curvature = 1 / tau2;
      for (let iteration = 0; iteration < 20; iteration++) {
        let d1 = -mode / tau2;
        let d2 = -1 / tau2;
        for (let i = first; i < last; i++) {
          const u = upper[i] ?? NaN;
          const c = contribution(dist, (fixedEta[i] ?? 0) + mode, s, lower[i] ?? 0, Number.isNaN(u) ? null : u);
          d1 += c.dEta;
          d2 += c.dEtaEta;
        }
        curvature = Math.max(-d2, 1 / tau2);
        const step = Math.max(-tau, Math.min(tau, d1 / curvature));
        mode += step;
        if (Math.abs(step) < 1e-8) break;
      }
      spread = Math.SQRT2 / Math.sqrt(curvature);
    } else {
      mode = nodes.modes[g] ?? 0;
      spread = nodes.spreads[g] ?? 1;
    }
    modes[g] = mode;
    spreads[g] = spread;
    nodeGradients.fill(0);
    for (let k = 0; k < K; k++) {
      const b = mode + spread * (HERMITE.x[k] ?? 0);
      let logLik = 0;
      const o = k * q;
      for (let i = first; i < last; i++) {
        const u = upper[i] ?? NaN;
        const c = contribution(dist, (fixedEta[i] ?? 0) + b, s, lower[i] ?? 0, Number.isNaN(u) ? null : u);
        logLik += c.value;
        if (want === 'value') continue;
        for (let j = 0; j < p; j++) nodeGradients[o + j] = (nodeGradients[o + j] ?? 0) + c.dEta * (x[i * p + j] ?? 0);
        nodeGradients[o + p] = (nodeGradients[o + p] ?? 0) + c.dS;
        if (want === 'information') {
          const r = ((i - first) * K + k) * 3;
          second[r] = c.dEtaEta;
          second[r + 1] = c.dEtaS;
          second[r + 2] = c.dSS;
        }
      }
      nodeGradients[o + p + 1] = (b * b) / tau2 - 1;
      const logPrior = -0.5 * Math.log(2 * Math.PI) - Math.log(tau) - (b * b) / (2 * tau2);
      logTerms[k] = (LOG_HERMITE_WEIGHTS[k] ?? 0) + logLik + logPrior;
    }
    let top = -Infinity;
    for (let k = 0; k < K; k++) top = Math.max(top, logTerms[k] ?? -Infinity);
    let total = 0;
    for (let k = 0; k < K; k++) {
      const w = Math.exp((logTerms[k] ?? 0) - top);
      logTerms[k] = w;
      total += w;
    }
    value += Math.log(spread) + top + Math.log(total);
    if (want === 'value') continue;
    // logTerms now holds the unnormalised shares.
    const mean = new Float64Array(q);
    for (let k = 0; k < K; k++) {
      const share = (logTerms[k] ?? 0) / total;
      for (let j = 0; j < q; j++) mean[j] = (mean[j] ?? 0) + share * (nodeGradients[k * q + j] ?? 0);
    }
    for (let j = 0; j < q; j++) gradient[j] = (gradient[j] ?? 0) + (mean[j] ?? 0);
    if (want !== 'information') continue;
    // −[Σ π_k (g_k g_kᵀ) − ḡḡᵀ] and −Σ π_k H_k, H_k's (log τ, log τ) entry being −2b_k²/τ².
    for (let k = 0; k < K; k++) {
      const share = (logTerms[k] ?? 0) / total;
      const o = k * q;
      for (let j = 0; j < q; j++) {
        const dj = (nodeGradients[o + j] ?? 0) - (mean[j] ?? 0);
        for (let l = 0; l <= j; l++)
          info[j * q + l] = (info[j * q + l] ?? 0) - share * dj * ((nodeGradients[o + l] ?? 0) - (mean[l] ?? 0));
      }
      const b = mode + spread * (HERMITE.x[k] ?? 0);
      info[(p + 1) * q + p + 1] = (info[(p + 1) * q + p + 1] ?? 0) + (share * 2 * b * b) / tau2;
    }
    for (let i = first; i < last; i++) {
      rowWeights.fill(0);
      for (let k = 0; k < K; k++) {
        const share = (logTerms[k] ?? 0) / total;
        const r = ((i - first) * K + k) * 3;
        rowWeights[0] = (rowWeights[0] ?? 0) + share * (second[r] ?? 0);
        rowWeights[1] = (rowWeights[1] ?? 0) + share * (second[r + 1] ?? 0);
        rowWeights[2] = (rowWeights[2] ?? 0) + share * (second[r + 2] ?? 0);
      }
      const ee = rowWeights[0] ?? 0;
      const es = rowWeights[1] ?? 0;
      for (let j = 0; j < p; j++) {
        const xj = x[i * p + j] ?? 0;
        if (xj === 0) continue;
        for (let l = 0; l <= j; l++) info[j * q + l] = (info[j * q + l] ?? 0) - ee * xj * (x[i * p + l] ?? 0);
        info[p * q + j] = (info[p * q + j] ?? 0) - es * xj;
      }
      info[p * q + p] = (info[p * q + p] ?? 0) - (rowWeights[2] ?? 0);
    }
  }
  const information: number[][] = [];
  if (want === 'information') {
    for (let j = 0; j < q; j++) {
      const row = new Array<number>(q).fill(0);
      for (let l = 0; l < q; l++) row[l] = l <= j ? (info[j * q + l] ?? 0) : (info[l * q + j] ?? 0);
      information.push(row);
    }
  }
  return { value, gradient, information, modes, spreads };
}

/**
 * Refines a fit by maximising the marginal likelihood itself (adaptive Gauss–Hermite quadrature,
 * Pinheiro & Bates 1995): Newton–Raphson on (β, s, log τ) with the exact node-held Hessian
 * (marginalLikelihood) and step halving. Returns null when it does not converge.
 */
export function refineByMarginalLikelihood(
  distribution: ReliefDistribution,
  data: FrailtyData,
  start: FrailtyFit,
): FrailtyFit | null {
  if (start.frailtySd === 0) return null;
  const packed = packData(data);
  let theta = [...start.coefficients, start.logScale, Math.log(start.frailtySd)];
  let current = marginalLikelihood(packed, distribution, theta, start.effects, 'information');
  const q = theta.length;
  for (let iteration = 0; iteration < 40; iteration++) {
    const p = q - 2;
    let step: number[];
    try {
      step = newtonStepWithFloor(current.information, current.gradient, theta[p] ?? 0, p, LOG_SCALE_MIN);
    } catch {
      return null;
    }
    // Each trial point is evaluated with its derivatives: the full step is almost always taken.
    let factor = 1;
    let nextTheta = theta;
    let next = current;
    for (let halving = 0; halving < 30; halving++) {
      nextTheta = theta.map((v, j) =>
        j === p ? Math.max(LOG_SCALE_MIN, v + factor * (step[j] ?? 0)) : v + factor * (step[j] ?? 0),
      );
      next = marginalLikelihood(packed, distribution, nextTheta, current.modes, 'information');
      if (Number.isFinite(next.value) && next.value >= current.value - 1e-10) break;
      factor /= 2;
    }
    const change = next.value - current.value;
    theta = nextTheta;
    current = next;
    if (Math.abs(change) < 1e-9 * (Math.abs(current.value) + 1) && Math.max(...step.map(Math.abs)) * factor < 1e-6) {
      return {
        coefficients: theta.slice(0, p),
        logScale: theta[p] ?? 0,
        frailtySd: Math.exp(theta[p + 1] ?? 0),
        effects: [...current.modes],
        logLikelihood: current.value,
        converged: true,
      };
    }
  }
  return null;
}
