/**
 * A clinic's forecast on one instrument (docs/outcomes.md "Forecast"): the relief-duration model fitted
 * on every patient's relief episodes, the doses-to-onset "keep going?" reads, the calibration of the
 * clinic's own past forecasts and who is in relief that is likely ending. Computed from what is stored;
 * never stored as a fact.
 */
import { clinicCalibration } from './calibration.js';
import { episodeObservations, patientEpisodes } from './episodes.js';
import { dosesToOnsetOfCourse } from './keep-going.js';
import { reliefEndings } from './relief-ending.js';
import { fitReliefModel } from './relief-model.js';
import type { ClinicForecast, FittedClinicModels, ForecastCohortInput, ForecastOptions } from './types.js';

export const DEFAULT_FORECAST_OPTIONS: ForecastOptions = { distribution: 'auto', minPatients: 20 };

/**
 * Fits the clinic's models from its records (pure and plain data, so it can run on a worker thread;
 * the service caches it). Each patient's course is built once for both their episodes and their doses-to-onset.
 */
export function fitClinicForecast(
  input: ForecastCohortInput,
  fittedAt: number,
  options?: Partial<ForecastOptions>,
): ClinicForecast {
  const models = fitClinicModels(input, fittedAt, options);
  return {
    ...models,
    calibration: clinicCalibration(input, models.options),
    reliefEndings: reliefEndings(models, input.patients),
  };
}

/** The models alone: the relief-duration model and every patient's doses-to-onset. */
export function fitClinicModels(
  input: ForecastCohortInput,
  fittedAt: number,
  options?: Partial<ForecastOptions>,
): FittedClinicModels {
  const resolved = { ...DEFAULT_FORECAST_OPTIONS, ...options };
  const analysed = input.patients.map((p) => patientEpisodes(input.definition, p));
  const observations = analysed.flatMap((e) => episodeObservations(e));
  const relief = fitReliefModel(observations, { distribution: resolved.distribution, frailty: true });
  const onsets = analysed.map((e, i) => dosesToOnsetOfCourse(input.patients[i]?.patientId ?? '', e.course));
  return { definition: input.definition, relief, onsets, fittedAt, options: resolved };
}
