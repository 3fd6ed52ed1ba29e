import { sql, type Selectable } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { PatientsTable } from '../db/schema.js';
import { invalid } from '../shared/errors.js';
import type { ServiceContext } from './context.js';
import { MINUTE_MS } from '../shared/time.js';

type Lookup = { clinicId: string; id: string };
type CourseLookup = Lookup & { courseId: string };
/** The patient's row with the course's patient, when a course was named and found. */
type PatientWithCourse = Selectable<PatientsTable> & { course_patient_id: string | null };

// Every clinical write checks the patient (and course) it names and takes the patient's lock, in one
// prepared statement. On PostgreSQL the patient row is locked FOR NO KEY UPDATE: two writes for one
// patient run one after the other, so each one's safety rules and due list see the other's record, while
// writes for different patients overlap (and inserts' foreign-key KEY SHARE locks do not conflict).
function patientQuery(lock: boolean): ReturnType<typeof prepared<CourseLookup, PatientWithCourse>> {
  return prepared<CourseLookup, PatientWithCourse>(
    (db, a) => {
      const query = db
        .selectFrom('patients')
        .leftJoin('courses', (join) =>
          join.onRef('courses.clinic_id', '=', 'patients.clinic_id').on('courses.id', '=', a.courseId),
        )
        .selectAll('patients')
        .select('courses.patient_id as course_patient_id')
        .where('patients.clinic_id', '=', a.clinicId)
        .where('patients.id', '=', a.id);
      return lock ? query.modifyEnd(sql`for no key update of patients`) : query;
    },
    ['clinicId', 'id', 'courseId'],
  );
}
const lockedPatient = patientQuery(true);
const patientRow = patientQuery(false);
/**
 * The patient a record names, from this clinic only, and (given) the course, which must be the same
 * patient's; a bad id is a field error, not a 500. A write holds the patient's lock for the rest of the
 * transaction (PostgreSQL; SQLite serialises writers); a read passes `lock: false`.
 */
export async function requirePatient(
  ctx: ServiceContext,
  patientId: string,
  options: { field?: string; courseId?: string | null; courseField?: string; lock?: boolean } = {},
): Promise<Selectable<PatientsTable>> {
  const query = ctx.engine === 'postgres' && options.lock !== false ? lockedPatient : patientRow;
  const courseId = options.courseId ?? null;
  const [row] = (await query(ctx.db, { clinicId: ctx.clinicId, id: patientId, courseId: courseId ?? '' })).rows;
  if (row === undefined) throw invalid(options.field ?? 'patientId', `no patient ${patientId} in this clinic`);
  const { course_patient_id: coursePatient, ...patient } = row;
  if (courseId !== null) checkCourse(courseId, coursePatient, patientId, options.courseField ?? 'courseId');
  return patient;
}

/** The patient's lock alone (the course of a schedule change, a queued reminder): no row is returned. */
export async function lockPatient(ctx: ServiceContext, patientId: string): Promise<void> {
  if (ctx.engine === 'postgres') await lockedPatient(ctx.db, { clinicId: ctx.clinicId, id: patientId, courseId: '' });
}

function checkCourse(courseId: string, coursePatient: string | null, patientId: string, field: string): void {
  if (coursePatient === null) throw invalid(field, `no treatment course ${courseId} in this clinic`);
  if (coursePatient !== patientId) throw invalid(field, 'belongs to a different patient');
}

/** Refuses a time in the future (beyond five minutes of clock difference between devices). */
export function notInFuture(ctx: ServiceContext, iso: string, field: string): void {
  if (Date.parse(iso) > ctx.now().getTime() + 5 * MINUTE_MS) throw invalid(field, 'is in the future');
}
