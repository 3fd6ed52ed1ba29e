/**
 * Loading a clinic's records for FHIR searches and exports, one patient at a time, without an audit
 * entry per record: callers audit what they actually disclose (a search its result page, an export
 * the export).
 */
import type { AdverseEvent } from '../adverse-events/adverse-event.schema.js';
import { adverseEventService } from '../adverse-events/adverse-event.service.js';
import type { Assessment } from '../assessments/assessment.schema.js';
import { assessmentService } from '../assessments/assessment.service.js';
import type { Course } from '../courses/course.schema.js';
import { courseService } from '../courses/course.service.js';
import type { Dose } from '../doses/dose.schema.js';
import { doseService } from '../doses/dose.service.js';
import type { Medication } from '../medications/medication.schema.js';
import { medicationService } from '../medications/medication.service.js';
import { patientRepository } from '../patients/patient.repository.js';
import type { Patient } from '../patients/patient.schema.js';
import { patientService } from '../patients/patient.service.js';
import type { ServiceContext } from '../records/context.js';
import { remsSessionService } from '../rems/rems-session.service.js';
import type { TherapySession } from '../therapy-sessions/therapy-session.schema.js';
import { therapySessionService } from '../therapy-sessions/therapy-session.service.js';
import { sessionReadingsOf, type SessionReadings } from './map/vital-signs.js';

/** Everything Onset holds about one patient, each list in time order. */
export interface PatientRecords {
  patient: Patient;
  courses: Course[];
  doses: Dose[];
  assessments: Assessment[];
  adverseEvents: AdverseEvent[];
  therapySessions: TherapySession[];
  medications: Medication[];
  /** The readings of the REMS monitored sessions of the doses (the vital signs' source where a dose has one). */
  remsReadings: SessionReadings[];
}

const PAGE = 1000;

/** The ids of the clinic's patients, in label order. */
export async function patientIds(ctx: ServiceContext): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const rows = await patientRepository.list(ctx.db, ctx.clinicId, { limit: PAGE, offset });
    ids.push(...rows.map((row) => row.id));
    if (rows.length < PAGE) return ids;
  }
}

/** One patient of the clinic, or undefined. */
export async function loadPatient(ctx: ServiceContext, patientId: string): Promise<Patient | undefined> {
  const [patient] = await patientService.loadForPatient(ctx, patientId);
  return patient;
}

/** One patient's records of every kind, or undefined when the clinic has no such patient. */
export async function loadPatientRecords(ctx: ServiceContext, patientId: string): Promise<PatientRecords | undefined> {
  const patient = await loadPatient(ctx, patientId);
  if (patient === undefined) return undefined;
  return {
    patient,
    courses: await courseService.loadForPatient(ctx, patientId),
    doses: await doseService.loadForPatient(ctx, patientId),
    assessments: await assessmentService.loadForPatient(ctx, patientId),
    adverseEvents: await adverseEventService.loadForPatient(ctx, patientId),
    therapySessions: await therapySessionService.loadForPatient(ctx, patientId),
    medications: await medicationService.loadForPatient(ctx, patientId),
    remsReadings: await loadSessionReadings(ctx, patientId),
  };
}

/** The readings of one patient's REMS monitored sessions, unaudited (callers audit what they disclose). */
export async function loadSessionReadings(ctx: ServiceContext, patientId: string): Promise<SessionReadings[]> {
  return (await remsSessionService.loadForPatient(ctx, patientId)).map(sessionReadingsOf);
}
