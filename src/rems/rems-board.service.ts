import { auditPatientRead, inAuditedRead } from '../audit/audit.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { addDays, localDateOf, localTimeToInstant } from '../shared/time-zone.js';
import { DAY_MS } from '../shared/time.js';
import { FORM_DUE_DAYS, formDeadline } from './monitoring.js';
import { countOverdueForms, listBoardRows } from './rems-session.repository.js';
import type { RemsBoard, RemsBoardItem } from './rems-view.schema.js';

export type { RemsBoard, RemsBoardItem } from './rems-view.schema.js';

/** Onset's choice (docs/rems.md): the board keeps submitted forms for 30 days after their session. */
export const SUBMITTED_SHOWN_DAYS = 30;

/**
 * The first instant at which a form with no submission is overdue for a dose given before it: the clinic's
 * midnight starting today's date minus the 7 days (a dose on the 5th is overdue from the 13th).
 */
export function overdueBefore(now: Date, timeZone: string): string {
  const today = localDateOf(now.getTime(), timeZone);
  return new Date(localTimeToInstant(addDays(today, -FORM_DUE_DAYS), '00:00', timeZone)).toISOString();
}

/** The clinic's REMS forms by status: overdue past 7 days, due within 2 days, due, submitted. An audited read. */
export async function remsBoard(ctx: ServiceContext): Promise<RemsBoard> {
  return inAuditedRead(ctx, async (tx) => {
    const { timeZone } = await getClinic(tx.db, tx.clinicId);
    const now = tx.now();
    const since = new Date(now.getTime() - SUBMITTED_SHOWN_DAYS * DAY_MS).toISOString();
    const rows = await listBoardRows(tx.db, tx.clinicId, since);
    const board: RemsBoard = { overdue: [], dueSoon: [], due: [], submitted: [] };
    for (const row of rows) {
      const deadline = formDeadline({ givenAt: row.given_at, now, submittedAt: row.form_submitted_at, timeZone });
      const item: RemsBoardItem = {
        sessionId: row.id,
        doseId: row.dose_id,
        patientId: row.patient_id,
        patientLabel: row.patient_label,
        givenAt: row.given_at,
        mg: row.mg,
        dueDate: deadline.dueDate,
        daysLeft: deadline.daysLeft,
        status: deadline.status,
        submittedAt: row.form_submitted_at,
      };
      const group = { overdue: board.overdue, 'due-soon': board.dueSoon, due: board.due, submitted: board.submitted };
      group[deadline.status].push(item);
    }
    // Most urgent first: the oldest overdue form, then the nearest due date.
    board.overdue.reverse();
    board.dueSoon.reverse();
    board.due.reverse();
    await auditPatientRead(tx, {
      action: 'list',
      entity: 'rems-session',
      patientIds: rows.map((r) => r.patient_id),
    });
    return board;
  });
}

/** Overdue REMS forms per patient of a work-queue page, and the clinic's total. Read in the caller's snapshot. */
export async function overdueFormCounts(
  tx: ServiceContext,
  timeZone: string,
  patientIds: readonly string[],
): Promise<{ perPatient: Map<string, number>; total: number }> {
  const before = overdueBefore(tx.now(), timeZone);
  const perPatient = await countOverdueForms(tx.db, tx.clinicId, before, patientIds);
  const total = (await countOverdueForms(tx.db, tx.clinicId, before)).get('') ?? 0;
  return { perPatient, total };
}
