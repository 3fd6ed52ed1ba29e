import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import type { OutcomeDefinition } from '../outcomes/types.js';
import type { DosesToOnset, ForecastCohortInput, PatientForecast, ReliefDistribution, ReliefModel } from './types.js';

export interface ForecastOptions {
  distribution: ReliefDistribution;
  /** Fewest patients at risk for a "keep going?" figure (default 20). */
  minPatients: number;
}

/** A clinic's fitted forecast on one instrument: what a request reads; never stored as a fact. */
export interface ClinicForecast {
  definition: OutcomeDefinition;
  relief: ReliefModel | null;
  /** Every patient's doses-to-onset, for "keep going?". */
  onsets: DosesToOnset[];
  fittedAt: number;
  options: ForecastOptions;
}

/** Fits the clinic's models from its records (pure; slow for large clinics, so the service caches it). */
export function fitClinicForecast(input: ForecastCohortInput, fittedAt: number, options?: Partial<ForecastOptions>): ClinicForecast {
  void input; void fittedAt; void options;
  throw new Error('fitClinicForecast: being written');
}

/** One patient's forecast at `now` from the clinic's fitted forecast. */
export function forecastFor(clinic: ClinicForecast, patient: CohortPatientInput, now: number): PatientForecast {
  void clinic; void patient; void now;
  throw new Error('forecastFor: being written');
}
