import type { Alert } from '../alerts/alert.schema.js';
import { patientSummaryRepository } from '../patients/patient-summary.repository.js';
import type { ServiceContext } from './context.js';

/**
 * What a clinical write runs in its own transaction once the record is stored: the safety rules over the
 * patient's whole history, raising an alert for each new episode (safety/hooks.ts). The record services
 * sit below the safety rules' history reads, so they call this hook point and the composition root
 * (src/app/compose.ts) wires the rules in. A write before that wiring fails instead of skipping the rules.
 */
export type ClinicalWriteHook = (ctx: ServiceContext, patientId: string, changedFrom?: string) => Promise<Alert[]>;

let clinicalWriteHook: ClinicalWriteHook | null = null;

export function wireClinicalWriteHook(hook: ClinicalWriteHook): void {
  clinicalWriteHook = hook;
}

/**
 * Runs the safety rules for `patientId` inside the caller's transaction, then rewrites the patient's
 * work-queue row (patients/patient-summary.repository.ts) from what the write and its alerts left;
 * returns the alerts it raised. The caller holds the patient's lock (records/guards.ts).
 * `changedFrom`: the write appended a record at this time and changed nothing earlier (a new dose or
 * questionnaire), so the rules may start from there (safety/types.ts SafetyHistory.changedFrom).
 */
export async function afterClinicalWrite(
  ctx: ServiceContext,
  patientId: string,
  changedFrom?: string,
): Promise<Alert[]> {
  if (clinicalWriteHook === null)
    throw new Error('the safety rules are not wired into clinical writes: build Onset through src/app/compose.ts');
  const raised = await clinicalWriteHook(ctx, patientId, changedFrom);
  await patientSummaryRepository.refresh(ctx.db, ctx.clinicId, patientId, ctx.now().toISOString());
  return raised;
}
