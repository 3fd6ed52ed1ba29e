import { assessmentService } from '../assessments/assessment.service.js';
import { appendAudit, inAuditedRead } from '../audit/audit.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import { doseService } from '../doses/dose.service.js';
import { cachedClinicForecast } from '../patients/forecast-cache.js';
import { forecastSettingsOf } from '../patients/forecast-settings.js';
import { forecastInputOf, RELIEF_INSTRUMENT } from '../patients/patient-forecast.service.js';
import { patientService } from '../patients/patient.service.js';
import type { ServiceContext } from '../records/context.js';
import { patientProgress, type PatientProgress } from './progress.js';
import { reliefSentence } from './relief-sentence.js';

export interface PatientProgressView extends PatientProgress {
  /**
   * "For you, relief after a session has usually lasted about X to Y days." when the clinic shows it (docs/outcomes.md
   * "Forecast").
   */
  relief: string | null;
}

/**
 * A patient's own progress page, read through their progress link; the read is audited against them.
 * The relief sentence is computed only when the clinic's forecast settings turn it on.
 */
export async function progressForPatient(ctx: ServiceContext, patientId: string): Promise<PatientProgressView> {
  const { progress, reliefInput } = await inAuditedRead(ctx, async (tx) => {
    const clinic = await getClinic(tx.db, tx.clinicId);
    const doses = await doseService.loadForPatient(tx, patientId);
    const assessments = await assessmentService.loadForPatient(tx, patientId);
    await appendAudit(tx, { action: 'read', entity: 'progress', entityId: null, patientId });
    const [patient] = forecastSettingsOf(clinic).showOnProgressPage
      ? await patientService.loadForPatient(tx, patientId)
      : [];
    return {
      progress: patientProgress(doses, assessments, clinic.timeZone),
      reliefInput: patient === undefined ? null : forecastInputOf(patient, doses, assessments, RELIEF_INSTRUMENT),
    };
  });
  // Outside the transaction: a missing fit starts from the root context (forecast-cache.ts); until it is there, no
  // sentence.
  const clinicForecast = reliefInput === null ? null : cachedClinicForecast(ctx, RELIEF_INSTRUMENT);
  return {
    ...progress,
    relief: clinicForecast === null || reliefInput === null ? null : reliefSentence(clinicForecast, reliefInput),
  };
}
