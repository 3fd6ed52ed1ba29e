import type { Selectable } from 'kysely';
import { appendAudit, appendAuditEntries, auditPatientRead, inAuditedRead } from '../audit/audit.service.js';
import type { AlertsTable } from '../db/schema.js';
import { enqueueAlertMail } from '../mail/alert-mail.js';
import { patientSummaryRepository } from '../patients/patient-summary.repository.js';
import type { ServiceContext } from '../records/context.js';
import { lockPatient, requirePatient } from '../records/guards.js';
import { parseJson, utc } from '../db/columns.js';
import { inTransaction } from '../db/transaction.js';
import { invalidMany, OnsetError, notFound } from '../shared/errors.js';
import { newRecordId } from '../shared/ids.js';
import { validate } from '../shared/validate.js';
import { alertRepository, type AlertFilter } from './alert.repository.js';
import { AlertInput, AlertTransition, type Alert } from './alert.schema.js';
import { resolutionProblems } from './resolution.js';

/** Display names of the staff who acted on alerts, by user id. */
type StaffNames = ReadonlyMap<string, string>;

function fromRow(row: Selectable<AlertsTable>, names: StaffNames = new Map()): Alert {
  const nameOf = (id: string | null): string | null => (id === null ? null : (names.get(id) ?? null));
  return {
    id: row.id,
    clinicId: row.clinic_id,
    patientId: row.patient_id,
    rule: row.rule,
    severity: row.severity as Alert['severity'],
    status: row.status as Alert['status'],
    episodeKey: row.episode_key,
    raisedAt: row.raised_at,
    evidence: parseJson(row.evidence),
    acknowledgedBy: row.acknowledged_by,
    acknowledgedByName: nameOf(row.acknowledged_by),
    acknowledgedAt: row.acknowledged_at,
    acknowledgeComment: row.acknowledge_comment,
    resolvedBy: row.resolved_by,
    resolvedByName: nameOf(row.resolved_by),
    resolvedAt: row.resolved_at,
    resolveComment: row.resolve_comment,
    resolveFollowUp: row.resolve_follow_up as Alert['resolveFollowUp'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Rows to alerts, with the names of the staff who acknowledged or closed them (one query for all). */
async function withNames(ctx: ServiceContext, rows: readonly Selectable<AlertsTable>[]): Promise<Alert[]> {
  const ids = new Set(
    rows.flatMap((r) => [r.acknowledged_by, r.resolved_by]).filter((id): id is string => id !== null),
  );
  const names =
    ids.size === 0 ? new Map<string, string>() : await alertRepository.staffNames(ctx.db, ctx.clinicId, [...ids]);
  return rows.map((row) => fromRow(row, names));
}

async function load(ctx: ServiceContext, id: string): Promise<Alert> {
  const row = await alertRepository.findById(ctx.db, ctx.clinicId, id);
  if (row === undefined) throw notFound('alert', id);
  const [alert] = await withNames(ctx, [row]);
  if (alert === undefined) throw notFound('alert', id);
  return alert;
}

/**
 * Raises an alert once per rule and episode: a second raise of the same episode returns the alert
 * already there and writes nothing.
 */
export async function raiseAlert(ctx: ServiceContext, body: unknown): Promise<{ alert: Alert; created: boolean }> {
  const input = validate(AlertInput, body);
  return inTransaction(ctx, async (tx) => {
    await requirePatient(tx, input.patientId);
    const [alert] = await raiseNewAlerts(tx, input.patientId, [input]);
    if (alert !== undefined) {
      await patientSummaryRepository.refresh(tx.db, tx.clinicId, input.patientId, tx.now().toISOString());
      return { alert, created: true };
    }
    const existing = await alertRepository.findEpisode(tx.db, tx.clinicId, input);
    if (existing === undefined) throw new Error(`alert ${input.rule} ${input.episodeKey} was neither raised nor found`);
    return { alert: fromRow(existing), created: false };
  });
}

/**
 * Raises the alerts of one patient whose episodes are not raised yet, in one multi-row insert that skips
 * raised episodes (alert.repository.ts insertNew), each audited and, when urgent, queued for e-mail. The
 * caller has checked the patient (a clinical write holds its lock). Returns the alerts it raised, in the
 * order of `inputs`.
 */
export async function raiseNewAlerts(
  ctx: ServiceContext,
  patientId: string,
  inputs: readonly AlertInput[],
): Promise<Alert[]> {
  if (inputs.length === 0) return [];
  return inTransaction(ctx, async (tx) => {
    const now = tx.now().toISOString();
    const rows = inputs.map((input) => ({
      clinic_id: tx.clinicId,
      id: newRecordId(),
      patient_id: patientId,
      rule: input.rule,
      severity: input.severity,
      status: 'open',
      episode_key: input.episodeKey,
      raised_at: utc(input.raisedAt),
      evidence: JSON.stringify(input.evidence),
      acknowledged_by: null,
      acknowledged_at: null,
      acknowledge_comment: null,
      resolved_by: null,
      resolved_at: null,
      resolve_comment: null,
      resolve_follow_up: null,
      created_at: now,
      updated_at: now,
    }));
    const order = new Map(rows.map((row, i) => [row.id, i]));
    const stored = (await alertRepository.insertNew(tx.db, rows)).sort(
      (a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
    );
    await appendAuditEntries(
      tx,
      stored.map((row) => ({
        action: 'create',
        entity: 'alert',
        entityId: row.id,
        patientId,
        detail: { rule: row.rule },
        storedRow: row,
      })),
    );
    const alerts = stored.map((row) => fromRow(row));
    // Urgent alerts are e-mailed to the clinic's clinicians (when SMTP is configured), queued in this transaction.
    for (const alert of alerts) await enqueueAlertMail(tx, alert);
    return alerts;
  });
}

export async function getAlert(ctx: ServiceContext, id: string): Promise<Alert> {
  return inAuditedRead(ctx, async (tx) => {
    const alert = await load(tx, id);
    await appendAudit(tx, { action: 'read', entity: 'alert', entityId: id, patientId: alert.patientId });
    return alert;
  });
}

export async function listAlerts(ctx: ServiceContext, filter: Partial<AlertFilter> = {}): Promise<Alert[]> {
  return inAuditedRead(ctx, async (tx) => {
    const rows = await alertRepository.search(tx.db, tx.clinicId, { limit: 100, offset: 0, ...filter });
    const alerts = await withNames(tx, rows);
    await auditPatientRead(tx, {
      action: 'list',
      entity: 'alert',
      patientIds: alerts.map((a) => a.patientId),
      requestedPatientId: filter.patientId ?? null,
    });
    return alerts;
  });
}

/**
 * open → acknowledged → resolved (an open alert may also be resolved directly); who, when and why are
 * kept. Closing an urgent alert needs a note and the follow-up taken (src/alerts/resolution.ts).
 */
export async function transitionAlert(
  ctx: ServiceContext,
  id: string,
  to: 'acknowledged' | 'resolved',
  body: unknown,
): Promise<Alert> {
  const input = validate(AlertTransition, body ?? {});
  const comment = input.comment?.trim() ?? '';
  const followUp = input.followUp ?? null;
  return inTransaction(ctx, async (tx) => {
    let alert = await load(tx, id);
    // The patient's lock orders this change with the patient's writes that raise alerts, so the
    // work-queue row written last counts both (patients/patient-summary.repository.ts).
    if (tx.engine === 'postgres') {
      await lockPatient(tx, alert.patientId);
      alert = await load(tx, id);
    }
    const allowed = to === 'acknowledged' ? alert.status === 'open' : alert.status !== 'resolved';
    if (!allowed) throw new OnsetError('CONFLICT', `alert ${id} is ${alert.status} and cannot become ${to}`);
    const now = tx.now().toISOString();
    if (to === 'resolved') {
      // The screen is looked up only when it is the follow-up claimed.
      const cssrsSinceRaised =
        followUp === 'cssrs-screen' &&
        (await alertRepository.hasCssrsSince(tx.db, tx.clinicId, alert.patientId, alert.raisedAt));
      const problems = resolutionProblems({ ...alert, cssrsSinceRaised }, { comment, followUp });
      if (problems.length > 0) throw invalidMany(problems);
    }
    const note = comment === '' ? null : comment;
    const patch =
      to === 'acknowledged'
        ? { status: to, acknowledged_by: tx.actor.id, acknowledged_at: now, acknowledge_comment: note, updated_at: now }
        : {
            status: to,
            resolved_by: tx.actor.id,
            resolved_at: now,
            resolve_comment: note,
            resolve_follow_up: followUp,
            updated_at: now,
          };
    await alertRepository.update(tx.db, tx.clinicId, id, patch);
    await appendAudit(tx, {
      action: 'update',
      entity: 'alert',
      entityId: id,
      patientId: alert.patientId,
      detail: { status: to, ...(followUp === null ? {} : { followUp }) },
    });
    await patientSummaryRepository.refresh(tx.db, tx.clinicId, alert.patientId, now);
    return load(tx, id);
  });
}
