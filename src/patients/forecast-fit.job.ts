/**
 * The clinic's forecast fit as a read worker runs it (db/read-workers.ts): the clinic's records are
 * read from one snapshot of the worker's own connection and the model is fitted there
 * (docs/outcomes.md "Forecast"), so no request waits behind a fit however large the clinic.
 */
import { loadCohortInputs, outcomeDefinition } from '../cohort/cohort-inputs.js';
import { readJob, type WorkerReads } from '../db/read-job.js';
import { fitClinicForecast } from '../forecast/clinic-forecast.js';
import type { ClinicForecast, ForecastOptions } from '../forecast/types.js';
import { systemContext } from '../records/context.js';

export interface ForecastFitRequest {
  clinicId: string;
  instrument: string;
  /** When the fit counts as made (epoch ms): its predictions start from here. */
  fittedAt: number;
  options?: Partial<ForecastOptions>;
}

/** Fits the clinic's forecast on `instrument` from its stored records, on a read worker. */
export async function fitClinicForecastJob(reads: WorkerReads, input: ForecastFitRequest): Promise<ClinicForecast> {
  const definition = outcomeDefinition(input.instrument);
  const ctx = systemContext(reads.handle, input.clinicId);
  const patients = await reads.snapshot(ctx, (tx) => loadCohortInputs(tx, { instrument: definition.instrument }));
  return fitClinicForecast({ definition, patients }, input.fittedAt, input.options);
}

export const FORECAST_FIT_JOB = readJob('the forecast fit', import.meta.url, fitClinicForecastJob);
