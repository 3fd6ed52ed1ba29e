import { wilsonProportion } from '../../stats/wilson.js';
import { ASSESSED, REMITTED, RESPONDED, type CohortPatientSummary } from './patient-summary.js';
import type { DoseRow } from './types.js';

/**
 * Response and remission after doses 1…maxDose — docs/outcomes.md "Cohort":
 * ITT: "every patient with at least one dose in the period is in every denominator. Response after
 * dose k = patients with a responding assessment in dose k's window ÷ all ITT patients. A patient who
 * stopped before dose k counts as a non-responder." (A patient without a baseline cannot respond and
 * counts as a non-responder too; remission needs no baseline.)
 * Per protocol: "the denominator for dose k is the patients who received dose k and have at least one
 * assessment in its window."
 */
export function responseByDose(summaries: readonly CohortPatientSummary[], maxDose: number): DoseRow[] {
  const assessed = new Array<number>(maxDose).fill(0);
  const responded = new Array<number>(maxDose).fill(0);
  const remitted = new Array<number>(maxDose).fill(0);
  for (const summary of summaries) {
    const flags = summary.doseFlags;
    for (let k = 0; k < maxDose; k++) {
      const bits = flags[k] ?? 0;
      if (bits & ASSESSED) assessed[k] = (assessed[k] ?? 0) + 1;
      if (bits & RESPONDED) responded[k] = (responded[k] ?? 0) + 1;
      if (bits & REMITTED) remitted[k] = (remitted[k] ?? 0) + 1;
    }
  }
  const n = summaries.length;
  return assessed.map((perProtocolN, k) => {
    const r = responded[k] ?? 0;
    const m = remitted[k] ?? 0;
    return {
      dose: k + 1,
      itt: {
        response: { ...wilsonProportion(r, n), n, definition: 'ittResponse' },
        remission: { ...wilsonProportion(m, n), n, definition: 'ittRemission' },
      },
      perProtocol: {
        response: { ...wilsonProportion(r, perProtocolN), n: perProtocolN, definition: 'perProtocolResponse' },
        remission: { ...wilsonProportion(m, perProtocolN), n: perProtocolN, definition: 'perProtocolRemission' },
      },
    };
  });
}
