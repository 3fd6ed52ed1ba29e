import { invalid } from '../../shared/errors.js';
import type { CohortDoseInput, CohortFilter, CohortPatientInput } from './types.js';

/**
 * Cohort membership — docs/outcomes.md "Cohort": "every patient with at least one dose in the period". The
 * patient has the filter's condition and at least one dose that lies in [from, to) AND was given by the
 * filter's route AND in its setting (the same dose meets every dose criterion). Every unset part of the
 * filter matches every dose; patients without doses are never in the cohort.
 */
export function inCohort(patient: CohortPatientInput, filter: CohortFilter): boolean {
  if (filter.condition !== undefined && !patient.conditions.includes(filter.condition)) return false;
  return patient.doses.some((dose) => doseMatches(dose, filter));
}

/** True when the dose lies in the filter's period and used its route and setting (where set). */
export function doseMatches(dose: CohortDoseInput, filter: CohortFilter): boolean {
  if (filter.route !== undefined && dose.route !== filter.route) return false;
  if (filter.setting !== undefined && dose.setting !== filter.setting) return false;
  if (filter.from !== undefined && dose.at < filter.from) return false;
  if (filter.to !== undefined && dose.at >= filter.to) return false;
  return true;
}

/** Refuses a filter whose period is not made of finite times or is empty. */
export function checkFilter(filter: CohortFilter): void {
  if (filter.from !== undefined && !Number.isFinite(filter.from)) throw invalid('filter.from', 'is not a valid time');
  if (filter.to !== undefined && !Number.isFinite(filter.to)) throw invalid('filter.to', 'is not a valid time');
  if (filter.from !== undefined && filter.to !== undefined && filter.to <= filter.from) {
    throw invalid('filter.to', 'must be later than filter.from (the period is [from, to))');
  }
}
