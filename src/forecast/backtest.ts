/**
 * Rolling-origin backtest of the relief forecast (docs/outcomes.md "Forecast: how far to trust it"). For
 * every patient and every episode after their first, the forecast is made from the episodes before it
 * and scored against what followed. Patients are split in two folds; each fold is forecast by a model
 * fitted on the other, so no patient's own future is in the fit that forecasts them. Scored against the
 * truth when it is known (synthetic cohorts), and against the observed episode otherwise: relief at day 7
 * is known to have held when the episode lasted at least 7 days (lower bound ≥ 7) and known to have
 * ended when it ended by day 7 (upper bound ≤ 7); otherwise that episode does not enter the reliability bins.
 * The 80% interval [q10, q90] is judged on the observed episode the same way (`judgedInside`): the true end lies
 * in (lower, upper], so it is known inside when q10 ≤ lower and upper ≤ q90, known outside when upper < q10 or
 * lower ≥ q90, and otherwise (the observed interval straddles an end of the forecast's, or the episode is
 * right-censored before q90) not judged.
 */
import { predictEpisode } from './predict.js';
import { fitReliefModel } from './relief-model.js';
import type { DistributionChoice, EpisodeObservation, ReliefModel } from './types.js';

/** One patient's episodes in dose order, with each one's true length where it is known. */
export interface BacktestPatient {
  patientId: string;
  episodes: readonly EpisodeObservation[];
  /** True, uncensored length per episode (same order), or null when unknown. */
  truthDays?: readonly (number | null)[];
}

export interface IntervalScore {
  n: number;
  /** Share of truths inside the 80% interval. */
  coverage: number | null;
  /** Mean of log(upper / lower) of the 80% interval. */
  meanLogWidth: number | null;
}

export interface ReliabilityBin {
  /** Mean predicted P(relief still holds 7 days after the dose). */
  predicted: number;
  /** Share of those episodes in which it did. */
  observed: number;
  n: number;
}

/** The model's 80% interval judged against the observed episodes (never the truth): only where the answer is known. */
export interface ObservedCoverage {
  /** Forecasts whose observed episode says whether its end fell inside the interval. */
  judged: number;
  inside: number;
  /** inside / judged, or null when none could be judged. */
  coverage: number | null;
}

export interface BacktestResult {
  /** Forecasts made (episodes after each patient's first). */
  forecasts: number;
  /** Patients with at least one forecast. */
  forecastPatients: number;
  /** The model's 80% interval judged on the observed episodes, as a clinic without known truths can. */
  observed: ObservedCoverage;
  model: IntervalScore;
  /** The clinic's prediction for the condition and route alone, ignoring the patient's own episodes. */
  cohortOnly: IntervalScore;
  /**
   * The patient's own last episode, scaled by the training fold's 10th–90th percentile ratio of one episode to the one
   * before.
   */
  lastEpisode: IntervalScore;
  /** The same three, for forecasts with at least 3 earlier episodes. */
  withThreeEarlier: { model: IntervalScore; cohortOnly: IntervalScore; lastEpisode: IntervalScore };
  reliability: ReliabilityBin[];
}

interface Scored {
  earlier: number;
  truth: number | null;
  model: [number, number];
  cohort: [number, number];
  last: [number, number];
  pStill7: number;
  held7: boolean | null;
  /** Whether the observed episode's end is known to lie inside the model's 80% interval; null when unknown. */
  inside: boolean | null;
  patientId: string;
}

/**
 * Whether an episode whose end lies in (lowerDays, upperDays] (upperDays null: right-censored) ended inside
 * [lo, hi]: true or false when the observation decides it, null when it does not.
 */
export function judgedInside(
  [lo, hi]: readonly [number, number],
  episode: Pick<EpisodeObservation, 'lowerDays' | 'upperDays'>,
): boolean | null {
  const { lowerDays, upperDays } = episode;
  if (lowerDays >= hi || (upperDays !== null && upperDays < lo)) return false;
  if (upperDays !== null && lowerDays >= lo && upperDays <= hi) return true;
  return null;
}

function quantileOf(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return (sorted[lo] ?? 0) + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - (sorted[lo] ?? 0));
}

/** 10th and 90th percentiles of length(k) / length(k − 1) over consecutive episodes whose ends were seen. */
function lastEpisodeRatios(patients: readonly BacktestPatient[]): [number, number] {
  const ratios: number[] = [];
  for (const p of patients) {
    for (let k = 1; k < p.episodes.length; k++) {
      const a = p.episodes[k - 1];
      const b = p.episodes[k];
      if (a?.upperDays != null && b?.upperDays != null && a.upperDays > 0) ratios.push(b.upperDays / a.upperDays);
    }
  }
  ratios.sort((x, y) => x - y);
  return ratios.length === 0 ? [1, 1] : [quantileOf(ratios, 0.1), quantileOf(ratios, 0.9)];
}

function scoreFold(model: ReliefModel, ratio: [number, number], patients: readonly BacktestPatient[]): Scored[] {
  const out: Scored[] = [];
  // The clinic-only interval depends on the covariates alone: one prediction per condition, route and dose.
  const cohortIntervals = new Map<string, [number, number]>();
  const cohortInterval = (next: EpisodeObservation): [number, number] => {
    const key = `${next.condition} ${next.route} ${next.dose}`;
    const known = cohortIntervals.get(key);
    if (known !== undefined) return known;
    const prior = predictEpisode(model, [], next);
    const interval: [number, number] = [prior.quantile(0.1), prior.quantile(0.9)];
    cohortIntervals.set(key, interval);
    return interval;
  };
  for (const p of patients) {
    for (let k = 1; k < p.episodes.length; k++) {
      const next = p.episodes[k];
      if (next === undefined) continue;
      const history = p.episodes.slice(0, k);
      const own = predictEpisode(model, history, next);
      const previous = history[history.length - 1];
      const lastLength = previous?.upperDays ?? previous?.lowerDays ?? 1;
      const truth = p.truthDays?.[k] ?? null;
      const held7 =
        truth !== null
          ? truth > 7
          : next.lowerDays >= 7
            ? true
            : next.upperDays !== null && next.upperDays <= 7
              ? false
              : null;
      const interval: [number, number] = [own.quantile(0.1), own.quantile(0.9)];
      out.push({
        earlier: k,
        truth,
        model: interval,
        cohort: cohortInterval(next),
        last: [lastLength * ratio[0], lastLength * ratio[1]],
        pStill7: own.survival(7),
        held7,
        inside: judgedInside(interval, next),
        patientId: p.patientId,
      });
    }
  }
  return out;
}

function intervalScore(scored: readonly Scored[], pick: (s: Scored) => [number, number]): IntervalScore {
  const withTruth = scored.filter((s) => s.truth !== null);
  if (withTruth.length === 0) return { n: 0, coverage: null, meanLogWidth: null };
  let inside = 0;
  let width = 0;
  for (const s of withTruth) {
    const [lo, hi] = pick(s);
    if ((s.truth ?? 0) >= lo && (s.truth ?? 0) <= hi) inside++;
    width += Math.log(hi / lo);
  }
  return { n: withTruth.length, coverage: inside / withTruth.length, meanLogWidth: width / withTruth.length };
}

function observedCoverage(scored: readonly Scored[]): ObservedCoverage {
  const judged = scored.filter((s) => s.inside !== null);
  const inside = judged.filter((s) => s.inside === true).length;
  return { judged: judged.length, inside, coverage: judged.length === 0 ? null : inside / judged.length };
}

/** Ten bins of predicted P(still in relief at day 7), each with what was observed. */
function reliability(scored: readonly Scored[]): ReliabilityBin[] {
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b < 10; b++) {
    const members = scored.filter((s) => s.held7 !== null && Math.min(9, Math.floor(s.pStill7 * 10)) === b);
    if (members.length === 0) continue;
    bins.push({
      predicted: members.reduce((a, s) => a + s.pStill7, 0) / members.length,
      observed: members.filter((s) => s.held7 === true).length / members.length,
      n: members.length,
    });
  }
  return bins;
}

/** Backtests the forecast on these patients (two folds by patient); null when a fold is too small to fit. */
export function backtestForecast(
  patients: readonly BacktestPatient[],
  distribution: DistributionChoice = 'auto',
): BacktestResult | null {
  const folds: BacktestPatient[][] = [[], []];
  patients.forEach((p, i) => folds[i % 2]?.push(p));
  const scored: Scored[] = [];
  for (let f = 0; f < 2; f++) {
    const train = folds[1 - f] ?? [];
    const test = folds[f] ?? [];
    const model = fitReliefModel(
      train.flatMap((p) => p.episodes),
      { distribution, frailty: true },
    );
    if (model === null) return null;
    scored.push(...scoreFold(model, lastEpisodeRatios(train), test));
  }
  const three = scored.filter((s) => s.earlier >= 3);
  return {
    forecasts: scored.length,
    forecastPatients: new Set(scored.map((s) => s.patientId)).size,
    observed: observedCoverage(scored),
    model: intervalScore(scored, (s) => s.model),
    cohortOnly: intervalScore(scored, (s) => s.cohort),
    lastEpisode: intervalScore(scored, (s) => s.last),
    withThreeEarlier: {
      model: intervalScore(three, (s) => s.model),
      cohortOnly: intervalScore(three, (s) => s.cohort),
      lastEpisode: intervalScore(three, (s) => s.last),
    },
    reliability: reliability(scored),
  };
}
