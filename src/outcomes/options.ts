import { invalid } from '../shared/errors.js';
import type { OutcomeOptions } from './types.js';

/** docs/outcomes.md defaults: baseline up to 14 days before t1; coverage intervals capped at 7 days. */
export const DEFAULT_OUTCOME_OPTIONS: OutcomeOptions = { baselineWindowDays: 14, coverageCapDays: 7 };

/** Fills in the docs/outcomes.md defaults and refuses windows that are negative or not numbers. */
export function resolveOptions(options: Partial<OutcomeOptions> | undefined): OutcomeOptions {
  const resolved = { ...DEFAULT_OUTCOME_OPTIONS, ...options };
  if (!(Number.isFinite(resolved.baselineWindowDays) && resolved.baselineWindowDays >= 0)) {
    throw invalid('options.baselineWindowDays', `${resolved.baselineWindowDays} is not a number of days ≥ 0`);
  }
  if (!(Number.isFinite(resolved.coverageCapDays) && resolved.coverageCapDays > 0)) {
    throw invalid('options.coverageCapDays', `${resolved.coverageCapDays} is not a number of days > 0`);
  }
  return resolved;
}
