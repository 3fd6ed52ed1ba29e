/**
 * The clinic's fitted forecast, per instrument, held in memory (docs/outcomes.md "Forecast"). A request
 * reads what is cached and never waits for a fit: a missing or stale entry starts one in the background,
 * and until the first fit has finished the forecast says the model is being fitted. The records are read
 * and the model fitted on a read worker (forecast-fit.job.ts, db/read-workers.ts), from what is committed,
 * so however large the clinic, no request waits behind it. The forecast is computed from what is stored
 * and never stored itself.
 */
import { outcomeDefinition } from '../cohort/cohort-inputs.js';
import type { ClinicForecast } from '../forecast/index.js';
import type { ServiceContext } from '../records/context.js';
import { readWorkersOf } from '../db/read-workers.js';
import { FORECAST_FIT_JOB } from './forecast-fit.job.js';
import { MINUTE_MS } from '../shared/time.js';

/** How old a fit may be before the next request refreshes it in the background. */
export const FORECAST_REFRESH_MS = 15 * MINUTE_MS;

interface Entry {
  value: ClinicForecast | null;
  refreshing: Promise<ClinicForecast> | null;
}

const entries = new Map<string, Entry>();

let reportFailure: (error: unknown) => void = () => undefined;

/** Where a failed background fit is reported (the server's log); by default nowhere. */
export function onForecastFitError(report: (error: unknown) => void): void {
  reportFailure = report;
}

function keyOf(ctx: ServiceContext, instrument: string): string {
  return `${ctx.clinicId} ${instrument}`;
}

/** Fits the clinic's forecast now from its stored records (one fit at a time per clinic and instrument). */
export function refreshClinicForecast(ctx: ServiceContext, instrument: string): Promise<ClinicForecast> {
  const key = keyOf(ctx, instrument);
  const entry = entries.get(key) ?? { value: null, refreshing: null };
  entries.set(key, entry);
  if (entry.refreshing !== null) return entry.refreshing;
  // A wrong instrument is refused here, before anything is queued.
  const { instrument: checked } = outcomeDefinition(instrument);
  const refreshing = readWorkersOf(ctx)
    .run(FORECAST_FIT_JOB, { clinicId: ctx.clinicId, instrument: checked, fittedAt: ctx.now().getTime() })
    .then((fit) => {
      entry.value = fit;
      return fit;
    })
    .finally(() => {
      entry.refreshing = null;
    });
  entry.refreshing = refreshing;
  return refreshing;
}

/** The cached fit, or null while the first one runs; starts a background refresh when missing or stale. */
export function cachedClinicForecast(ctx: ServiceContext, instrument: string): ClinicForecast | null {
  const entry = entries.get(keyOf(ctx, instrument));
  const value = entry?.value ?? null;
  if (value === null || ctx.now().getTime() - value.fittedAt > FORECAST_REFRESH_MS) {
    // A failed fit leaves the previous one (or none) in place; the next request tries again.
    refreshClinicForecast(ctx, instrument).catch((error: unknown) => reportFailure(error));
  }
  return value;
}
