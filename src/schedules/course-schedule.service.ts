import { Type, type Static } from '@sinclair/typebox';
import type { Selectable } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { CoursesTable } from '../db/schema.js';
import type { ServiceContext } from '../records/context.js';
import { utc } from '../db/columns.js';
import { inTransaction } from '../db/transaction.js';
import { invalid, notFound } from '../shared/errors.js';
import { DateTime, Nullable } from '../shared/schema.js';
import { validate } from '../shared/validate.js';
import { refreshDue } from './refresh-due.js';
import { parseSchedule } from './parse-schedule.js';
import type { Schedule } from './schedule.schema.js';
import { courseRow, scheduleRepository } from './schedule.repository.js';
import { resolveTemplate } from './clinic-templates.service.js';

/** `PUT /courses/:id/schedule`: a template as it is, a template adjusted, or a schedule of the course's own. */
export const CourseScheduleInput = Type.Object(
  {
    templateId: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9][a-z0-9-]{0,59}$',
        description: 'a ready-made or clinic template id, e.g. anxiety-intensive',
      }),
    ),
    schedule: Type.Optional(
      Type.Unknown({
        description: 'the schedule itself (name and items); with templateId, the adjusted copy of that template',
      }),
    ),
    maintenanceStartedAt: Type.Optional(
      Nullable(DateTime('when maintenance began; calendar items that run from maintenance start here')),
    ),
  },
  { additionalProperties: false },
);
export type CourseScheduleInput = Static<typeof CourseScheduleInput>;

export interface CourseSchedule {
  courseId: string;
  patientId: string;
  templateId: string | null;
  schedule: Schedule;
  maintenanceStartedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The course of this clinic, or NOT_FOUND. */
export async function loadCourse(ctx: ServiceContext, courseId: string): Promise<Selectable<CoursesTable>> {
  const course = await courseRow(ctx.db, ctx.clinicId, courseId);
  if (course === undefined) throw notFound('course', courseId);
  return course;
}

async function scheduleOf(ctx: ServiceContext, input: CourseScheduleInput): Promise<Schedule> {
  // With both, the template must exist (it is recorded as the origin) and the schedule is the course's adjusted copy.
  const template = input.templateId === undefined ? undefined : await resolveTemplate(ctx, input.templateId);
  if (input.schedule !== undefined) return parseSchedule(input.schedule);
  if (template !== undefined) return template.schedule;
  throw invalid('templateId', 'give a templateId, a schedule, or both (a template adjusted for this course)');
}

/** Sets the course's schedule (validated) and re-expands its due items in the same transaction. */
export async function setCourseSchedule(ctx: ServiceContext, courseId: string, body: unknown): Promise<CourseSchedule> {
  const input = validate(CourseScheduleInput, body);
  return inTransaction(ctx, async (tx) => {
    const course = await loadCourse(tx, courseId);
    const schedule = await scheduleOf(tx, input);
    const existing = await scheduleRepository.findCourseSchedule(tx.db, tx.clinicId, courseId);
    // The audit entry first: it takes the clinic lock (PostgreSQL) before the course's schedule row, the
    // same order as a dose write, so the two cannot deadlock.
    await appendAudit(tx, {
      action: existing === undefined ? 'create' : 'update',
      entity: 'course-schedule',
      entityId: courseId,
      patientId: course.patient_id,
      detail: { templateId: input.templateId ?? null, adjusted: input.schedule !== undefined },
    });
    const now = tx.now().toISOString();
    const maintenance =
      input.maintenanceStartedAt === undefined
        ? (existing?.maintenance_started_at ?? null)
        : input.maintenanceStartedAt === null
          ? null
          : utc(input.maintenanceStartedAt);
    await scheduleRepository.saveCourseSchedule(tx.db, {
      clinic_id: tx.clinicId,
      course_id: courseId,
      template_id: input.templateId ?? null,
      schedule: JSON.stringify(schedule),
      maintenance_started_at: maintenance,
      created_at: existing?.created_at ?? now,
      updated_at: now,
    });
    await refreshDue(tx, courseId);
    return getCourseScheduleIn(tx, courseId);
  });
}

async function getCourseScheduleIn(ctx: ServiceContext, courseId: string): Promise<CourseSchedule> {
  const course = await loadCourse(ctx, courseId);
  const row = await scheduleRepository.findCourseSchedule(ctx.db, ctx.clinicId, courseId);
  if (row === undefined) throw notFound('schedule of course', courseId);
  return {
    courseId,
    patientId: course.patient_id,
    templateId: row.template_id,
    schedule: JSON.parse(row.schedule) as Schedule,
    maintenanceStartedAt: row.maintenance_started_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The course's schedule; NOT_FOUND when the course has none yet. */
export async function getCourseSchedule(ctx: ServiceContext, courseId: string): Promise<CourseSchedule> {
  return inTransaction(ctx, async (tx) => {
    const schedule = await getCourseScheduleIn(tx, courseId);
    await appendAudit(tx, {
      action: 'read',
      entity: 'course-schedule',
      entityId: courseId,
      patientId: schedule.patientId,
    });
    return schedule;
  });
}
