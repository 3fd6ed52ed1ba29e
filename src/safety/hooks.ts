import { episodeOf } from '../alerts/alert.repository.js';
import { raiseNewAlerts } from '../alerts/alert.service.js';
import type { Alert, AlertInput } from '../alerts/alert.schema.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { loadHistoryWithAlerts } from './history.service.js';
import { evaluateSafety, SAFETY_RULES_VERSION, type Finding } from './index.js';
import { safetyStateRepository } from './safety-state.repository.js';
import { resolveSafetySettings, type SafetySettings } from './settings.js';

/**
 * The basis a whole-history evaluation holds under: the rules' version (SAFETY_RULES_VERSION) and the
 * settings the rules that start from a change read across the history (the baseline window). While a
 * patient's stored basis equals it, the last evaluation saw everything but the new record.
 */
export function safetyBasis(settings: SafetySettings): string {
  return JSON.stringify({ rules: SAFETY_RULES_VERSION, baselineWindowDays: settings.baselineWindowDays });
}

/**
 * Runs the safety rules over the patient's history and raises an alert for each new episode. Call it
 * inside the transaction of the write that may trigger a rule, so the record and its alerts commit
 * together. Returns the alerts raised by this call (episodes already alerted are not raised again).
 *
 * `changedFrom`: the write added a record at this time and changed nothing else. The rules then start
 * from it (SafetyHistory.changedFrom) — but only while the patient's stored basis (migration 0011) says
 * the last evaluation saw the rest under the same rules and settings; otherwise, and after any other
 * write, the whole history is evaluated and the basis stored.
 */
export async function raiseSafetyAlerts(
  ctx: ServiceContext,
  patientId: string,
  changedFrom?: string,
): Promise<Alert[]> {
  const clinic = await getClinic(ctx.db, ctx.clinicId);
  const loaded = await loadHistoryWithAlerts(ctx, patientId, clinic.timeZone);
  const settings = resolveSafetySettings(clinic.settings.safety ?? {});
  const basis = safetyBasis(settings);
  const fromChange = changedFrom !== undefined && loaded.basis === basis;
  const history = fromChange ? { ...loaded.history, changedFrom } : loaded.history;
  if (loaded.basis !== basis)
    await safetyStateRepository.setBasis(ctx.db, ctx.clinicId, patientId, basis, ctx.now().toISOString());
  // Only episodes not yet alerted are raised, so a write's statements do not grow with the findings the
  // patient ever had.
  const fresh = evaluateSafety(history, settings).filter(
    (finding) => !loaded.alerted.has(episodeOf(finding.rule, finding.episodeKey)),
  );
  return raiseNewAlerts(
    ctx,
    patientId,
    fresh.map((finding) => alertInputOf(patientId, finding)),
  );
}

/** The alert a finding raises. */
export function alertInputOf(patientId: string, finding: Finding): AlertInput {
  return {
    patientId,
    rule: finding.rule,
    severity: finding.severity,
    episodeKey: finding.episodeKey,
    raisedAt: finding.raisedAt,
    evidence: { ...finding.evidence },
  };
}
