/**
 * One patient's forecast from the clinic's fitted models (docs/outcomes.md "Forecast" and "Keep going?"):
 * the relief forecast after their latest dose, or why there is none, and "keep going?" before a first
 * response. Pure; reads the models and the patient's own records.
 */
import { DAY_MS } from '../shared/time.js';
import { CONDITION_WORDS, ROUTE_WORDS, vocabularyWords } from '../shared/vocabulary.js';
import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import { earlierEpisodes, patientEpisodes } from './episodes.js';
import { dosesToOnset, keepGoing } from './keep-going.js';
import { predictEpisode } from './predict.js';
import { MIN_MODEL_EPISODES, MIN_MODEL_EVENTS } from './relief-model.js';
import type { FittedClinicModels, KeepGoingResult, NoReliefReason, PatientForecast, ReliefForecast } from './types.js';

/** The relief part of one patient's forecast at `now`: a forecast while relief holds, else why not. */
export function reliefForecastFor(
  clinic: FittedClinicModels,
  patient: CohortPatientInput,
): { relief: ReliefForecast | null; noRelief: NoReliefReason | null } {
  const episodes = patientEpisodes(clinic.definition, patient);
  const last = episodes.relief.length - 1;
  const lastDose = episodes.doses[last];
  const state = episodes.relief[last];
  const why = (reason: NoReliefReason): { relief: null; noRelief: NoReliefReason } => ({
    relief: null,
    noRelief: reason,
  });
  if (lastDose === undefined || state === undefined)
    return why({ code: 'no-dose', text: 'No dose recorded yet, so there is no relief to forecast.' });
  if (episodes.course.baseline === null || episodes.course.responds === null) {
    return why({
      code: 'no-baseline',
      text: 'No baseline score before the first dose, so response (and relief) cannot be judged on this instrument.',
    });
  }
  if (state.state === 'no-assessment')
    return why({
      code: 'awaiting-check-in',
      text: `No check-in since dose ${last + 1} yet; the forecast appears once a check-in shows relief.`,
    });
  if (state.state === 'no-response')
    return why({
      code: 'no-response',
      text: `No check-in since dose ${last + 1} has shown a response, so the patient is not in relief.`,
    });
  if (state.state === 'lost') {
    return why({
      code: 'relief-ended',
      endedAt: state.lostAt,
      text: `Relief after dose ${last + 1} has ended: the check-in of ${new Date(state.lostAt).toISOString().slice(0, 10)} no longer showed a response.`,
    });
  }
  const model = clinic.relief;
  if (model === null) {
    return why({
      code: 'no-model',
      text: `Too few relief episodes in this clinic to fit a model: at least ${MIN_MODEL_EPISODES}, with ${MIN_MODEL_EVENTS} whose end was seen, are needed.`,
    });
  }
  const history = earlierEpisodes(episodes);
  const covariates = { condition: episodes.condition, route: lastDose.route, dose: last + 1 };
  const fresh = predictEpisode(model, history, covariates, 0);
  const elapsed = state.observation.lowerDays;
  const held = predictEpisode(model, history, covariates, elapsed);
  const remainingLower = held.quantile(0.1);
  const remainingUpper = held.quantile(0.9);
  const basis = fresh.basis;
  return {
    noRelief: null,
    relief: {
      basis,
      basisText:
        basis === 'patient'
          ? `Based on this patient's ${history.length} earlier relief episode${history.length === 1 ? '' : 's'} and the clinic's ${model.n.episodes} (${model.n.patients} patients).`
          : `No earlier relief episodes of this patient yet: this is the clinic's prediction for ${vocabularyWords(CONDITION_WORDS, episodes.condition)}, ${vocabularyWords(ROUTE_WORDS, lastDose.route)} (${model.n.episodes} episodes, ${model.n.patients} patients).`,
      patientEpisodes: history.length,
      dose: last + 1,
      doseAt: lastDose.at,
      medianDays: fresh.quantile(0.5),
      lowerDays: fresh.quantile(0.1),
      upperDays: fresh.quantile(0.9),
      elapsedDays: elapsed,
      remainingMedianDays: held.quantile(0.5) - elapsed,
      remainingLowerDays: remainingLower - elapsed,
      remainingUpperDays: remainingUpper - elapsed,
      pStill7: held.survival(7),
      pStill14: held.survival(14),
      nextSessionFrom: lastDose.at + remainingLower * DAY_MS,
      nextSessionTo: lastDose.at + remainingUpper * DAY_MS,
    },
  };
}

/**
 * "Keep going?" for a patient who has had judged doses and no response yet (docs/outcomes.md "Keep
 * going?"), from the clinic's doses-to-onset; null once they have responded or before any judged dose.
 */
export function keepGoingFor(clinic: FittedClinicModels, patient: CohortPatientInput): KeepGoingResult | null {
  const own = dosesToOnset(clinic.definition, patient);
  if (own.onsetDose !== null || own.dosesJudged === 0) return null;
  return keepGoing(clinic.onsets, own.dosesJudged, { minPatients: clinic.options.minPatients });
}

/** One patient's forecast from the clinic's fitted forecast. */
export function forecastFor(clinic: FittedClinicModels, patient: CohortPatientInput): PatientForecast {
  const { relief, noRelief } = reliefForecastFor(clinic, patient);
  return {
    patientId: patient.patientId,
    instrument: clinic.definition.instrument,
    relief,
    noRelief,
    keepGoing: keepGoingFor(clinic, patient),
  };
}
