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
 * is 0.
 */
import { solveLinear } from '../stats/linear-solve.js';
import { contribution, errorDistribution, fitAft, type AftData } from './aft.js';
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

/** h at (β, s, b), its gradient in (β, s) and in b, and −Hessian: the (β, s) block, each patient's cross terms and curvature. */
interface Pass {
  h: number;
  ga: number[];
  a: number[][];
  gb: number[];
  d: number[];
  cross: number[][];
}

/** One pass over the observations. */
function pass(data: FrailtyData, distribution: ReliefDistribution, beta: readonly number[], s: number, b: readonly number[], tau: number): Pass {
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
function penalisedFit(data: FrailtyData, distribution: ReliefDistribution, tau: number, from: { beta: number[]; s: number; b: number[] }): Penalised {
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
    const stepA = solveLinear(schur, rhs);
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
      nextS = s + factor * (stepA[p] ?? 0);
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
    if (Math.abs(change) < 1e-9 * (Math.abs(current.h) + 1)) {
      converged = true;
      break;
    }
  }
  const logCurvature = current.d.reduce((sum, dg) => sum + Math.log(tau * tau * dg), 0);
  return { beta, s, b, h: current.h, logCurvature, converged };
}

const LOG_TAU_MIN = Math.log(0.02);
const LOG_TAU_MAX = Math.log(3);
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Fits the frailty model; τ = 0 (and the fixed-effects fit) when patients do not differ detectably. */
export function fitFrailty(distribution: ReliefDistribution, data: FrailtyData): FrailtyFit {
  const fixed = fitAft(distribution, data);
  const zeros = new Array<number>(data.groups).fill(0);
  let warm = { beta: fixed.coefficients, s: fixed.logScale, b: zeros };
  const cache = new Map<number, Penalised>();
  const marginal = (logTau: number): number => {
    const fit = penalisedFit(data, distribution, Math.exp(logTau), warm);
    warm = { beta: fit.beta, s: fit.s, b: fit.b };
    cache.set(logTau, fit);
    return fit.h - 0.5 * fit.logCurvature;
  };
  let lo = LOG_TAU_MIN;
  let hi = LOG_TAU_MAX;
  let x1 = hi - GOLDEN * (hi - lo);
  let x2 = lo + GOLDEN * (hi - lo);
  let f1 = marginal(x1);
  let f2 = marginal(x2);
  while (hi - lo > 0.01) {
    if (f1 > f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - GOLDEN * (hi - lo);
      f1 = marginal(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + GOLDEN * (hi - lo);
      f2 = marginal(x2);
    }
  }
  const bestLogTau = f1 > f2 ? x1 : x2;
  const best = cache.get(bestLogTau);
  const bestValue = Math.max(f1, f2);
  if (best === undefined || !(bestValue > fixed.logLikelihood)) {
    return { coefficients: fixed.coefficients, logScale: fixed.logScale, frailtySd: 0, effects: zeros, logLikelihood: fixed.logLikelihood, converged: fixed.converged };
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
