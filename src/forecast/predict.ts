/**
 * The predictive distribution of a patient's next relief episode (docs/outcomes.md "Forecast"): the
 * model's prediction for the episode's covariates, moved by the patient's own random effect as their
 * earlier episodes inform it. The posterior of the effect, N(0, τ²) times the likelihood of the patient's
 * episodes under the fitted model, is integrated on a grid around its mode (empirical Bayes); a patient
 * without episodes gets the prior, i.e. the clinic's prediction for their condition and route. Given that
 * relief has held `heldDays`, the current episode enters as right-censored there: S(t | held) =
 * ∫ S(t | b) p(b | data) db / ∫ S(held | b) p(b | data) db.
 */
import { contribution, errorDistribution } from './aft.js';
import { designRow } from './design.js';
import type { EpisodeCovariates, EpisodeObservation, EpisodePrediction, ReliefModel } from './types.js';

const GRID_POINTS = 41;
const GRID_HALF_WIDTH_SD = 7;

function linearPredictor(model: ReliefModel, covariates: EpisodeCovariates): number {
  const row = designRow({ terms: model.terms, levels: model.levels, doseCentre: model.doseCentre }, covariates);
  return row.reduce((sum, v, j) => sum + v * (model.coefficients[j] ?? 0), 0);
}

/** Grid points and normalised weights of the posterior of the patient's random effect. */
function posterior(model: ReliefModel, history: readonly EpisodeObservation[]): { b: number[]; w: number[] } {
  const tau = model.frailtySd;
  if (tau === 0) return { b: [0], w: [1] };
  const dist = errorDistribution(model.distribution);
  const etas = history.map((h) => linearPredictor(model, h));
  const logPost = (b: number): { value: number; d1: number; d2: number } => {
    let value = -(b * b) / (2 * tau * tau);
    let d1 = -b / (tau * tau);
    let d2 = -1 / (tau * tau);
    history.forEach((h, j) => {
      const c = contribution(dist, (etas[j] ?? 0) + b, model.logScale, h.lowerDays, h.upperDays);
      value += c.value;
      d1 += c.dEta;
      d2 += c.dEtaEta;
    });
    return { value, d1, d2 };
  };
  let mode = 0;
  for (let i = 0; i < 50; i++) {
    const { d1, d2 } = logPost(mode);
    const step = d2 < 0 ? -d1 / d2 : d1 * tau * tau;
    const bounded = Math.max(-tau, Math.min(tau, step));
    mode += bounded;
    if (Math.abs(bounded) < 1e-10) break;
  }
  const curvature = Math.max(-logPost(mode).d2, 1 / (tau * tau));
  const half = GRID_HALF_WIDTH_SD / Math.sqrt(curvature);
  const b: number[] = [];
  const logs: number[] = [];
  for (let i = 0; i < GRID_POINTS; i++) {
    const point = mode - half + (2 * half * i) / (GRID_POINTS - 1);
    b.push(point);
    logs.push(logPost(point).value);
  }
  const top = Math.max(...logs);
  const raw = logs.map((l) => Math.exp(l - top));
  const total = raw.reduce((a, v) => a + v, 0);
  return { b, w: raw.map((v) => v / total) };
}

/** The predictive distribution of the next episode's length for a patient with these earlier episodes. */
export function predictEpisode(
  model: ReliefModel,
  history: readonly EpisodeObservation[],
  next: EpisodeCovariates,
  heldDays = 0,
): EpisodePrediction {
  const dist = errorDistribution(model.distribution);
  const sigma = Math.exp(model.logScale);
  const eta = linearPredictor(model, next);
  const { b, w } = posterior(model, history);
  const marginal = (days: number): number => {
    if (days <= 0) return 1;
    const logT = Math.log(days);
    let sum = 0;
    for (let g = 0; g < b.length; g++) sum += (w[g] ?? 0) * dist.survival((logT - eta - (b[g] ?? 0)) / sigma);
    return sum;
  };
  const held = Math.max(0, heldDays);
  const atHeld = marginal(held);
  const survival = (days: number): number => (days <= held ? 1 : atHeld > 0 ? marginal(days) / atHeld : 0);
  // dS(t)/d log t of the marginal, for Newton steps on log t.
  const slope = (logT: number): number => {
    let sum = 0;
    for (let g = 0; g < b.length; g++) sum -= ((w[g] ?? 0) * dist.density((logT - eta - (b[g] ?? 0)) / sigma)) / sigma;
    return sum;
  };
  const quantile = (p: number): number => {
    // The t > held with S(t | held) = 1 − p: Newton on log t, kept inside a bracket that shrinks with every
    // step, and a bisection step whenever Newton would leave it.
    const target = 1 - p;
    let lo = Math.log(Math.max(held, 1e-6));
    let hi = Math.log(Math.max(held, 1) * 1e4);
    let y = Math.min(hi, Math.max(lo, eta + sigma * dist.quantileOfSurvival(target)));
    for (let i = 0; i < 200; i++) {
      const excess = survival(Math.exp(y)) - target;
      if (excess > 0) lo = y;
      else hi = y;
      const derivative = atHeld > 0 && Math.exp(y) > held ? slope(y) / atHeld : 0;
      const newton = derivative < 0 ? y - excess / derivative : NaN;
      const next = Number.isFinite(newton) && newton > lo && newton < hi ? newton : 0.5 * (lo + hi);
      if (Math.abs(next - y) < 1e-11 || hi - lo < 1e-11) return Math.exp(next);
      y = next;
    }
    return Math.exp(y);
  };
  return { basis: history.length > 0 ? 'patient' : 'cohort', patientEpisodes: history.length, survival, quantile };
}
