/**
 * `onset check-state` and the server's nightly sample (docs/operations.md "Safety state check"): a
 * patient's alerts and stored basis against a whole-history evaluation, the check that the rules'
 * start from the change (safety/hooks.ts) raised what evaluating everything finds.
 */
import type { Selectable } from 'kysely';
import { alertRepository, episodeOf } from '../alerts/alert.repository.js';
import { raiseNewAlerts } from '../alerts/alert.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { AlertsTable } from '../db/schema.js';
import { inSnapshot, inTransaction } from '../db/transaction.js';
import { patientSummaryRepository } from '../patients/patient-summary.repository.js';
import type { ServiceContext } from '../records/context.js';
import { lockPatient } from '../records/guards.js';
import {
  compareState,
  type MissingEpisode,
  type RaisedAlert,
  type StateComparison,
  type UnexpectedAlert,
} from './compare-state.js';
import { loadHistoryWithAlerts } from './history.service.js';
import { alertInputOf, safetyBasis } from './hooks.js';
import { evaluateSafety, type Finding } from './index.js';
import { safetyStateRepository } from './safety-state.repository.js';
import { resolveSafetySettings } from './settings.js';

/** One patient's stored safety state against a whole-history evaluation. Ids and rules only, no names. */
export interface PatientStateCheck {
  patientId: string;
  /** The patient's last write, as of which the history is evaluated (null: none; then as of now). */
  lastWriteAt: string | null;
  basis: StateComparison['basis'];
  missing: MissingEpisode[];
  /** Alerts whose episode the evaluation does not find: reported, never changed or deleted. */
  unexpected: UnexpectedAlert[];
  mismatch: boolean;
  /** What a repair did (null when none was asked for or none was needed). */
  repaired: { alertsRaised: number; basisStored: boolean } | null;
  /** Whether a mismatch is left after this call: one not repaired, or an alert no cause explains. */
  outstanding: boolean;
}

interface Inspection {
  check: PatientStateCheck;
  missing: Finding[];
  currentBasis: string;
}

/**
 * Reads the patient's history, alerts and basis and evaluates the whole history under the clinic's
 * current settings, as of the patient's last write: the rule that reads the clock (a missed follow-up)
 * then finds what that write's evaluation could see, not what came due since, which the next write raises.
 */
async function inspect(ctx: ServiceContext, patientId: string): Promise<Inspection> {
  const clinic = await getClinic(ctx.db, ctx.clinicId);
  const settings = resolveSafetySettings(clinic.settings.safety ?? {});
  const currentBasis = safetyBasis(settings);
  const order = await safetyStateRepository.writeOrder(ctx.db, ctx.clinicId, patientId);
  const lastWriteAt = latest(
    await safetyStateRepository.lastWriteAt(ctx.db, ctx.clinicId, patientId),
    order.lastWrite?.at ?? null,
  );
  const asOf = lastWriteAt === null ? ctx.now() : new Date(lastWriteAt);
  const { history } = await loadHistoryWithAlerts({ ...ctx, now: () => asOf }, patientId, clinic.timeZone);
  const findings = evaluateSafety(history, settings);
  const alerts = await alertRepository.listForPatient(ctx.db, ctx.clinicId, patientId);
  const comparison = compareState({
    findings,
    alerts: alerts.map((row) => raisedAlert(row, order.alertCreated.get(row.id) ?? null)),
    stored: await safetyStateRepository.state(ctx.db, ctx.clinicId, patientId),
    currentBasis,
    lastWriteAt,
    lastWriteSeq: order.lastWrite?.seq ?? null,
    settingsChangedAt: clinic.updatedAt,
  });
  const missingKeys = new Set(comparison.missing.map((m) => episodeOf(m.rule, m.episodeKey)));
  return {
    check: {
      patientId,
      lastWriteAt,
      ...comparison,
      repaired: null,
      outstanding: comparison.mismatch,
    },
    missing: findings.filter((f) => missingKeys.has(episodeOf(f.rule, f.episodeKey))),
    currentBasis,
  };
}

function raisedAlert(row: Selectable<AlertsTable>, createdSeq: number | null): RaisedAlert {
  return {
    id: row.id,
    rule: row.rule,
    episodeKey: row.episode_key,
    raisedAt: row.raised_at,
    createdAt: row.created_at,
    createdSeq,
  };
}

/** The later of two times (UTC ISO-8601), either of which may be unknown. */
function latest(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** Whether the patient has records whose evaluation stored a basis other than the current one, or none. */
const basisNotCurrent = (check: PatientStateCheck): boolean => check.basis !== 'current' && check.lastWriteAt !== null;

const needsRepair = (found: Inspection): boolean => found.missing.length > 0 || basisNotCurrent(found.check);

const unexplained = (check: PatientStateCheck): boolean => check.unexpected.some((u) => u.cause === 'unexplained');

/**
 * Compares one patient's alerts and stored basis with a whole-history evaluation (no start from a
 * change), on a read-only snapshot. With `repair`, a patient that does not match is checked again in a
 * write transaction holding the patient's lock (as every clinical write takes it): the missing alerts are
 * raised through raiseNewAlerts (audited, urgent ones e-mailed, as any alert), the patient's work-queue
 * row rewritten and the current basis stored. Alerts the evaluation does not find are only reported.
 */
export async function checkPatientState(
  ctx: ServiceContext,
  patientId: string,
  options: { repair: boolean },
): Promise<PatientStateCheck> {
  const found = await inSnapshot(ctx, (tx) => inspect(tx, patientId));
  if (!options.repair || !needsRepair(found)) return found.check;
  return inTransaction(ctx, async (tx) => {
    await lockPatient(tx, patientId);
    // Again under the lock: a write that committed since the snapshot has evaluated the patient itself.
    const now = await inspect(tx, patientId);
    if (!needsRepair(now)) return now.check;
    const raised = await raiseNewAlerts(
      tx,
      patientId,
      now.missing.map((finding) => alertInputOf(patientId, finding)),
    );
    // The work queue counts open alerts from the patient's row, rewritten by every write that raises one.
    if (raised.length > 0)
      await patientSummaryRepository.refresh(tx.db, tx.clinicId, patientId, tx.now().toISOString());
    const basisStored = basisNotCurrent(now.check);
    if (basisStored)
      await safetyStateRepository.setBasis(tx.db, tx.clinicId, patientId, now.currentBasis, tx.now().toISOString());
    return {
      ...now.check,
      repaired: { alertsRaised: raised.length, basisStored },
      outstanding: unexplained(now.check),
    };
  });
}

/** A clinic's patients checked: counts, and the patients that do not match (ids only). */
export interface ClinicStateCheck {
  clinicId: string;
  /** Patients in the clinic. */
  patients: number;
  checked: number;
  consistent: number;
  /** Patients whose state did not match. */
  mismatched: string[];
  /** Patients with a mismatch left after the run (not repaired, or an alert no cause explains). */
  outstanding: string[];
  missingAlerts: number;
  alertsRaised: number;
  /** Patients with records whose stored basis is not the current one. */
  basisNotCurrent: number;
  unexpectedAlerts: number;
  unexplainedAlerts: number;
  /** Patients the check could not evaluate, and why. */
  failed: { patientId: string; message: string }[];
  /** Each patient that did not match or has an alert the evaluation does not find. */
  details: PatientStateCheck[];
}

/** `count` of `ids` picked at random (all of them when there are no more). */
export function sampleOf(ids: readonly string[], count: number, random: () => number = Math.random): string[] {
  const pool = [...ids];
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return pool.slice(0, n);
}

/**
 * Checks every patient of the clinic, or `sample` of them picked at random, each as checkPatientState
 * does (with `repair`, each repaired in its own transaction). A patient that fails is counted and the
 * rest go on.
 */
export async function checkClinicState(
  ctx: ServiceContext,
  options: { sample?: number; repair: boolean; random?: () => number },
): Promise<ClinicStateCheck> {
  await getClinic(ctx.db, ctx.clinicId);
  const ids = await safetyStateRepository.patientIds(ctx.db, ctx.clinicId);
  const chosen = options.sample === undefined ? ids : sampleOf(ids, options.sample, options.random);
  const result: ClinicStateCheck = {
    clinicId: ctx.clinicId,
    patients: ids.length,
    checked: 0,
    consistent: 0,
    mismatched: [],
    outstanding: [],
    missingAlerts: 0,
    alertsRaised: 0,
    basisNotCurrent: 0,
    unexpectedAlerts: 0,
    unexplainedAlerts: 0,
    failed: [],
    details: [],
  };
  for (const patientId of chosen) {
    let check: PatientStateCheck;
    try {
      check = await checkPatientState(ctx, patientId, { repair: options.repair });
    } catch (error) {
      result.failed.push({ patientId, message: error instanceof Error ? error.message : String(error) });
      continue;
    }
    result.checked += 1;
    if (check.mismatch) result.mismatched.push(patientId);
    else result.consistent += 1;
    if (check.outstanding) result.outstanding.push(patientId);
    result.missingAlerts += check.missing.length;
    result.alertsRaised += check.repaired?.alertsRaised ?? 0;
    if (basisNotCurrent(check)) result.basisNotCurrent += 1;
    result.unexpectedAlerts += check.unexpected.length;
    result.unexplainedAlerts += check.unexpected.filter((u) => u.cause === 'unexplained').length;
    if (check.mismatch || check.unexpected.length > 0) result.details.push(check);
  }
  return result;
}
