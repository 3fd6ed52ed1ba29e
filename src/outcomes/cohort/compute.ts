import { invalid } from '../../shared/errors.js';
import { resolveOptions } from '../options.js';
import { adverseEventsPer100Doses } from './adverse-events.js';
import { boosterRateDistribution } from './booster-distribution.js';
import { costPerResponder } from './cost-per-responder.js';
import { survivalFigure } from './curves.js';
import { checkFilter, inCohort } from './filter.js';
import { summarizePatient, type CohortPatientSummary } from './patient-summary.js';
import { responseByDose } from './response-by-dose.js';
import type { CohortPatientInput, CohortReport, CohortReportInput } from './types.js';

/** Response and remission are reported after doses 1…8 unless asked otherwise. */
export const DEFAULT_MAX_DOSE = 8;

/** The cohort's patients and their summaries, as every cohort figure reads them. */
export interface CohortMembers {
  patients: CohortPatientInput[];
  summaries: CohortPatientSummary[];
}

/** Who is in the cohort (docs/outcomes.md "Cohort") and what each member contributes, once for every figure. */
export function cohortMembers(input: CohortReportInput): CohortMembers {
  const options = resolveOptions(input.options);
  const filter = input.filter ?? {};
  checkFilter(filter);
  const maxDose = input.maxDose ?? DEFAULT_MAX_DOSE;
  if (!(Number.isInteger(maxDose) && maxDose >= 1 && maxDose <= 100)) {
    throw invalid('maxDose', `${maxDose} is not a whole number from 1 to 100`);
  }
  const patients = input.patients.filter((p) => inCohort(p, filter));
  return { patients, summaries: patients.map((p) => summarizePatient(input.definition, p, options, maxDose)) };
}

/** The clinic's cohort outcome report, exactly as docs/outcomes.md "Cohort" defines each figure. */
export function computeCohortReport(input: CohortReportInput, members = cohortMembers(input)): CohortReport {
  const { patients, summaries } = members;
  const maxDose = input.maxDose ?? DEFAULT_MAX_DOSE;
  const withoutBaseline = summaries.reduce((count, s) => count + (s.hasBaseline ? 0 : 1), 0);
  return {
    instrument: input.definition.instrument,
    filter: input.filter ?? {},
    n: patients.length,
    withoutBaseline,
    responseByDose: { n: patients.length, definition: 'ittResponse', rows: responseByDose(summaries, maxDose) },
    onset: survivalFigure(
      summaries.map((s, i) => ({ conditions: patients[i]?.conditions ?? [], observation: s.onset })),
      'onsetCurve',
      'no baseline (response cannot be defined)',
    ),
    relief: survivalFigure(
      summaries.map((s, i) => ({ conditions: patients[i]?.conditions ?? [], observation: s.firstRelief })),
      'reliefCurve',
      'no relief episode (never responded, or no baseline)',
    ),
    adverseEvents: adverseEventsPer100Doses(patients),
    boosterRate: boosterRateDistribution(summaries.map((s) => s.boosterRate)),
    costPerResponder: costPerResponder(summaries),
  };
}
