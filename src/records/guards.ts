import type { Selectable } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { CoursesTable, PatientsTable } from '../db/schema.js';
import { invalid } from '../shared/errors.js';
import type { ServiceContext } from './context.js';
import { MINUTE_MS } from '../shared/time.js';

// Every write checks the patient (and course) it names: both lookups are prepared once.
const patientById = prepared<{ clinicId: string; id: string }, Selectable<PatientsTable>>(
  (db, a) => db.selectFrom('patients').selectAll().where('clinic_id', '=', a.clinicId).where('id', '=', a.id),
  ['clinicId', 'id'],
);
const courseById = prepared<{ clinicId: string; id: string }, Selectable<CoursesTable>>(
  (db, a) => db.selectFrom('courses').selectAll().where('clinic_id', '=', a.clinicId).where('id', '=', a.id),
  ['clinicId', 'id'],
);

/** The patient a record names, from this clinic only; a bad id is a field error, not a 500. */
export async function requirePatient(
  ctx: ServiceContext,
  patientId: string,
  field = 'patientId',
): Promise<Selectable<PatientsTable>> {
  const [patient] = (await patientById(ctx.db, { clinicId: ctx.clinicId, id: patientId })).rows;
  if (patient === undefined) throw invalid(field, `no patient ${patientId} in this clinic`);
  return patient;
}

/** The course a record names; it must belong to the same patient. */
export async function requireCourse(
  ctx: ServiceContext,
  courseId: string,
  patientId: string,
  field = 'courseId',
): Promise<Selectable<CoursesTable>> {
  const [course] = (await courseById(ctx.db, { clinicId: ctx.clinicId, id: courseId })).rows;
  if (course === undefined) throw invalid(field, `no treatment course ${courseId} in this clinic`);
  if (course.patient_id !== patientId) throw invalid(field, 'belongs to a different patient');
  return course;
}

/** Refuses a time in the future (beyond five minutes of clock difference between devices). */
export function notInFuture(ctx: ServiceContext, iso: string, field: string): void {
  if (Date.parse(iso) > ctx.now().getTime() + 5 * MINUTE_MS) throw invalid(field, 'is in the future');
}
