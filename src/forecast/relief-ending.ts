/**
 * "Relief likely ending" (docs/outcomes.md "Forecast", "In the work queue"): for every patient whose
 * relief after their latest dose still held at their last check-in, when it is predicted to end. Pure;
 * computed with the clinic's fit (fitClinicForecast), so a request only reads it.
 */
import { DAY_MS } from '../shared/time.js';
import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import { reliefForecastFor } from './patient-forecast.js';
import type { FittedClinicModels, ReliefEnding } from './types.js';

/** Every patient in holding relief after their latest dose, with the predicted end of it; none without a model. */
export function reliefEndings(clinic: FittedClinicModels, patients: readonly CohortPatientInput[]): ReliefEnding[] {
  if (clinic.relief === null) return [];
  return patients.flatMap((patient): ReliefEnding[] => {
    const { relief } = reliefForecastFor(clinic, patient);
    if (relief === null) return [];
    return [
      {
        patientId: patient.patientId,
        dose: relief.dose,
        doseAt: relief.doseAt,
        medianEndAt: relief.doseAt + (relief.elapsedDays + relief.remainingMedianDays) * DAY_MS,
        nextSessionFrom: relief.nextSessionFrom,
        nextSessionTo: relief.nextSessionTo,
        basis: relief.basis,
      },
    ];
  });
}
