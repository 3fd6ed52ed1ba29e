/**
 * A patient's relief episodes as the relief-duration model reads them (docs/outcomes.md "Relief episode
 * after dose k" and "Forecast"). The episodes are the outcome engine's; the model also keeps what the
 * contract's single length leaves out: relief was still there at the last responding assessment, so an
 * episode whose end was seen ended between that assessment (lowerDays) and the first non-responding one
 * (upperDays, the contract's length); an episode never seen to end is right-censored at its last
 * assessment (lowerDays, the contract's length).
 */
import { DEFAULT_OUTCOME_OPTIONS } from '../outcomes/options.js';
import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import { buildCourse, completeAssessments, doseWindow, type PatientCourse } from '../outcomes/patient/course.js';
import { DAY_MS } from '../shared/time.js';
import type { OutcomeDefinition, OutcomeOptions } from '../outcomes/types.js';
import type { EpisodeObservation } from './types.js';

/** What is known about relief after one dose. */
export type DoseRelief =
  | { state: 'no-assessment' }
  | { state: 'no-response' }
  | { state: 'lost'; observation: EpisodeObservation; lostAt: number }
  | { state: 'holding'; observation: EpisodeObservation };

export interface PatientEpisodes {
  course: PatientCourse;
  /** Doses in time order with their routes. */
  doses: { at: number; route: string }[];
  condition: string;
  /** Per dose, in dose order. */
  relief: DoseRelief[];
}

/** The patient's primary condition as the model reads it. */
export function primaryCondition(patient: CohortPatientInput): string {
  return patient.conditions[0] ?? 'unknown';
}

/** Every dose's relief, from the outcome engine's course of the patient on this instrument. */
export function patientEpisodes(
  definition: OutcomeDefinition,
  patient: CohortPatientInput,
  options?: Partial<OutcomeOptions>,
): PatientEpisodes {
  const doses = [...patient.doses].sort((a, b) => a.at - b.at).map((d) => ({ at: d.at, route: d.route }));
  const { times, totals } = completeAssessments(patient.assessments);
  const baselineWindowDays = options?.baselineWindowDays ?? DEFAULT_OUTCOME_OPTIONS.baselineWindowDays;
  const course = buildCourse(
    definition,
    doses.map((d) => d.at),
    times,
    totals,
    baselineWindowDays,
  );
  const condition = primaryCondition(patient);
  const relief = doses.map((dose, k): DoseRelief => {
    const { start, end } = doseWindow(course, k);
    if (end <= start) return { state: 'no-assessment' };
    const responds = course.responds;
    if (responds === null) return { state: 'no-response' };
    const base = { patientId: patient.patientId, dose: k + 1, condition, route: dose.route };
    let responded = false;
    for (let i = start; i < end; i++) {
      if (responds[i] === true) responded = true;
      else if (responded) {
        const lostAt = course.times[i] ?? dose.at;
        const lowerDays = ((course.times[i - 1] ?? dose.at) - dose.at) / DAY_MS;
        return { state: 'lost', lostAt, observation: { ...base, lowerDays, upperDays: (lostAt - dose.at) / DAY_MS } };
      }
    }
    if (!responded) return { state: 'no-response' };
    return {
      state: 'holding',
      observation: { ...base, lowerDays: ((course.times[end - 1] ?? dose.at) - dose.at) / DAY_MS, upperDays: null },
    };
  });
  return { course, doses, condition, relief };
}

/** A patient's relief episodes as the model reads them, in dose order. */
export function reliefObservations(
  definition: OutcomeDefinition,
  patient: CohortPatientInput,
  options?: Partial<OutcomeOptions>,
): EpisodeObservation[] {
  return episodeObservations(patientEpisodes(definition, patient, options));
}

/** The relief episodes of an analysed patient, in dose order. */
export function episodeObservations(episodes: PatientEpisodes): EpisodeObservation[] {
  return episodes.relief.flatMap((r) => (r.state === 'lost' || r.state === 'holding' ? [r.observation] : []));
}

/**
 * The relief episodes after every dose but the latest: the patient's own history for a forecast after the latest dose.
 */
export function earlierEpisodes(episodes: PatientEpisodes): EpisodeObservation[] {
  return episodeObservations({ ...episodes, relief: episodes.relief.slice(0, -1) });
}
