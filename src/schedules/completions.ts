import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { completeAnswers, dueRepository, type DueRow } from './due.repository.js';
import type { DueAnchor, DueItem } from './expand.js';
import { resolveScheduleSettings } from './schedule-settings.js';
import { dueStatuses } from './status.js';
import { HOUR_MS } from '../shared/time.js';

/**
 * Which answer closes which due item, kept in the database. A completion is a fact: once an item is
 * closed by an assessment it stays closed. Open items are matched with the pure rule of status.ts
 * (an answer in the item's window, one answer per item, items served by due time), with one exception
 * that makes e-mailed links exact: an answer submitted through the link e-mailed for an item closes
 * that item, provided it came before the item expired.
 */

/** A stored row as the pure functions read it; the key carries the course so keys stay unique per patient. */
export function dueItemOf(row: DueRow): DueItem {
  return {
    key: `${row.course_id}/${row.key}`,
    instrument: row.instrument,
    dueAt: row.due_at,
    expiresAt: row.expires_at,
    reminderAt: row.reminder_at,
    anchor: JSON.parse(row.anchor) as DueAnchor,
  };
}

interface Answer {
  id: string;
  instrument: string;
  at: string;
}

/** The open item whose e-mailed link the acting patient used, closed by that answer. */
async function closeLinked(
  ctx: ServiceContext,
  open: DueRow[],
  answers: Answer[],
  answerId: string | undefined,
): Promise<DueRow | null> {
  if (ctx.actor.type !== 'patient-link' || ctx.actor.id === null || answerId === undefined) return null;
  const item = open.find((r) => r.link_id === ctx.actor.id);
  const answer = answers.find((a) => a.id === answerId);
  if (item === undefined || answer === undefined || answer.instrument !== item.instrument) return null;
  if (item.expires_at !== null && Date.parse(answer.at) > Date.parse(item.expires_at)) return null;
  await dueRepository.complete(ctx.db, ctx.clinicId, item.id, {
    at: answer.at,
    assessmentId: answer.id,
    now: ctx.now().toISOString(),
  });
  return item;
}

/**
 * Matches the patient's unused complete answers to their open due items and stores each match.
 * `answerId`: the assessment just written (its e-mailed link, if any, decides its item). Returns the
 * number of items closed.
 */
export async function settleCompletions(ctx: ServiceContext, patientId: string, answerId?: string): Promise<number> {
  const rows = await dueRepository.listForPatient(ctx.db, ctx.clinicId, patientId);
  let open = rows.filter((r) => r.completed_at === null);
  // A patient with nothing open (no schedule, or every item answered) has nothing to settle.
  if (open.length === 0) return 0;
  const used = new Set(rows.map((r) => r.assessment_id).filter((id): id is string => id !== null));
  const clinic = await getClinic(ctx.db, ctx.clinicId);
  const settings = resolveScheduleSettings(clinic.settings);
  // No open item's window starts before its due time less the grace (status.ts inWindow), so older answers
  // can close nothing and are not read: the read covers the open stretch of the schedule, not the history.
  // The answer just written is read whenever it was completed: its e-mailed link may close its item.
  const earliestDue = Math.min(...open.map((r) => Date.parse(r.due_at)));
  const from = new Date(earliestDue - settings.graceBeforeHours * HOUR_MS).toISOString();
  const answers = (await completeAnswers(ctx.db, ctx.clinicId, patientId, { from, alsoId: answerId })).filter(
    (a) => !used.has(a.id),
  );
  if (answers.length === 0) return 0;
  let closed = 0;
  const linked = await closeLinked(ctx, open, answers, answerId);
  if (linked !== null) {
    closed += 1;
    open = open.filter((r) => r.id !== linked.id);
    answers.splice(
      answers.findIndex((a) => a.id === answerId),
      1,
    );
  }
  // Every stored answer counts, even one stamped a little ahead of this clock (devices differ by minutes).
  const now = Math.max(ctx.now().getTime(), ...answers.map((a) => Date.parse(a.at)));
  const statuses = dueStatuses(open.map(dueItemOf), answers, new Date(now).toISOString(), clinic.timeZone, {
    graceBeforeHours: settings.graceBeforeHours,
  });
  const free = [...answers];
  for (const [i, status] of statuses.entries()) {
    const row = open[i];
    if (status.completedAt === null || row === undefined) continue;
    const at = Date.parse(status.completedAt);
    const index = free.findIndex((a) => a.instrument === row.instrument && Date.parse(a.at) === at);
    const answer = free[index];
    if (answer === undefined) continue;
    free.splice(index, 1);
    if (
      await dueRepository.complete(ctx.db, ctx.clinicId, row.id, {
        at: answer.at,
        assessmentId: answer.id,
        now: ctx.now().toISOString(),
      })
    )
      closed += 1;
  }
  return closed;
}

/**
 * Closes the due item an assessment answers (hook on assessment writes, in the same transaction).
 * Incomplete assessments close nothing. Returns the number of items closed.
 */
export async function closeDue(
  ctx: ServiceContext,
  assessment: { id: string; patientId: string; complete: boolean },
): Promise<number> {
  if (!assessment.complete) return 0;
  return settleCompletions(ctx, assessment.patientId, assessment.id);
}
