/**
 * Small builders for the forecast tests: a hand-workable model and a treated patient's records as the
 * forecast reads them (docs/outcomes.md "Forecast").
 */
import { DAY_MS } from '../shared/time.js';
import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import type { OutcomeDefinition } from '../outcomes/types.js';
import type { FittedClinicModels, ReliefModel } from './types.js';

/** Day 0 of every built patient. */
export const T0 = Date.UTC(2026, 0, 5, 10);

/**
 * Median 5 days for everyone, log-normal with σ = 1 and no random effect: S(t) = 1 − Φ(ln(t/5)), so every
 * quantile and probability can be worked by hand (`over` changes any field).
 */
export function medianFiveDays(over: Partial<ReliefModel> = {}): ReliefModel {
  return {
    distribution: 'lognormal',
    terms: ['(Intercept)', 'dose'],
    coefficients: [Math.log(5), 0],
    logScale: 0,
    frailtySd: 0,
    levels: { condition: ['gad'], route: ['iv'] },
    doseCentre: 1,
    n: { patients: 40, episodes: 120, events: 90, fitPatients: 40, fitEpisodes: 120 },
    logLikelihood: 0,
    converged: true,
    ...over,
  };
}

/** The fitted models of a clinic with this relief model (or none) and no doses-to-onset. */
export function fittedModels(definition: OutcomeDefinition, relief: ReliefModel | null): FittedClinicModels {
  return { definition, relief, onsets: [], fittedAt: T0, options: { distribution: 'lognormal', minPatients: 20 } };
}

/**
 * A GAD patient given IV doses at `doseDays`, with a baseline of `baseline` one day before day 0 and
 * complete scores at [day, total] offsets from T0.
 */
export function treatedPatient(
  patientId: string,
  baseline: number,
  doseDays: readonly number[],
  scores: readonly [number, number][],
): CohortPatientInput {
  return {
    patientId,
    conditions: ['gad'],
    doses: doseDays.map((d) => ({ at: T0 + d * DAY_MS, priceUsd: null, route: 'iv', setting: 'clinic' })),
    assessments: [
      { at: T0 - DAY_MS, total: baseline, complete: true },
      ...scores.map(([d, total]) => ({ at: T0 + d * DAY_MS, total, complete: true })),
    ],
    defaultPriceUsd: null,
    adverseEvents: [],
  };
}
