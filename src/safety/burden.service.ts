/**
 * The alert burden of a clinic's records (docs/safety.md "Alert burden"): every patient's whole history
 * evaluated by the safety rules under the clinic's settings, as `onset check-state` does, without writing
 * anything. Read a patient at a time; used by `npm run bench:alerts` and the rate test.
 */
import { getClinic } from '../clinics/clinic.service.js';
import { patientRepository } from '../patients/patient.repository.js';
import type { ServiceContext } from '../records/context.js';
import { alertBurden, followUpMonths, type AlertBurden } from './burden.js';
import { loadHistoryWithAlerts } from './history.service.js';
import { evaluateSafety, type Finding } from './index.js';
import { resolveSafetySettings } from './settings.js';

export interface PatientFindings {
  findings: Finding[];
  months: number;
}

/** Every dosed patient's findings over their whole history, and their months of follow-up. */
export async function clinicFindings(ctx: ServiceContext): Promise<PatientFindings[]> {
  const clinic = await getClinic(ctx.db, ctx.clinicId);
  const settings = resolveSafetySettings(clinic.settings.safety ?? {});
  const patients: PatientFindings[] = [];
  for (const patient of await patientRepository.list(ctx.db, ctx.clinicId, { limit: 1_000_000, offset: 0 })) {
    const { history } = await loadHistoryWithAlerts(ctx, patient.id, clinic.timeZone);
    if (history.doses.length === 0) continue;
    patients.push({ findings: evaluateSafety(history, settings), months: followUpMonths(history) });
  }
  return patients;
}

export async function clinicAlertBurden(ctx: ServiceContext): Promise<AlertBurden> {
  return alertBurden(await clinicFindings(ctx));
}
