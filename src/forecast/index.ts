// The forecast: relief-duration model, per-patient forecast, keep going? (docs/outcomes.md "Forecast").
export type * from './types.js';
export { DEFAULT_FORECAST_OPTIONS, fitClinicForecast } from './clinic-forecast.js';
export { forecastFor, keepGoingFor, reliefForecastFor } from './patient-forecast.js';
export { reliefEndings } from './relief-ending.js';
export { fitReliefModel, MIN_MODEL_EPISODES, MIN_MODEL_EVENTS } from './relief-model.js';
export { predictEpisode } from './predict.js';
export { patientEpisodes, reliefObservations } from './episodes.js';
export { dosesToOnset, keepGoing, KEEP_GOING_HORIZON, KEEP_GOING_MIN_PATIENTS } from './keep-going.js';
export { backtestForecast, judgedInside } from './backtest.js';
export { CALIBRATION_TARGET, clinicCalibration } from './calibration.js';
export type { BacktestPatient, BacktestResult } from './backtest.js';
