import { invalid } from '../../shared/errors.js';
import type { CohortDoseInput, CohortFilter, CohortPatientInput } from './types.js';

/** The patient's first dose by time (the earliest listed one on ties), or null without doses. */
export function firstDose(patient: CohortPatientInput): CohortDoseInput | null {
  let first: CohortDoseInput | null = null;
  for (const dose of patient.doses) if (first === null || dose.at < first.at) first = dose;
  return first;
}

/**
 * Cohort membership: the patient has the filter's condition, and a first dose in [from, to) given by
 * the filter's route and in its setting. Every unset part of the filter matches everyone with a dose.
 */
export function inCohort(patient: CohortPatientInput, filter: CohortFilter): boolean {
  const first = firstDose(patient);
  if (first === null) return false;
  if (filter.condition !== undefined && !patient.conditions.includes(filter.condition)) return false;
  if (filter.route !== undefined && first.route !== filter.route) return false;
  if (filter.setting !== undefined && first.setting !== filter.setting) return false;
  if (filter.from !== undefined && first.at < filter.from) return false;
  if (filter.to !== undefined && first.at >= filter.to) return false;
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
