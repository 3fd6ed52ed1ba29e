/**
 * "On the patient's progress page" (docs/outcomes.md "Forecast"): how long this patient's relief after a
 * session has usually lasted, from the clinic's model moved by their own earlier relief episodes. Plain
 * words, never advice and never a date.
 */
import { earlierEpisodes, patientEpisodes } from '../forecast/episodes.js';
import { predictEpisode } from '../forecast/predict.js';
import type { FittedClinicModels } from '../forecast/types.js';
import type { CohortPatientInput } from '../outcomes/cohort/types.js';

/**
 * "For you, relief after a session has usually lasted about X to Y days.": X and Y the 25th and 75th
 * percentiles of the predicted length of relief after the latest dose (its condition and route), rounded
 * to whole days (at least 1). Null without a model or without an earlier relief episode of the patient's own.
 */
export function reliefSentence(
  clinic: Pick<FittedClinicModels, 'definition' | 'relief'>,
  patient: CohortPatientInput,
): string | null {
  if (clinic.relief === null) return null;
  const episodes = patientEpisodes(clinic.definition, patient);
  const last = episodes.doses.length - 1;
  const lastDose = episodes.doses[last];
  if (lastDose === undefined) return null;
  const history = earlierEpisodes(episodes);
  const prediction = predictEpisode(
    clinic.relief,
    history,
    { condition: episodes.condition, route: lastDose.route, dose: last + 1 },
    0,
  );
  if (prediction.basis !== 'patient') return null;
  const days = (p: number): number => Math.max(1, Math.round(prediction.quantile(p)));
  const [from, to] = [days(0.25), days(0.75)];
  const span = from === to ? `${from} day${from === 1 ? '' : 's'}` : `${from} to ${to} days`;
  return `For you, relief after a session has usually lasted about ${span}.`;
}
