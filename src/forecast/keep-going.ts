import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import { resolveOptions } from '../outcomes/options.js';
import {
  buildCourse,
  completeAssessments,
  doseWindow,
  sortedDoseTimes,
  type PatientCourse,
} from '../outcomes/patient/course.js';
import type { OutcomeDefinition, OutcomeOptions } from '../outcomes/types.js';
import { invalid } from '../shared/errors.js';
import { kaplanMeier, type KmRow, type SurvivalObservation } from '../stats/kaplan-meier.js';
import type { DosesToOnset, KeepGoingResult, KeepGoingRow } from './types.js';

/** docs/outcomes.md "Keep going?": fewer patients at risk than this and no figure is shown. */
export const KEEP_GOING_MIN_PATIENTS = 20;
/** docs/outcomes.md "Keep going?": rows for doses k + 1 … k + 4 unless told otherwise. */
export const KEEP_GOING_HORIZON = 4;

/**
 * A patient's doses-to-onset (docs/outcomes.md "Keep going?"). Dose k's window is the complete
 * assessments strictly after dose k and before dose k + 1 (the last dose's window runs to the end of
 * follow-up). `onsetDose` is the first dose whose window holds a response (response as the outcome
 * engine defines it, against the baseline). `dosesJudged` is the number of the last dose whose window
 * holds at least one complete assessment, counted up to the onset dose and no further (after a response
 * the question no longer arises). Without a baseline, or on an instrument without a response definition,
 * nothing can be judged: dosesJudged 0 and no onset.
 */
export function dosesToOnset(
  definition: OutcomeDefinition,
  patient: CohortPatientInput,
  options?: Partial<OutcomeOptions>,
): DosesToOnset {
  const { baselineWindowDays } = resolveOptions(options);
  const { times, totals } = completeAssessments(patient.assessments);
  return dosesToOnsetOfCourse(
    patient.patientId,
    buildCourse(definition, sortedDoseTimes(patient.doses), times, totals, baselineWindowDays),
  );
}

/** dosesToOnset from the patient's course, when it is already built (as patientEpisodes builds it). */
export function dosesToOnsetOfCourse(patientId: string, course: PatientCourse): DosesToOnset {
  // buildCourse leaves responds null without a baseline or a response definition.
  const responds = course.responds;
  if (responds === null) {
    return { patientId, dosesJudged: 0, onsetDose: null };
  }
  let dosesJudged = 0;
  for (let k = 0; k < course.doseTimes.length; k++) {
    const { start, end } = doseWindow(course, k);
    if (end <= start) continue;
    dosesJudged = k + 1;
    if (responds.slice(start, end).includes(true)) {
      return { patientId, dosesJudged, onsetDose: k + 1 };
    }
  }
  return { patientId, dosesJudged, onsetDose: null };
}

export interface KeepGoingOptions {
  /** Fewest patients at risk after k doses for a figure (default 20). */
  minPatients?: number;
  /** How many doses ahead to estimate (default 4). */
  horizon?: number;
}

function checkCount(field: string, value: number, least: number): void {
  if (!(Number.isInteger(value) && value >= least)) {
    throw invalid(field, `${value} is not a whole number ≥ ${least}`);
  }
}

/**
 * The patients at risk after k doses without response, as survival observations on a time axis of
 * doses after k: a patient who responded at dose m > k is an event at m − k; one who has not responded
 * is censored at (last judged dose) − k, so a patient who stopped is never counted as a failure.
 */
export function atRiskAfter(onsets: readonly DosesToOnset[], k: number): SurvivalObservation[] {
  const observations: SurvivalObservation[] = [];
  for (const { dosesJudged, onsetDose } of onsets) {
    if (dosesJudged < k) continue;
    if (onsetDose !== null && onsetDose <= k) continue;
    observations.push(
      onsetDose === null ? { time: dosesJudged - k, event: false } : { time: onsetDose - k, event: true },
    );
  }
  return observations;
}

/** The Kaplan–Meier row in force at time j (the last row at or before j), or null before the first row. */
function rowAt(table: readonly KmRow[], j: number): KmRow | null {
  let found: KmRow | null = null;
  for (const row of table) {
    if (row.time > j) break;
    found = row;
  }
  return found;
}

/**
 * "Keep going?" (docs/outcomes.md "Keep going?"): after k = afterDoses doses without response, the
 * chance of a first response by dose k + j, j = 1 … horizon. At risk after k: judged through dose k and
 * no response by dose k. At dose m the hazard is (responders at m) / (at risk at m: judged dose m, no
 * response before m); patients who stopped are censored. p(by k + j) = 1 − Π (1 − h_m), the
 * product-limit (Kaplan–Meier) estimate computed by `kaplanMeier` with doses after k as the time, and
 * its 95% CI is Greenwood's on the log(−log S) scale, as R's survfit(conf.type = "log-log"), with the
 * bounds of S turned into bounds of 1 − S. Rows stop at the first dose with no one at risk. Fewer than
 * minPatients at risk after k gives 'too-few' and no number.
 */
export function keepGoing(
  onsets: readonly DosesToOnset[],
  afterDoses: number,
  options: KeepGoingOptions = {},
): KeepGoingResult {
  const minPatients = options.minPatients ?? KEEP_GOING_MIN_PATIENTS;
  const horizon = options.horizon ?? KEEP_GOING_HORIZON;
  checkCount('afterDoses', afterDoses, 0);
  checkCount('minPatients', minPatients, 1);
  checkCount('horizon', horizon, 1);
  const observations = atRiskAfter(onsets, afterDoses);
  const n = observations.length;
  if (n < minPatients) {
    const text =
      `Too few patients (n = ${n}) in this clinic have had ${afterDoses} doses without response to ` +
      `estimate this; at least ${minPatients} are needed.`;
    return { status: 'too-few', afterDoses, n, minPatients, text };
  }
  const km = kaplanMeier(observations, { confType: 'log-log' });
  const rows: KeepGoingRow[] = [];
  for (let j = 1; j <= horizon; j++) {
    const atRisk = observations.filter((o) => o.time >= j).length;
    if (atRisk === 0) break;
    const row = rowAt(km.table, j);
    rows.push({
      byDose: afterDoses + j,
      p: row === null ? 0 : 1 - row.survival,
      lower: row?.upper == null ? null : 1 - row.upper,
      upper: row?.lower == null ? null : 1 - row.lower,
      n: atRisk,
    });
  }
  return { status: 'estimated', afterDoses, n, rows };
}
