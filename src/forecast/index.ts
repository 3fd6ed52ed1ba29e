// The forecast: relief-duration model, per-patient forecast, keep going? (docs/outcomes.md "Forecast").
export type * from './types.js';
export { fitClinicForecast, forecastFor, type ClinicForecast, type ForecastOptions } from './clinic-forecast.js';
