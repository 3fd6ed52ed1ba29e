import type { Insertable, Selectable } from 'kysely';
import { getClinic } from '../clinics/clinic.service.js';
import type { CoursesTable } from '../db/schema.js';
import type { ServiceContext } from '../records/context.js';
import { newRecordId } from '../shared/ids.js';
import { settleCompletions } from './completions.js';
import { dueRepository } from './due.repository.js';
import { expandSchedule, type DueItem } from './expand.js';
import { DAY_MS } from '../shared/time.js';
import { resolveScheduleSettings } from './schedule-settings.js';
import type { Schedule } from './schedule.schema.js';
import { courseRow, doseTimesOfCourse, scheduledCoursesOfPatient, scheduleRepository } from './schedule.repository.js';
import type { CourseSchedulesTable, DueAssessmentsTable } from '../db/schema.js';

/**
 * How far ahead due items are stored: upcoming ones are listed for the clinic two weeks ahead. The
 * periodic re-expansion (tick.ts) moves the horizon on as time passes, so calendar rhythms never stop.
 */
export const LOOKAHEAD_DAYS = 14;

/**
 * A course marked 'ended' without an end time counts as ended at its last update, so that a calendar
 * rhythm does not run on for a course the clinic has closed.
 */
function courseEnd(course: Selectable<CoursesTable>): string | null {
  return course.ended_at ?? (course.phase === 'ended' ? course.updated_at : null);
}

/**
 * When maintenance began. An explicit date (set with the schedule) wins; otherwise the first time the
 * course is seen in maintenance, which is when the clinician switched it. Back in induction: none.
 */
async function maintenanceStart(
  ctx: ServiceContext,
  course: Selectable<CoursesTable>,
  row: Selectable<CourseSchedulesTable>,
): Promise<string | null> {
  if (course.phase === 'induction') {
    if (row.maintenance_started_at !== null)
      await scheduleRepository.setMaintenanceStart(ctx.db, ctx.clinicId, course.id, null);
    return null;
  }
  if (row.maintenance_started_at !== null) return row.maintenance_started_at;
  const seen = new Date(Math.max(ctx.now().getTime(), Date.parse(course.started_at))).toISOString();
  await scheduleRepository.setMaintenanceStart(ctx.db, ctx.clinicId, course.id, seen);
  return seen;
}

function rowOf(
  ctx: ServiceContext,
  course: Selectable<CoursesTable>,
  item: DueItem,
  now: string,
): Insertable<DueAssessmentsTable> {
  return {
    clinic_id: ctx.clinicId,
    id: newRecordId(),
    patient_id: course.patient_id,
    course_id: course.id,
    key: item.key,
    instrument: item.instrument,
    anchor: JSON.stringify(item.anchor),
    due_at: item.dueAt,
    expires_at: item.expiresAt,
    reminder_at: item.reminderAt,
    completed_at: null,
    assessment_id: null,
    link_id: null,
    created_at: now,
    updated_at: now,
  };
}

/** Whether an open item's stored instrument, anchor or times differ from its re-expansion. */
function moved(stored: Selectable<DueAssessmentsTable>, next: Insertable<DueAssessmentsTable>): boolean {
  return (
    stored.instrument !== next.instrument ||
    stored.anchor !== next.anchor ||
    !sameTime(stored.due_at, next.due_at) ||
    !sameTime(stored.expires_at, next.expires_at ?? null) ||
    !sameTime(stored.reminder_at, next.reminder_at ?? null)
  );
}

/** Two stored times are the same instant (PostgreSQL and SQLite may write the same one differently). */
function sameTime(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : Date.parse(a) === Date.parse(b);
}

/**
 * Re-expands a course's schedule around the doses actually given and stores the result: new items are
 * added, open items move with their dose (same key), open items no longer listed are deleted with their
 * unsent e-mails, and completed items are kept as they are. Then answers already given are matched to
 * the open items. Call it in the transaction of every dose or course write. Returns the course's items.
 */
export async function refreshDue(ctx: ServiceContext, courseId: string): Promise<DueItem[]> {
  const row = await scheduleRepository.findCourseSchedule(ctx.db, ctx.clinicId, courseId, { engine: ctx.engine });
  const course = await courseRow(ctx.db, ctx.clinicId, courseId);
  if (row === undefined || course === undefined) return [];
  const clinic = await getClinic(ctx.db, ctx.clinicId);
  const settings = resolveScheduleSettings(clinic.settings);
  const now = ctx.now();
  const items = expandSchedule({
    schedule: JSON.parse(row.schedule) as Schedule,
    courseStartedAt: course.started_at,
    courseEndedAt: courseEnd(course),
    maintenanceStartedAt: await maintenanceStart(ctx, course, row),
    doses: await doseTimesOfCourse(ctx.db, ctx.clinicId, courseId),
    timeZone: clinic.timeZone,
    until: new Date(now.getTime() + LOOKAHEAD_DAYS * DAY_MS).toISOString(),
    expiryDays: settings.expiryDays,
    reminderDays: settings.reminderDays,
  });
  const stamp = now.toISOString();
  // Written as one diff against what is stored: new items and open items whose times moved, in
  // multi-row statements; open items no longer listed are deleted; answered items are left as they are.
  const stored = await dueRepository.listForCourse(ctx.db, ctx.clinicId, courseId);
  const byKey = new Map(stored.map((r) => [r.key, r]));
  const changed = items
    .map((item) => rowOf(ctx, course, item, stamp))
    .filter((row) => {
      const was = byKey.get(row.key);
      return was === undefined || (was.completed_at === null && moved(was, row));
    });
  await dueRepository.upsertMany(ctx.db, changed);
  const listed = new Set(items.map((i) => i.key));
  const stale = stored.filter((r) => r.completed_at === null && !listed.has(r.key));
  await dueRepository.deleteOpen(
    ctx.db,
    ctx.clinicId,
    stale.map((r) => r.id),
  );
  await settleCompletions(ctx, course.patient_id);
  return items;
}

/**
 * Re-expands every scheduled course of a patient: the hook for dose writes, since an update may move a
 * dose from one course to another and both courses' items change.
 */
export async function refreshDueForPatient(ctx: ServiceContext, patientId: string): Promise<void> {
  for (const courseId of await scheduledCoursesOfPatient(ctx.db, ctx.clinicId, patientId))
    await refreshDue(ctx, courseId);
}
