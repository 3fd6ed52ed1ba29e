/**
 * How far a clinic can trust its own forecasts (docs/outcomes.md "Forecast: how far to trust it", the
 * clinic calibration view): the backtest (backtest.ts) run on the clinic's own relief episodes, where no
 * true length is known, so every forecast is scored against the observed episode. Pure.
 */
import { backtestForecast, type BacktestPatient } from './backtest.js';
import { reliefObservations } from './episodes.js';
import { FIT_SAMPLE_PATIENTS, MIN_MODEL_EPISODES, MIN_MODEL_EVENTS, samplePatients } from './relief-model.js';
import type { ClinicCalibration, DistributionChoice, ForecastCohortInput } from './types.js';

/** The interval the forecast shows: 10th–90th percentile. */
export const CALIBRATION_TARGET = 0.8;

/**
 * The reliability bins at day 7 and the coverage of the 80% interval judged on observed episodes, with
 * the number of forecasts and patients; or why not (too few episodes for a model in each half of the
 * patients). A clinic of more than FIT_SAMPLE_PATIENTS patients is checked on that many, by hash of id. Patients are
 * put in folds in id order, so the
 * answer does not depend on the order the records were read in.
 */
export function clinicCalibration(
  input: ForecastCohortInput,
  options: { distribution: DistributionChoice },
): ClinicCalibration {
  const patients: BacktestPatient[] = input.patients
    .map((p) => ({ patientId: p.patientId, episodes: reliefObservations(input.definition, p) }))
    .filter((p) => p.episodes.length > 0)
    .sort((a, b) => (a.patientId < b.patientId ? -1 : a.patientId > b.patientId ? 1 : 0));
  const episodes = patients.reduce((n, p) => n + p.episodes.length, 0);
  const counts = { episodes, patients: patients.length };
  // A large clinic is checked on the same hashed sample of patients its model is fitted on (relief-model.ts).
  const sample = samplePatients(
    patients.map((p) => p.patientId),
    FIT_SAMPLE_PATIENTS,
  );
  let result: ReturnType<typeof backtestForecast>;
  try {
    result = backtestForecast(
      patients.filter((p) => sample.has(p.patientId)),
      options.distribution,
    );
  } catch (error) {
    // A fold's model may not be estimable where the whole clinic's is (e.g. a singular design on half the patients).
    const reason = error instanceof Error ? error.message : String(error);
    return {
      status: 'unavailable',
      ...counts,
      text: `The forecast could not be fitted on half of this clinic's patients to check it against the other half (${reason}).`,
    };
  }
  if (result === null || result.forecasts === 0) {
    return {
      status: 'too-few',
      ...counts,
      text:
        `Too few relief episodes to check the forecast against this clinic's past (${episodes} episodes of ${patients.length} patients): ` +
        `each half of the patients needs at least ${MIN_MODEL_EPISODES} episodes, ${MIN_MODEL_EVENTS} with a seen end, to forecast the other half, ` +
        'and some patients need a second episode to be forecast.',
    };
  }
  const { judged, inside, coverage } = result.observed;
  return {
    status: 'ready',
    forecasts: result.forecasts,
    patients: result.forecastPatients,
    episodes,
    bins: result.reliability.map((b) => ({ predicted: b.predicted, observed: b.observed, n: b.n })),
    coverage: { judged, inside, share: coverage, target: CALIBRATION_TARGET },
  };
}
