// The forecast: relief-duration model, per-patient forecast, keep going? (docs/outcomes.md "Forecast").
export type * from './types.js';
export { DEFAULT_FORECAST_OPTIONS, fitClinicForecast, forecastFor, reliefForecastFor, type ClinicForecast, type ForecastOptions } from './clinic-forecast.js';
export { fitReliefModel, MIN_MODEL_EPISODES, MIN_MODEL_EVENTS } from './relief-model.js';
export { predictEpisode } from './predict.js';
export { patientEpisodes, reliefObservations } from './episodes.js';
