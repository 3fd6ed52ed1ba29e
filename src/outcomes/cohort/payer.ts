import type { FormsOnTime } from '../../rems/monitoring.js';
import { DAY_MS } from '../../shared/time.js';
import { wilsonProportion, type Proportion } from '../../stats/wilson.js';
import type { OutcomeDefinitionText, OutcomeMetricKey } from '../definitions.js';
import type { OutcomeDefinition } from '../types.js';
import type { CohortPatientSummary } from './patient-summary.js';
import type { AdverseEventFigure, CostPerResponderFigure, Figure, RateByDose } from './types.js';

/** The induction series a dropout is measured against unless the report asks for another (docs/outcomes.md). */
export const DEFAULT_INDUCTION_DOSES = 6;
/** A patient short of the induction series whose last dose is older than this has dropped out. */
export const DROPOUT_GAP_DAYS = 30;

export interface DropoutFigure extends Figure {
  /** Dropouts ÷ every patient who started (intention to treat), with its 95% Wilson interval. */
  share: Proportion;
  inductionDoses: number;
  gapDays: number;
  /** Patients who received the whole induction series. */
  completedInduction: number;
  /** Patients short of the series whose last dose is recent: not counted as dropouts. */
  stillInInduction: number;
}

/**
 * Dropout — docs/outcomes.md "Outcomes for payers": a patient who started (intention to treat) and received
 * fewer doses than the induction series, with the last dose more than 30 days before the report was made.
 * Every patient who started is in the denominator.
 */
export function dropoutFigure(
  summaries: readonly CohortPatientSummary[],
  asOf: number,
  inductionDoses = DEFAULT_INDUCTION_DOSES,
): DropoutFigure {
  let dropouts = 0;
  let completed = 0;
  let ongoing = 0;
  const gapStart = asOf - DROPOUT_GAP_DAYS * DAY_MS;
  for (const s of summaries) {
    if (s.doseCount >= inductionDoses) completed++;
    else if (s.lastDoseAt !== null && s.lastDoseAt < gapStart) dropouts++;
    else ongoing++;
  }
  return {
    n: summaries.length,
    definition: 'dropout',
    share: wilsonProportion(dropouts, summaries.length),
    inductionDoses,
    gapDays: DROPOUT_GAP_DAYS,
    completedInduction: completed,
    stillInInduction: ongoing,
  };
}

export interface CohortCostPerReliefDayFigure extends Figure {
  valueUsd: number | null;
  totalCostUsd: number | null;
  /** Days in response summed over every patient who started; a patient without a baseline adds none. */
  reliefDays: number;
  patientsWithUnknownCost: number;
}

/**
 * Cost per relief-day of the cohort — docs/outcomes.md "Outcomes for payers": the total cost of every patient
 * who started ÷ their days in response (relief coverage). Unknown when any patient's cost is unknown (a
 * partial sum would understate it) or when nobody had a day in response.
 */
export function cohortCostPerReliefDay(summaries: readonly CohortPatientSummary[]): CohortCostPerReliefDayFigure {
  let total = 0;
  let unknown = 0;
  let days = 0;
  for (const s of summaries) {
    if (s.costUsd === null) unknown++;
    else total += s.costUsd;
    days += s.inResponseDays ?? 0;
  }
  const totalCostUsd = unknown > 0 ? null : total;
  return {
    n: summaries.length,
    definition: 'cohortCostPerReliefDay',
    valueUsd: totalCostUsd !== null && days > 0 ? totalCostUsd / days : null,
    totalCostUsd,
    reliefDays: days,
    patientsWithUnknownCost: unknown,
  };
}

export interface RemsFormsOnTimeFigure extends Figure, FormsOnTime {
  /** On time ÷ judged, with its 95% Wilson interval. */
  share: Proportion;
}

export interface PayerReport {
  clinic: { name: string; timeZone: string };
  /** True when the clinic holds synthetic (demo) patients: the report says so on every page. */
  synthetic: boolean;
  instrument: { id: string; name: string };
  definition: OutcomeDefinition;
  period: { from: string; to: string };
  asOf: string;
  /** Patients who started in the period (the ITT denominator). */
  n: number;
  withoutBaseline: number;
  responseByDose: { dose: number; itt: RateByDose }[];
  dropout: DropoutFigure;
  costPerReliefDay: CohortCostPerReliefDayFigure;
  costPerResponder: CostPerResponderFigure;
  adverseEvents: AdverseEventFigure;
  remsFormsOnTime: RemsFormsOnTimeFigure;
  /** The plain-words definition of every figure in the report, keyed as each figure's `definition`. */
  definitions: Partial<Record<OutcomeMetricKey, OutcomeDefinitionText>>;
}
