/**
 * Types of the forecast (docs/outcomes.md "Forecast"): a model of how long relief lasts after a dose,
 * fitted on a clinic's relief episodes with a per-patient random effect, the per-patient forecast it
 * gives after the latest dose, and the "keep going?" figures for a patient who has not yet responded.
 * Times are epoch milliseconds; durations are fractional days (a day is 86,400 seconds).
 */
import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import type { OutcomeDefinition } from '../outcomes/types.js';

export type ReliefDistribution = 'lognormal' | 'weibull';
/**
 * A family to fit, or `auto`: both, keeping the one with the higher marginal likelihood (docs/outcomes.md "Forecast").
 */
export type DistributionChoice = ReliefDistribution | 'auto';

/**
 * One relief episode as the model reads it (docs/outcomes.md "Relief episode after dose k"). The true
 * end lies after `lowerDays` (the last responding assessment) and, for an event, at or before
 * `upperDays` (the first non-responding one, the episode's contract length); `upperDays` is null when
 * relief was never lost in the window (right-censored at `lowerDays`).
 */
export interface EpisodeObservation {
  patientId: string;
  /** 1-based dose number the episode follows. */
  dose: number;
  condition: string;
  route: string;
  lowerDays: number;
  upperDays: number | null;
}

/** A fitted model: the clinic's typical relief and how far patients differ from it. */
export interface ReliefModel {
  distribution: ReliefDistribution;
  /** Covariate names in coefficient order: '(Intercept)', 'condition=gad', 'route=im', 'dose', … */
  terms: string[];
  coefficients: number[];
  /** log of the AFT scale σ (survreg's "Log(scale)"). */
  logScale: number;
  /** SD of the per-patient random effect on log relief length; 0 without frailty. */
  frailtySd: number;
  /** Reference levels (absorbed in the intercept) and the levels the model knows. */
  levels: { condition: string[]; route: string[] };
  /** Mean dose number the 'dose' covariate is centred on. */
  doseCentre: number;
  /**
   * The clinic's patients, episodes and events; fitPatients / fitEpisodes: how many of them the population
   * parameters were fitted on (all, or a sample of a large clinic: docs/outcomes.md "Forecast").
   */
  n: { patients: number; episodes: number; events: number; fitPatients: number; fitEpisodes: number };
  logLikelihood: number;
  converged: boolean;
}

/** Why no relief forecast is shown for a patient, in words the UI shows as they are. */
export type NoReliefReason =
  | { code: 'no-dose'; text: string }
  | { code: 'no-baseline'; text: string }
  | { code: 'awaiting-check-in'; text: string }
  | { code: 'no-response'; text: string }
  | { code: 'relief-ended'; text: string; endedAt: number }
  | { code: 'no-model'; text: string }
  | { code: 'model-pending'; text: string };

export interface ReliefForecast {
  /**
   * 'patient' when the patient's own episodes informed it; 'cohort' when it is the clinic's prediction for their
   * condition and route.
   */
  basis: 'patient' | 'cohort';
  /** Says which, and with how many of the patient's episodes. */
  basisText: string;
  patientEpisodes: number;
  /** The latest dose (1-based) and when it was given. */
  dose: number;
  doseAt: number;
  /** Predicted length of relief after that dose: median and 80% prediction interval (10th–90th percentile). */
  medianDays: number;
  lowerDays: number;
  upperDays: number;
  /** Days relief has already held (last responding assessment − dose time). */
  elapsedDays: number;
  /** Remaining days given it has held `elapsedDays`: median and 80% interval (conditional survival). */
  remainingMedianDays: number;
  remainingLowerDays: number;
  remainingUpperDays: number;
  /** P(relief still holds 7 / 14 days after the dose | it held `elapsedDays`). */
  pStill7: number;
  pStill14: number;
  /** "Next session likely needed between …": dose time + elapsed + the remaining 80% interval. */
  nextSessionFrom: number;
  nextSessionTo: number;
}

export interface KeepGoingRow {
  /** Dose number k + j. */
  byDose: number;
  /** P(first response by dose byDose | no response after k doses): product-limit estimate. */
  p: number;
  /**
   * 95% confidence interval (Greenwood, log-log scale as R's survfit). Null where R gives NA: when p is
   * 0 (no one at risk has responded yet) or 1 (everyone has).
   */
  lower: number | null;
  upper: number | null;
  /** Patients at risk at dose byDose: judged at that dose and no response before it. */
  n: number;
}

export type KeepGoingResult =
  | { status: 'estimated'; afterDoses: number; n: number; rows: KeepGoingRow[] }
  | { status: 'too-few'; afterDoses: number; n: number; minPatients: number; text: string };

/** The forecast of one patient on one instrument. */
export interface PatientForecast {
  patientId: string;
  instrument: string;
  relief: ReliefForecast | null;
  /** Set exactly when `relief` is null. */
  noRelief: NoReliefReason | null;
  /** Null when the patient has responded (or has no dose): the question does not arise. */
  keepGoing: KeepGoingResult | null;
}

/** What every forecast entry point (service, CLI, bench) feeds the forecast: the cohort report's patient input. */
export interface ForecastCohortInput {
  definition: OutcomeDefinition;
  patients: readonly CohortPatientInput[];
}

/** A patient's doses-to-onset as "keep going?" reads it (docs/outcomes.md "Keep going?"). */
export interface DosesToOnset {
  patientId: string;
  /**
   * The last dose (1-based) whose window holds at least one complete assessment, counted up to the onset
   * dose; 0 when nothing can be judged (no baseline, or no response definition).
   */
  dosesJudged: number;
  /** The 1-based dose whose window first holds a response; null if none has. */
  onsetDose: number | null;
}

/** The covariates of the episode to predict. */
export interface EpisodeCovariates {
  condition: string;
  route: string;
  dose: number;
}

/** The predictive distribution of one episode's length for one patient. */
export interface EpisodePrediction {
  basis: 'patient' | 'cohort';
  /** The patient's earlier episodes that informed it. */
  patientEpisodes: number;
  /** P(length > days), given it has held `heldDays` (1 at or before `heldDays`). */
  survival(days: number): number;
  /** The length by which a fraction p of such episodes have ended, given it has held `heldDays`. */
  quantile(p: number): number;
}

/**
 * One patient's forecast as the API sends it (GET /api/v1/patients/:id/forecast): times as ISO strings, with the
 * model's n.
 */
export interface PatientForecastView {
  patientId: string;
  instrument: string;
  relief:
    | (Omit<NonNullable<PatientForecast['relief']>, 'doseAt' | 'nextSessionFrom' | 'nextSessionTo'> & {
        doseAt: string;
        nextSessionFrom: string;
        nextSessionTo: string;
      })
    | null;
  noRelief: { code: string; text: string; endedAt?: string } | null;
  keepGoing: PatientForecast['keepGoing'];
  model: {
    distribution: string;
    patients: number;
    episodes: number;
    events: number;
    fitPatients: number;
    fitEpisodes: number;
    frailtySd: number;
    fittedAt: string;
  } | null;
}

/** One reliability bin of the clinic's past forecasts (docs/outcomes.md "Forecast: how far to trust it"). */
export interface CalibrationBin {
  /** Mean predicted P(relief still holds 7 days after the dose) of the forecasts in the bin. */
  predicted: number;
  /** Share of them whose observed episode held to day 7. */
  observed: number;
  /** Forecasts in the bin (only those whose day-7 answer is known). */
  n: number;
}

/**
 * The calibration of a clinic's own past forecasts on one instrument: its backtest on its own relief
 * episodes (src/forecast/calibration.ts), or why there is none.
 */
export type ClinicCalibration =
  | {
      status: 'ready';
      /** Forecasts made: every relief episode after a patient's first. */
      forecasts: number;
      /** Patients with at least one forecast. */
      patients: number;
      /** Relief episodes in the clinic. */
      episodes: number;
      bins: CalibrationBin[];
      /** The 80% interval judged on observed episodes: `judged` forecasts whose end is known inside or outside. */
      coverage: { judged: number; inside: number; share: number | null; target: number };
    }
  | { status: 'too-few' | 'unavailable'; episodes: number; patients: number; text: string };

/** A number as published to a reader: a researcher reads a small cell as its label, e.g. "suppressed (n < 11)". */
type Cell = number | `suppressed (n < ${number})`;

/**
 * GET /api/v1/cohort/forecast-calibration: the calibration as this reader may see it, or that the fit is still running.
 */
export type CalibrationView =
  | { status: 'pending'; instrument: string; text: string }
  | {
      status: 'too-few' | 'unavailable';
      instrument: string;
      fittedAt: string;
      episodes: Cell;
      patients: Cell;
      text: string;
    }
  | {
      status: 'ready';
      instrument: string;
      fittedAt: string;
      forecasts: Cell;
      patients: Cell;
      episodes: Cell;
      bins: { predicted: Cell; observed: Cell; n: Cell; suppressed?: string }[];
      coverage: { judged: Cell; inside: Cell; share: Cell | null; target: number; suppressed?: string };
      /** The small-cell rule applied for this reader, or null (clinicians and admins). */
      suppression: { minCellSize: number; label: string } | null;
    };

export interface ForecastOptions {
  distribution: DistributionChoice;
  /** Fewest patients at risk for a "keep going?" figure (default 20). */
  minPatients: number;
}

/** The clinic's fitted models, which a patient's forecast reads (src/forecast/patient-forecast.ts). */
export interface FittedClinicModels {
  definition: OutcomeDefinition;
  relief: ReliefModel | null;
  /** Every patient's doses-to-onset, for "keep going?". */
  onsets: DosesToOnset[];
  fittedAt: number;
  options: ForecastOptions;
}

/** A patient in holding relief after their latest dose, and when it is predicted to end (relief-ending.ts). */
export interface ReliefEnding {
  patientId: string;
  /** The latest dose (1-based) and when it was given: the dose this prediction was made after. */
  dose: number;
  doseAt: number;
  /** Dose time + the median of S(t | h), the length given relief held h days (the conditional median end). */
  medianEndAt: number;
  /** The 80% window of that end (10th–90th percentile of S(t | h)), as the patient's forecast's next session window. */
  nextSessionFrom: number;
  nextSessionTo: number;
  basis: 'patient' | 'cohort';
}

/** A clinic's fitted forecast on one instrument: what a request reads (computed by fitClinicForecast). */
export interface ClinicForecast extends FittedClinicModels {
  /** The clinic's own past forecasts against what followed (calibration.ts), computed with the fit. */
  calibration: ClinicCalibration;
  /** Every patient in holding relief after their latest dose, with its predicted end. */
  reliefEndings: ReliefEnding[];
}
