import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Engine } from '../db/database.js';
import type { CoursesTable, Database } from '../db/schema.js';
import type { ClinicScheduleTemplatesTable, CourseSchedulesTable } from '../db/schema.js';

/** SQL for clinic templates and course schedules; every call names the clinic it acts for. */
export const scheduleRepository = {
  async listClinicTemplates(
    db: Kysely<Database>,
    clinicId: string,
  ): Promise<Selectable<ClinicScheduleTemplatesTable>[]> {
    return db
      .selectFrom('clinic_schedule_templates')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .orderBy('id')
      .execute();
  },

  async findClinicTemplate(
    db: Kysely<Database>,
    clinicId: string,
    id: string,
  ): Promise<Selectable<ClinicScheduleTemplatesTable> | undefined> {
    return db
      .selectFrom('clinic_schedule_templates')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** Inserts or replaces the clinic's template with this id. */
  async saveClinicTemplate(db: Kysely<Database>, row: Insertable<ClinicScheduleTemplatesTable>): Promise<void> {
    await db
      .insertInto('clinic_schedule_templates')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['clinic_id', 'id'])
          .doUpdateSet({ schedule: row.schedule, rationale: row.rationale ?? null, updated_at: row.updated_at }),
      )
      .execute();
  },

  /**
   * The course's schedule row. With `lock` on PostgreSQL the row is held for the rest of the transaction,
   * so two writes on one course re-expand its due items one after the other (SQLite serialises writers).
   */
  async findCourseSchedule(
    db: Kysely<Database>,
    clinicId: string,
    courseId: string,
    lock: { engine: Engine } | null = null,
  ): Promise<Selectable<CourseSchedulesTable> | undefined> {
    const query = db
      .selectFrom('course_schedules')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('course_id', '=', courseId);
    return (lock?.engine === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
  },

  async saveCourseSchedule(db: Kysely<Database>, row: Insertable<CourseSchedulesTable>): Promise<void> {
    await db
      .insertInto('course_schedules')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['clinic_id', 'course_id']).doUpdateSet({
          template_id: row.template_id ?? null,
          schedule: row.schedule,
          maintenance_started_at: row.maintenance_started_at ?? null,
          updated_at: row.updated_at,
        }),
      )
      .execute();
  },

  async setMaintenanceStart(
    db: Kysely<Database>,
    clinicId: string,
    courseId: string,
    at: string | null,
  ): Promise<void> {
    await db
      .updateTable('course_schedules')
      .set({ maintenance_started_at: at })
      .where('clinic_id', '=', clinicId)
      .where('course_id', '=', courseId)
      .execute();
  },

  /** Courses with a schedule that have not ended (or ended after `since`): the periodic re-expansion's work list. */
  async openScheduledCourses(
    db: Kysely<Database>,
    since: string,
  ): Promise<{ clinic_id: string; course_id: string; patient_id: string }[]> {
    return db
      .selectFrom('course_schedules as s')
      .innerJoin('courses as c', (join) =>
        join.onRef('c.clinic_id', '=', 's.clinic_id').onRef('c.id', '=', 's.course_id'),
      )
      .select(['s.clinic_id', 's.course_id', 'c.patient_id'])
      .where((eb) => eb.or([eb('c.ended_at', 'is', null), eb('c.ended_at', '>=', since)]))
      .orderBy('s.clinic_id')
      .orderBy('s.course_id')
      .execute();
  },

  async courseIdsOfClinic(db: Kysely<Database>, clinicId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('course_schedules')
      .select('course_id')
      .where('clinic_id', '=', clinicId)
      .orderBy('course_id')
      .execute();
    return rows.map((r) => r.course_id);
  },
};

/** The doses given on one course (id and time), for the expansion. */
export async function doseTimesOfCourse(
  db: Kysely<Database>,
  clinicId: string,
  courseId: string,
): Promise<{ id: string; at: string }[]> {
  const rows = await db
    .selectFrom('doses')
    .select(['id', 'given_at'])
    .where('clinic_id', '=', clinicId)
    .where('course_id', '=', courseId)
    .orderBy('given_at')
    .execute();
  return rows.map((r) => ({ id: r.id, at: r.given_at }));
}

/**
 * The course row of this clinic (read here rather than through the course service, which calls back into schedules).
 */
export async function courseRow(
  db: Kysely<Database>,
  clinicId: string,
  courseId: string,
): Promise<Selectable<CoursesTable> | undefined> {
  return db
    .selectFrom('courses')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', courseId)
    .executeTakeFirst();
}

/** The patient's courses that have a schedule. */
export async function scheduledCoursesOfPatient(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('course_schedules as s')
    .innerJoin('courses as c', (join) =>
      join.onRef('c.clinic_id', '=', 's.clinic_id').onRef('c.id', '=', 's.course_id'),
    )
    .select('s.course_id')
    .where('s.clinic_id', '=', clinicId)
    .where('c.patient_id', '=', patientId)
    .orderBy('s.course_id')
    .execute();
  return rows.map((r) => r.course_id);
}
