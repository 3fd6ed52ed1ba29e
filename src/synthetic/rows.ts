import type { Insertable } from 'kysely';
import type {
  AdverseEventsTable,
  AssessmentsTable,
  CoursesTable,
  DosesTable,
  MedicationsTable,
  PatientsTable,
  TherapySessionsTable,
} from '../db/schema.js';
import { mgPerKg } from '../doses/mg-per-kg.js';
import { scoreAnswers } from '../instruments/score.js';
import { scoreColumns, toCents, toFlag } from '../db/columns.js';
import { INDUCTION_DOSES } from './schedule.js';
import type { SyntheticAdverseEvent, SyntheticAssessment, SyntheticDose, SyntheticPatient } from './types.js';
import { labelKey } from '../patients/label-key.js';

/** Every row of a batch of synthetic patients, one array per table, in foreign-key order. */
export interface SyntheticRows {
  patients: Insertable<PatientsTable>[];
  courses: Insertable<CoursesTable>[];
  doses: Insertable<DosesTable>[];
  assessments: Insertable<AssessmentsTable>[];
  adverse_events: Insertable<AdverseEventsTable>[];
  therapy_sessions: Insertable<TherapySessionsTable>[];
  medications: Insertable<MedicationsTable>[];
}

/** What every row of one load shares: the clinic, the load's timestamp and the id maker. */
export interface RowContext {
  clinicId: string;
  /** created_at / updated_at of every row: when the rows were stored, as for any record. */
  stamp: string;
  newId(): string;
}

/** Empty arrays for each table, to be filled by `addPatientRows`. */
export function emptyRows(): SyntheticRows {
  return {
    patients: [],
    courses: [],
    doses: [],
    assessments: [],
    adverse_events: [],
    therapy_sessions: [],
    medications: [],
  };
}

const iso = (at: number): string => new Date(at).toISOString();
const isoDate = (at: number): string => iso(at).slice(0, 10);

/**
 * Appends one synthetic patient's rows: the rows the record services would store for the same input
 * (assessments scored with the instrument library, mg/kg from the weight, money in cents).
 */
export function addPatientRows(rows: SyntheticRows, patient: SyntheticPatient, context: RowContext): void {
  const ids = { patient: context.newId(), course: context.newId() };
  const stamps = { created_at: context.stamp, updated_at: context.stamp };
  rows.patients.push({
    clinic_id: context.clinicId,
    id: ids.patient,
    label: patient.label,
    label_key: labelKey(patient.label),
    name: null,
    email: patient.email,
    phone: null,
    birth_year: patient.birthYear,
    sex: patient.sex,
    weight_kg: patient.weightKg,
    conditions: JSON.stringify(patient.conditions),
    history: JSON.stringify(patient.history),
    synthetic: toFlag(patient.synthetic),
    ...stamps,
  });
  rows.courses.push(courseRow(patient, context.clinicId, ids, context.stamp));
  const doseIds = patient.doses.map((dose) => {
    const id = context.newId();
    rows.doses.push(doseRow(dose, patient.weightKg, { ...ids, dose: id }, context));
    return id;
  });
  for (const assessment of patient.assessments) rows.assessments.push(assessmentRow(assessment, ids, context));
  for (const event of patient.adverseEvents) {
    rows.adverse_events.push(
      adverseEventRow(event, precedingDoseId(patient.doses, doseIds, event.at), ids.patient, context),
    );
  }
  for (const session of patient.therapySessions) {
    rows.therapy_sessions.push({
      clinic_id: context.clinicId,
      id: context.newId(),
      patient_id: ids.patient,
      course_id: ids.course,
      held_at: iso(session.at),
      kind: session.kind,
      modality: session.modality,
      minutes: session.minutes,
      notes: null,
      ...stamps,
    });
  }
  for (const medication of patient.medications) {
    rows.medications.push({
      clinic_id: context.clinicId,
      id: context.newId(),
      patient_id: ids.patient,
      name: medication.name,
      drug_class: medication.class,
      dose_text: null,
      started_on: isoDate(medication.startedAt),
      stopped_on: medication.stoppedAt === null ? null : isoDate(medication.stoppedAt),
      ...stamps,
    });
  }
}

interface Ids {
  patient: string;
  course: string;
}

function courseRow(patient: SyntheticPatient, clinicId: string, ids: Ids, stamp: string): Insertable<CoursesTable> {
  const first = patient.doses[0];
  return {
    clinic_id: clinicId,
    id: ids.course,
    patient_id: ids.patient,
    started_at: iso(patient.course.startedAt),
    ended_at: null,
    // Boosters follow the induction series (schedule.ts): a course with more doses is in maintenance.
    phase: patient.doses.length > INDUCTION_DOSES ? 'maintenance' : 'induction',
    primary_instrument: patient.course.primaryInstrument,
    modality: patient.course.modality,
    default_price_cents: toCents(patient.course.defaultPriceUsd),
    usual_drug: first?.drug ?? null,
    usual_route: first?.route ?? null,
    usual_mg: first?.mg ?? null,
    notes: null,
    created_at: stamp,
    updated_at: stamp,
  };
}

function doseRow(
  dose: SyntheticDose,
  weightKg: number,
  ids: Ids & { dose: string },
  context: RowContext,
): Insertable<DosesTable> {
  return {
    clinic_id: context.clinicId,
    id: ids.dose,
    patient_id: ids.patient,
    course_id: ids.course,
    given_at: iso(dose.at),
    drug: dose.drug,
    route: dose.route,
    mg: dose.mg,
    mg_per_kg: mgPerKg(dose.mg, weightKg),
    setting: dose.setting,
    observation_minutes: dose.observationMinutes,
    systolic_before: dose.systolicBefore,
    diastolic_before: dose.diastolicBefore,
    heart_rate_before: dose.heartRateBefore,
    spo2_before: dose.spo2Before,
    systolic_after: dose.systolicAfter,
    diastolic_after: dose.diastolicAfter,
    heart_rate_after: null,
    spo2_after: null,
    dissociation: dose.dissociation,
    price_cents: toCents(dose.priceUsd),
    notes: null,
    created_at: context.stamp,
    updated_at: context.stamp,
  };
}

/** Scored at load time exactly as assessmentService scores a submitted questionnaire. */
function assessmentRow(assessment: SyntheticAssessment, ids: Ids, context: RowContext): Insertable<AssessmentsTable> {
  const result = scoreAnswers(assessment.instrument, assessment.answers);
  return {
    clinic_id: context.clinicId,
    id: context.newId(),
    patient_id: ids.patient,
    course_id: ids.course,
    completed_at: iso(assessment.at),
    // Generated, not entered by a person or submitted through a patient link.
    source: 'import',
    entered_by: null,
    ...scoreColumns(result),
    created_at: context.stamp,
  };
}

function adverseEventRow(
  event: SyntheticAdverseEvent,
  doseId: string | null,
  patientId: string,
  context: RowContext,
): Insertable<AdverseEventsTable> {
  return {
    clinic_id: context.clinicId,
    id: context.newId(),
    patient_id: patientId,
    dose_id: doseId,
    category: event.category,
    grade: event.grade,
    onset_at: iso(event.at),
    action: event.action,
    outcome: event.outcome,
    notes: null,
    created_at: context.stamp,
    updated_at: context.stamp,
  };
}

/** The id of the latest dose given at or before `at` (the dose an adverse event followed), or null. */
export function precedingDoseId(
  doses: readonly SyntheticDose[],
  doseIds: readonly string[],
  at: number,
): string | null {
  let found: string | null = null;
  let foundAt = -Infinity;
  for (let k = 0; k < doses.length; k++) {
    const doseAt = doses[k]?.at ?? Infinity;
    if (doseAt <= at && doseAt >= foundAt) {
      found = doseIds[k] ?? null;
      foundAt = doseAt;
    }
  }
  return found;
}
