import type { AdverseEventFigure, CohortPatientInput } from './types.js';

/**
 * Adverse events per 100 doses by category — docs/outcomes.md "Cohort": every adverse event of the cohort's
 * patients ÷ every dose given to them × 100, with the counts. Categories in alphabetical order.
 */
export function adverseEventsPer100Doses(patients: readonly CohortPatientInput[]): AdverseEventFigure {
  let doses = 0;
  let events = 0;
  const counts = new Map<string, number>();
  for (const patient of patients) {
    doses += patient.doses.length;
    for (const event of patient.adverseEvents) {
      events++;
      counts.set(event.category, (counts.get(event.category) ?? 0) + 1);
    }
  }
  const byCategory = [...counts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([category, count]) => ({ category, count, per100Doses: doses > 0 ? (count / doses) * 100 : 0 }));
  return { n: doses, definition: 'adverseEventsPer100Doses', doses, events, byCategory };
}
