import type { EpisodeCovariates, EpisodeObservation, EpisodePrediction, ReliefModel } from './types.js';

/** The predictive distribution of the next episode's length for a patient with these earlier episodes. */
export function predictEpisode(model: ReliefModel, history: readonly EpisodeObservation[], next: EpisodeCovariates, heldDays = 0): EpisodePrediction {
  void model; void history; void next; void heldDays;
  throw new Error('predictEpisode: being written');
}
