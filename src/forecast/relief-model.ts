/**
 * Fits the relief-duration model on a clinic's relief episodes (docs/outcomes.md "Forecast"). Without
 * frailty it is survreg's fixed-effects fit; with it, each patient's random effect is estimated by
 * hierarchical likelihood (frailty.ts). Too few episodes, or too few with a known end, → no model.
 */
import { fitAft } from './aft.js';
import { designFor, designRow } from './design.js';
import { fitFrailty, refineByMarginalLikelihood } from './frailty.js';
import type { EpisodeObservation, ReliefDistribution, ReliefModel } from './types.js';

/** The fewest episodes, and episodes whose end was seen, a clinic's model is fitted on. */
export const MIN_MODEL_EPISODES = 20;
export const MIN_MODEL_EVENTS = 10;

export function fitReliefModel(observations: readonly EpisodeObservation[], options: { distribution: ReliefDistribution; frailty: boolean }): ReliefModel | null {
  const usable = observations.filter((o) => o.lowerDays > 0 && Number.isFinite(o.lowerDays) && (o.upperDays === null || o.upperDays >= o.lowerDays));
  const events = usable.filter((o) => o.upperDays !== null).length;
  if (usable.length < MIN_MODEL_EPISODES || events < MIN_MODEL_EVENTS) return null;
  const design = designFor(usable);
  const x = usable.map((o) => designRow(design, o));
  const lower = usable.map((o) => o.lowerDays);
  const upper = usable.map((o) => o.upperDays);
  const patientIndex = new Map<string, number>();
  const group = usable.map((o) => {
    const known = patientIndex.get(o.patientId);
    if (known !== undefined) return known;
    patientIndex.set(o.patientId, patientIndex.size);
    return patientIndex.size - 1;
  });
  const n = { patients: patientIndex.size, episodes: usable.length, events };
  const base = { distribution: options.distribution, terms: design.terms, levels: design.levels, doseCentre: design.doseCentre, n };
  if (!options.frailty) {
    const fit = fitAft(options.distribution, { x, lower, upper });
    return { ...base, coefficients: fit.coefficients, logScale: fit.logScale, frailtySd: 0, logLikelihood: fit.logLikelihood, converged: fit.converged };
  }
  const data = { x, lower, upper, group, groups: patientIndex.size };
  const penalised = fitFrailty(options.distribution, data);
  const fit = refineByMarginalLikelihood(options.distribution, data, penalised) ?? penalised;
  return { ...base, coefficients: fit.coefficients, logScale: fit.logScale, frailtySd: fit.frailtySd, logLikelihood: fit.logLikelihood, converged: fit.converged };
}
