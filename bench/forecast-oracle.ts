/**
 * The best width any forecast could reach on a synthetic truth (bench:forecast): the "oracle" knows the
 * generating distribution exactly (src/synthetic/effect.ts: log T = μ + b + tolerancePerDose·(dose − 1) +
 * spread·ε, b ~ Normal(0, frailtySd)) and sees the earlier episodes' true, uncensored lengths. Its 80%
 * interval is the 10th–90th percentile of the Bayes predictive distribution of the next length; without the
 * patient's episodes it is the prior predictive. The ratio of their mean log-widths is the floor under the
 * width ratio a real forecast can show, which sees each end only between check-ins days apart, with
 * estimated parameters. Bench code, not product code.
 */
import type { BacktestPatient } from '../src/forecast/backtest.js';
import { normalUpperTail } from '../src/stats/normal-cdf.js';
import type { ReliefTruth } from '../src/synthetic/types.js';

const GRID = 401;
const standardNormalCdf = (z: number): number => 1 - normalUpperTail(z);

/** log density and CDF of the standard error ε on the log scale. */
function errorOf(truth: ReliefTruth): { logDensity: (z: number) => number; cdf: (z: number) => number } {
  if (truth.distribution === 'lognormal')
    return { logDensity: (z) => -0.5 * z * z - 0.5 * Math.log(2 * Math.PI), cdf: standardNormalCdf };
  // Standard minimum extreme value: the log of an Exp(1) draw.
  return { logDensity: (z) => z - Math.exp(z), cdf: (z) => 1 - Math.exp(-Math.exp(z)) };
}

function locationAt(truth: ReliefTruth, dose: number): number {
  const shift = truth.distribution === 'weibull' ? truth.spread * Math.log(Math.LN2) : 0;
  return Math.log(truth.medianDays) - shift + truth.tolerancePerDose * (dose - 1);
}

/** 10th and 90th percentiles (days) of the predictive length at `dose`, given the earlier true lengths. */
function oracleInterval(
  truth: ReliefTruth,
  earlier: readonly { dose: number; days: number }[],
  dose: number,
): [number, number] {
  const error = errorOf(truth);
  const tau = truth.frailtySd;
  const b: number[] = [];
  const logW: number[] = [];
  for (let g = 0; g < GRID; g++) {
    const value = tau === 0 ? 0 : -6 * tau + (12 * tau * g) / (GRID - 1);
    let lw = tau === 0 ? 0 : -(value * value) / (2 * tau * tau);
    for (const e of earlier)
      lw += error.logDensity((Math.log(e.days) - locationAt(truth, e.dose) - value) / truth.spread);
    b.push(value);
    logW.push(lw);
    if (tau === 0) break;
  }
  const top = Math.max(...logW);
  const w = logW.map((v) => Math.exp(v - top));
  const total = w.reduce((a, v) => a + v, 0);
  const cdf = (logT: number): number => {
    let sum = 0;
    for (let g = 0; g < b.length; g++)
      sum += (w[g] ?? 0) * error.cdf((logT - locationAt(truth, dose) - (b[g] ?? 0)) / truth.spread);
    return sum / total;
  };
  const quantile = (p: number): number => {
    let lo = -20;
    let hi = 20;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (cdf(mid) < p) lo = mid;
      else hi = mid;
    }
    return Math.exp((lo + hi) / 2);
  };
  return [quantile(0.1), quantile(0.9)];
}

export interface OracleScore {
  n: number;
  coverage: number;
  meanLogWidth: number;
  cohortOnlyMeanLogWidth: number;
  /** meanLogWidth ÷ cohortOnlyMeanLogWidth: the least width ratio any forecast can reach here. */
  widthRatio: number;
}

/**
 * The oracle on the forecasts the backtest scores with at least `minEarlier` earlier episodes and a known
 * truth (src/forecast/backtest.ts scores episode k from episodes 0 … k − 1).
 */
export function oracleScore(truth: ReliefTruth, patients: readonly BacktestPatient[], minEarlier: number): OracleScore {
  let n = 0;
  let inside = 0;
  let width = 0;
  let cohortWidth = 0;
  for (const p of patients) {
    for (let k = Math.max(1, minEarlier); k < p.episodes.length; k++) {
      const next = p.episodes[k];
      const actual = p.truthDays?.[k] ?? null;
      if (next === undefined || actual === null) continue;
      const earlier = p.episodes.slice(0, k).flatMap((e, j) => {
        const days = p.truthDays?.[j] ?? null;
        return days === null ? [] : [{ dose: e.dose, days }];
      });
      const [lo, hi] = oracleInterval(truth, earlier, next.dose);
      const [clo, chi] = oracleInterval(truth, [], next.dose);
      n++;
      if (actual >= lo && actual <= hi) inside++;
      width += Math.log(hi / lo);
      cohortWidth += Math.log(chi / clo);
    }
  }
  return {
    n,
    coverage: inside / n,
    meanLogWidth: width / n,
    cohortOnlyMeanLogWidth: cohortWidth / n,
    widthRatio: width / cohortWidth,
  };
}
