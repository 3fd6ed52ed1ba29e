/**
 * Fits the relief-duration model on a clinic's relief episodes (docs/outcomes.md "Forecast"). Without
 * frailty it is survreg's fixed-effects fit; with it, each patient's random effect is estimated by
 * hierarchical likelihood (frailty.ts). Too few episodes, or too few with a known end, → no model.
 *
 * A large clinic's population parameters (β, σ, τ) are fitted on a deterministic sample of its patients
 * (FIT_SAMPLE_PATIENTS, chosen by a hash of the patient id, with all their episodes); every patient's own
 * forecast still comes from their posterior given their own episodes (predict.ts). `n` says both: the
 * clinic's patients and episodes, and how many of them the fit used.
 */
import { fitAft } from './aft.js';
import { designFor, designRow, type Design } from './design.js';
import { isOnsetError } from '../shared/errors.js';
import { fitFrailty, refineByMarginalLikelihood, SCALE_FLOOR, type FrailtyData, type FrailtyFit } from './frailty.js';
import type { DistributionChoice, EpisodeObservation, ReliefDistribution, ReliefModel } from './types.js';

const RELIEF_DISTRIBUTIONS: readonly ReliefDistribution[] = ['lognormal', 'weibull'];

/** The fewest episodes, and episodes whose end was seen, a clinic's model is fitted on. */
export const MIN_MODEL_EPISODES = 20;
export const MIN_MODEL_EVENTS = 10;
/** Most patients the population parameters are fitted on (docs/outcomes.md "Forecast"). */
export const FIT_SAMPLE_PATIENTS = 2_000;
/** Of those, the most `auto` chooses the family on: both families are fitted on them, the better one on all. */
export const FAMILY_SAMPLE_PATIENTS = 500;
/**
 * Of those, the most the penalised (Laplace) start is computed on; the marginal-likelihood fit does not depend on its
 * start.
 */
export const START_SAMPLE_PATIENTS = 200;

/** FNV-1a: a stable 32-bit hash of a patient id, so the sample is the same on every fit. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The patients (all of them when at most `limit`), ordered by hash of their id. */
export function samplePatients(ids: readonly string[], limit: number): Set<string> {
  if (ids.length <= limit) return new Set(ids);
  const ranked = ids.map((id) => ({ id, h: idHash(id) })).sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : 1));
  return new Set(ranked.slice(0, limit).map((r) => r.id));
}

/** The frailty data of the episodes of the given patients, their patients numbered 0 … groups − 1. */
function frailtyData(design: Design, observations: readonly EpisodeObservation[]): FrailtyData {
  const patientIndex = new Map<string, number>();
  const group = observations.map((o) => {
    const known = patientIndex.get(o.patientId);
    if (known !== undefined) return known;
    patientIndex.set(o.patientId, patientIndex.size);
    return patientIndex.size - 1;
  });
  return {
    x: observations.map((o) => designRow(design, o)),
    lower: observations.map((o) => o.lowerDays),
    upper: observations.map((o) => o.upperDays),
    group,
    groups: patientIndex.size,
  };
}

/**
 * The relief-duration model of these episodes, or null with too few. With `auto` both families are fitted
 * (on at most FAMILY_SAMPLE_PATIENTS) and the one with the higher (marginal) log-likelihood is kept: they
 * have the same number of parameters.
 */
export function fitReliefModel(
  observations: readonly EpisodeObservation[],
  options: { distribution: DistributionChoice; frailty: boolean },
): ReliefModel | null {
  if (options.distribution === 'auto') {
    // The family is chosen on at most FAMILY_SAMPLE_PATIENTS (by hash of id), then fitted on the whole sample.
    const ids = [...new Set(observations.map((o) => o.patientId))];
    const sample = samplePatients(ids, FAMILY_SAMPLE_PATIENTS);
    const chosen = betterFit(
      sample.size === ids.length ? observations : observations.filter((o) => sample.has(o.patientId)),
      options.frailty,
    );
    if (chosen === null || sample.size === ids.length) return chosen;
    return fitReliefModel(observations, { ...options, distribution: chosen.distribution });
  }
  const usable = observations.filter(
    (o) => o.lowerDays > 0 && Number.isFinite(o.lowerDays) && (o.upperDays === null || o.upperDays >= o.lowerDays),
  );
  const events = usable.filter((o) => o.upperDays !== null).length;
  if (usable.length < MIN_MODEL_EPISODES || events < MIN_MODEL_EVENTS) return null;
  const ids = [...new Set(usable.map((o) => o.patientId))];
  const sample = samplePatients(ids, FIT_SAMPLE_PATIENTS);
  const fitted = usable.filter((o) => sample.has(o.patientId));
  // The levels are the sample's: a level with no episodes in it would leave its coefficient undefined.
  const design = designFor(fitted);
  const n = {
    patients: ids.length,
    episodes: usable.length,
    events,
    fitPatients: sample.size,
    fitEpisodes: fitted.length,
  };
  const base = {
    distribution: options.distribution,
    terms: design.terms,
    levels: design.levels,
    doseCentre: design.doseCentre,
    n,
  };
  const data = frailtyData(design, fitted);
  if (!options.frailty) {
    const fit = fitAft(options.distribution, data, undefined, SCALE_FLOOR);
    return {
      ...base,
      coefficients: fit.coefficients,
      logScale: fit.logScale,
      frailtySd: 0,
      logLikelihood: fit.logLikelihood,
      converged: fit.converged,
    };
  }
  const fit = frailtyFitOrFixed(options.distribution, design, fitted, sample, data);
  return {
    ...base,
    coefficients: fit.coefficients,
    logScale: fit.logScale,
    frailtySd: fit.frailtySd,
    logLikelihood: fit.logLikelihood,
    converged: fit.converged,
  };
}

/** Of the two families' fits, the one with the higher (marginal) log-likelihood; null when neither fits. */
function betterFit(observations: readonly EpisodeObservation[], frailty: boolean): ReliefModel | null {
  const fits = RELIEF_DISTRIBUTIONS.flatMap(
    (distribution) => fitReliefModel(observations, { distribution, frailty }) ?? [],
  );
  return fits.reduce<ReliefModel | null>(
    (best, fit) => (best === null || fit.logLikelihood > best.logLikelihood ? fit : best),
    null,
  );
}

/**
 * The frailty fit: the penalised start (on at most START_SAMPLE_PATIENTS), refined by marginal likelihood.
 * When the start cannot be computed (a singular system: the episodes do not determine the effects), the
 * fixed-effects fit, with τ = 0, so that a clinic still gets the clinic-wide prediction.
 */
function frailtyFitOrFixed(
  distribution: ReliefDistribution,
  design: Design,
  fitted: readonly EpisodeObservation[],
  sample: Set<string>,
  data: FrailtyData,
): FrailtyFit {
  let penalised: FrailtyFit;
  try {
    const startSample = samplePatients([...sample], START_SAMPLE_PATIENTS);
    // From a smaller start sample its patients' effects do not line up with `data`'s: the modes start at 0.
    penalised =
      startSample.size === sample.size
        ? fitFrailty(distribution, data)
        : {
            ...fitFrailty(
              distribution,
              frailtyData(
                design,
                fitted.filter((o) => startSample.has(o.patientId)),
              ),
            ),
            effects: [],
          };
  } catch (error) {
    if (!isOnsetError(error) || error.code !== 'VALIDATION_FAILED') throw error;
    const fixed = fitAft(distribution, data, undefined, SCALE_FLOOR);
    return {
      coefficients: fixed.coefficients,
      logScale: fixed.logScale,
      frailtySd: 0,
      effects: [],
      logLikelihood: fixed.logLikelihood,
      converged: fixed.converged,
    };
  }
  return refineByMarginalLikelihood(distribution, data, penalised) ?? penalised;
}
