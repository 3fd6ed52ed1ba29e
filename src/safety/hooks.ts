import { episodeOf } from '../alerts/alert.repository.js';
import { raiseNewAlerts } from '../alerts/alert.service.js';
import type { Alert } from '../alerts/alert.schema.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { loadHistoryWithAlerts } from './history.service.js';
import { evaluateSafety } from './index.js';
import { resolveSafetySettings } from './settings.js';

/**
 * Runs every safety rule over the patient's history and raises an alert for each new episode. Call it
 * inside the transaction of the write that may trigger a rule, so the record and its alerts commit
 * together. Returns the alerts raised by this call (episodes already alerted are not raised again).
 */
export async function raiseSafetyAlerts(ctx: ServiceContext, patientId: string): Promise<Alert[]> {
  const clinic = await getClinic(ctx.db, ctx.clinicId);
  const { history, alerted } = await loadHistoryWithAlerts(ctx, patientId, clinic.timeZone);
  const settings = resolveSafetySettings(clinic.settings.safety ?? {});
  // The rules find every episode of the whole history; only those not yet alerted are raised, so a
  // write's statements do not grow with the findings the patient ever had.
  const fresh = evaluateSafety(history, settings).filter(
    (finding) => !alerted.has(episodeOf(finding.rule, finding.episodeKey)),
  );
  return raiseNewAlerts(
    ctx,
    patientId,
    fresh.map((finding) => ({
      patientId,
      rule: finding.rule,
      severity: finding.severity,
      episodeKey: finding.episodeKey,
      raisedAt: finding.raisedAt,
      evidence: { ...finding.evidence },
    })),
  );
}
