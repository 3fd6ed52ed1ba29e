import { alertRepository, episodeOf } from '../alerts/alert.repository.js';
import { raiseAlert } from '../alerts/alert.service.js';
import type { Alert } from '../alerts/alert.schema.js';
import { adverseEventService } from '../adverse-events/adverse-event.service.js';
import { loadAssessmentsForSafety } from '../assessments/assessment.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import { courseService } from '../courses/course.service.js';
import { doseService } from '../doses/dose.service.js';
import { medicationService } from '../medications/medication.service.js';
import { patientService } from '../patients/patient.service.js';
import { followUpsForSafety } from '../schedules/due-list.service.js';
import type { ServiceContext } from '../records/context.js';
import { notFound } from '../shared/errors.js';
import { evaluateSafety } from './index.js';
import { resolveSafetySettings } from './settings.js';
import type { SafetyHistory } from './types.js';

/** One patient's whole history as the safety rules read it. */
export async function loadSafetyHistory(
  ctx: ServiceContext,
  patientId: string,
  timeZone: string,
): Promise<SafetyHistory> {
  const [patient] = await patientService.loadForPatient(ctx, patientId);
  if (patient === undefined) throw notFound('patient', patientId);
  return {
    patient,
    courses: await courseService.loadForPatient(ctx, patientId),
    doses: await doseService.loadForPatient(ctx, patientId),
    assessments: await loadAssessmentsForSafety(ctx, patientId),
    adverseEvents: await adverseEventService.loadForPatient(ctx, patientId),
    medications: await medicationService.loadForPatient(ctx, patientId),
    followUps: await followUpsForSafety(ctx, patientId, timeZone),
    timeZone,
    now: ctx.now(),
  };
}

/**
 * Runs every safety rule over the patient's history and raises an alert for each new episode. Call it
 * inside the transaction of the write that may trigger a rule, so the record and its alerts commit
 * together. Returns the alerts raised by this call (episodes already alerted are not raised again).
 */
export async function raiseSafetyAlerts(ctx: ServiceContext, patientId: string): Promise<Alert[]> {
  const clinic = await getClinic(ctx.db, ctx.clinicId);
  const history = await loadSafetyHistory(ctx, patientId, clinic.timeZone);
  const settings = resolveSafetySettings(clinic.settings.safety ?? {});
  // The rules find every episode of the whole history; only those not yet alerted are raised, so a
  // write's statements do not grow with the findings the patient ever had.
  const alerted = await alertRepository.episodesOfPatient(ctx.db, ctx.clinicId, patientId);
  const raised: Alert[] = [];
  for (const finding of evaluateSafety(history, settings)) {
    if (alerted.has(episodeOf(finding.rule, finding.episodeKey))) continue;
    const { alert, created } = await raiseAlert(ctx, {
      patientId,
      rule: finding.rule,
      severity: finding.severity,
      episodeKey: finding.episodeKey,
      raisedAt: finding.raisedAt,
      evidence: { ...finding.evidence },
    });
    if (created) raised.push(alert);
  }
  return raised;
}
