import type { AssessmentInput, DoseInput, OutcomeDefinition, OutcomeOptions } from '../types.js';
import type { OutcomeMetricKey } from '../definitions.js';
import type { Proportion } from '../../stats/wilson.js';
import type { KmResult, LogRankResult } from './stats.js';

export interface CohortDoseInput extends DoseInput {
  route: string;
  setting: string;
}

export interface CohortPatientInput {
  patientId: string;
  conditions: readonly string[];
  doses: readonly CohortDoseInput[];
  assessments: readonly AssessmentInput[];
  defaultPriceUsd: number | null;
  adverseEvents: readonly { category: string; at: number }[];
}

/**
 * Who is in the cohort (docs/outcomes.md "Cohort": "every patient with at least one dose in the period"):
 * patients with the condition (if given) who had at least one dose in [from, to) given by the route and
 * in the setting (if given) — one dose meeting all three. Patients without doses are never in it. Every
 * figure then uses all of a member's records, including doses outside the period.
 */
export interface CohortFilter {
  condition?: string;
  route?: string;
  setting?: string;
  from?: number;
  to?: number;
}

export interface CohortReportInput {
  definition: OutcomeDefinition;
  patients: readonly CohortPatientInput[];
  filter?: CohortFilter;
  options?: Partial<OutcomeOptions>;
  /** Report response and remission after doses 1…maxDose (default 8). */
  maxDose?: number;
}

/** Every figure carries its n and the key of its plain-words definition in OUTCOME_DEFINITIONS. */
export interface Figure {
  n: number;
  definition: OutcomeMetricKey;
}

export interface RateByDose {
  response: Proportion & Figure;
  remission: Proportion & Figure;
}

export interface DoseRow {
  /** 1-based dose number. */
  dose: number;
  itt: RateByDose;
  perProtocol: RateByDose;
}

export interface CurveGroup {
  condition: string;
  n: number;
  curve: KmResult;
}

export interface SurvivalFigure extends Figure {
  /** The curve over every included patient; null when nobody is included. */
  overall: KmResult | null;
  byCondition: CurveGroup[];
  /** Log-rank test across conditions with at least one patient; null with fewer than 2 such groups. */
  logRank: LogRankResult | null;
  /** Why there is no log-rank test (fewer than 2 groups, no events, singular variance), else null. */
  logRankUnavailable: string | null;
  /** Patients of the cohort left out of this curve, and why. */
  excluded: { reason: string; count: number }[];
  note: string;
}

export interface AdverseEventRow {
  category: string;
  count: number;
  per100Doses: number;
}

export interface AdverseEventFigure extends Figure {
  /** Doses given to the cohort (the denominator; also `n`). */
  doses: number;
  events: number;
  byCategory: AdverseEventRow[];
}

export interface HistogramBin {
  /** Inclusive lower edge, doses per 30 days. */
  from: number;
  /** Exclusive upper edge; null for the open last bin. */
  to: number | null;
  count: number;
}

export interface BoosterRateFigure extends Figure {
  median: number | null;
  bins: HistogramBin[];
  /** Cohort patients followed for 30 days or less (left out). */
  excludedShortFollowUp: number;
}

export interface CostPerResponderFigure extends Figure {
  valueUsd: number | null;
  /** Total cost of every ITT patient; null when any patient's cost is unknown. */
  totalCostUsd: number | null;
  responders: number;
  patientsWithUnknownCost: number;
}

export interface CohortReport {
  instrument: string;
  filter: CohortFilter;
  /** Patients in the cohort (the ITT denominator). */
  n: number;
  /** Cohort patients without a baseline (counted as non-responders in ITT). */
  withoutBaseline: number;
  responseByDose: Figure & { rows: DoseRow[] };
  onset: SurvivalFigure;
  relief: SurvivalFigure;
  adverseEvents: AdverseEventFigure;
  boosterRate: BoosterRateFigure;
  costPerResponder: CostPerResponderFigure;
}
