import type { CohortPatientSummary } from './patient-summary.js';
import type { CostPerResponderFigure } from './types.js';

/**
 * Cost per responder — docs/outcomes.md: "total cost of ITT patients ÷ number who ever responded". A
 * responder is a patient with any responding assessment after t1. Null when nobody responded, or when
 * any patient's cost is unknown (a partial sum would understate the cost).
 */
export function costPerResponder(summaries: readonly CohortPatientSummary[]): CostPerResponderFigure {
  let total = 0;
  let unknown = 0;
  let responders = 0;
  for (const summary of summaries) {
    if (summary.costUsd === null) unknown++;
    else total += summary.costUsd;
    if (summary.everResponded) responders++;
  }
  const totalCostUsd = unknown > 0 ? null : total;
  return {
    n: summaries.length,
    definition: 'costPerResponder',
    valueUsd: totalCostUsd !== null && responders > 0 ? totalCostUsd / responders : null,
    totalCostUsd,
    responders,
    patientsWithUnknownCost: unknown,
  };
}
