/**
 * Types of the outcome engine. Times are epoch milliseconds; durations are fractional days (a day is
 * 86,400 seconds — docs/outcomes.md "Notation"). Every instrument scores "higher = worse".
 */

/** One instrument's outcome thresholds (taken from the instrument library, overridable per clinic). */
export interface OutcomeDefinition {
  instrument: string;
  /** Response = total ≤ baseline × (1 − r); null when the instrument has no response definition. */
  responseFraction: number | null;
  /** Remission = total ≤ m; null when the instrument has no remission cut-off. */
  remissionMax: number | null;
  /** Reliable change = a change of at least R points; null when the instrument has none. */
  reliableChange: number | null;
}

export interface OutcomeOptions {
  /** How far before the first dose a baseline may lie (docs/outcomes.md default: 14 days). */
  baselineWindowDays: number;
  /** Longest interval one assessment may speak for in relief coverage (docs/outcomes.md default: 7 days). */
  coverageCapDays: number;
}

export interface DoseInput {
  at: number;
  priceUsd: number | null;
}

export interface AssessmentInput {
  at: number;
  total: number | null;
  complete: boolean;
}

export interface PatientOutcomeInput {
  definition: OutcomeDefinition;
  doses: readonly DoseInput[];
  assessments: readonly AssessmentInput[];
  defaultPriceUsd: number | null;
  options?: Partial<OutcomeOptions>;
}

export type ReliableChange = 'improved' | 'deteriorated' | 'none';

export interface Baseline {
  at: number;
  total: number;
}

/** One assessment as shown: outcome fields are null where docs/outcomes.md does not define them. */
export interface AssessmentOutcome {
  at: number;
  total: number | null;
  change: number | null;
  percentChange: number | null;
  response: boolean | null;
  remission: boolean | null;
  reliable: ReliableChange | null;
}

export interface Onset {
  hours: number;
  days: number;
  doses: number;
}

export interface ReliefEpisode {
  /** 1-based dose number. */
  dose: number;
  days: number;
  /** True when relief was never lost before the next dose (or the end of follow-up). */
  censored: boolean;
}

export interface ToleranceSignal {
  durationSlope: number | null;
  durationLower: number | null;
  durationUpper: number | null;
  depthSlope: number | null;
  depthLower: number | null;
  depthUpper: number | null;
  flag: boolean | null;
}

export interface PatientOutcomes {
  instrument: string;
  /** t1, the first dose (null without doses); not in the CLI output, used to line up instruments. */
  firstDoseAt: number | null;
  baseline: Baseline | null;
  assessments: AssessmentOutcome[];
  onset: Onset | null;
  reliefEpisodes: ReliefEpisode[];
  coverage: number | null;
  inResponseDays: number | null;
  dosesPer30Days: number | null;
  maxDosesIn30Days: number;
  costToDate: number | null;
  costPerReliefDay: number | null;
  tolerance: ToleranceSignal;
}
