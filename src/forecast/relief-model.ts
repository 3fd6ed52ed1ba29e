import type { EpisodeObservation, ReliefDistribution, ReliefModel } from './types.js';

/** Fits the relief-duration model (docs/outcomes.md "Forecast"); frailty: false gives survreg's fixed-effects fit. */
export function fitReliefModel(observations: readonly EpisodeObservation[], options: { distribution: ReliefDistribution; frailty: boolean }): ReliefModel | null {
  void observations; void options;
  throw new Error('fitReliefModel: being written');
}
