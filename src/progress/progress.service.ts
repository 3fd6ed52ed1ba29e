import { assessmentService } from '../assessments/assessment.service.js';
import { appendAudit } from '../audit/audit.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import { doseService } from '../doses/dose.service.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../records/record-service.js';
import { patientProgress, type PatientProgress } from './progress.js';

/** A patient's own progress page, read through their progress link; the read is audited against them. */
export async function progressForPatient(ctx: ServiceContext, patientId: string): Promise<PatientProgress> {
  return inTransaction(ctx, async (tx) => {
    const clinic = await getClinic(tx.db, tx.clinicId);
    const doses = await doseService.loadForPatient(tx, patientId);
    const assessments = await assessmentService.loadForPatient(tx, patientId);
    await appendAudit(tx, { action: 'read', entity: 'progress', entityId: null, patientId });
    return patientProgress(doses, assessments, clinic.timeZone);
  });
}
