/** Builders of stored records for the mapping tests: only what a test cares about is written at the call site. */
import type { AdverseEvent } from '../../adverse-events/adverse-event.schema.js';
import type { Assessment } from '../../assessments/assessment.schema.js';
import type { Course } from '../../courses/course.schema.js';
import type { Dose } from '../../doses/dose.schema.js';
import { scoreAnswers } from '../../instruments/score.js';
import type { Medication } from '../../medications/medication.schema.js';
import type { Patient } from '../../patients/patient.schema.js';
import type { TherapySession } from '../../therapy-sessions/therapy-session.schema.js';
import type { SessionReadings } from './vital-signs.js';

export const CLINIC = '11111111-1111-4111-8111-111111111111';
export const PATIENT_ID = '22222222-2222-4222-8222-222222222222';
export const COURSE_ID = '33333333-3333-4333-8333-333333333333';
export const DOSE_ID = '44444444-4444-4444-8444-444444444444';
const STAMP = '2026-02-01T08:00:00.000Z';
const stamps = { clinicId: CLINIC, createdAt: STAMP, updatedAt: STAMP };

export function aPatientRecord(overrides: Partial<Patient> = {}): Patient {
  return {
    ...stamps,
    id: PATIENT_ID,
    label: 'P-0001',
    name: 'Ada Example',
    email: 'ada@example.org',
    phone: '+1 555 0100',
    birthYear: 1985,
    sex: 'female',
    weightKg: 68.5,
    conditions: ['gad', 'depression'],
    history: ['hypertension'],
    synthetic: false,
    ...overrides,
  };
}

export function aCourseRecord(overrides: Partial<Course> = {}): Course {
  return {
    ...stamps,
    id: COURSE_ID,
    patientId: PATIENT_ID,
    startedAt: '2026-01-05T09:00:00.000Z',
    endedAt: null,
    phase: 'induction',
    primaryInstrument: 'gad7',
    modality: 'cbt',
    defaultPriceUsd: 450,
    usualDrug: 'racemic-ketamine',
    usualRoute: 'iv',
    usualMg: 35,
    notes: 'Six infusions planned',
    ...overrides,
  };
}

export function aDoseRecord(overrides: Partial<Dose> = {}): Dose {
  return {
    ...stamps,
    id: DOSE_ID,
    patientId: PATIENT_ID,
    courseId: COURSE_ID,
    givenAt: '2026-01-05T10:00:00.000Z',
    drug: 'racemic-ketamine',
    route: 'iv',
    mg: 35,
    mgPerKg: 0.511,
    setting: 'clinic',
    observationMinutes: 120,
    systolicBefore: 128,
    diastolicBefore: 82,
    heartRateBefore: 72,
    spo2Before: 98,
    systolicAfter: 139,
    diastolicAfter: 88,
    heartRateAfter: 80,
    spo2After: 97,
    dissociation: 4,
    priceUsd: 450,
    notes: 'Felt floaty for 40 minutes',
    ...overrides,
  };
}

/** A stored assessment, scored by the instrument library as the service would score it. */
export function anAssessmentRecord(
  instrument: string,
  answers: Record<string, number | null> | (number | null)[],
  overrides: Partial<Assessment> = {},
): Assessment {
  const result = scoreAnswers(instrument, answers);
  return {
    id: '55555555-5555-4555-8555-555555555555',
    clinicId: CLINIC,
    patientId: PATIENT_ID,
    courseId: COURSE_ID,
    instrument: result.instrument,
    completedAt: '2026-01-04T09:00:00.000Z',
    source: 'patient-link',
    enteredBy: null,
    answers: result.answers,
    total: result.total,
    subscales: result.subscales,
    band: result.band,
    complete: result.complete,
    prorated: result.prorated,
    flags: result.flags,
    createdAt: STAMP,
    ...overrides,
  };
}

export function anAdverseEventRecord(overrides: Partial<AdverseEvent> = {}): AdverseEvent {
  return {
    ...stamps,
    id: '66666666-6666-4666-8666-666666666666',
    patientId: PATIENT_ID,
    doseId: DOSE_ID,
    category: 'urinary',
    grade: 2,
    onsetAt: '2026-01-06T11:00:00.000Z',
    action: 'urology-referral',
    outcome: 'resolved-with-sequelae',
    notes: 'Frequency and urgency',
    ...overrides,
  };
}

export function aTherapySessionRecord(overrides: Partial<TherapySession> = {}): TherapySession {
  return {
    ...stamps,
    id: '77777777-7777-4777-8777-777777777777',
    patientId: PATIENT_ID,
    courseId: COURSE_ID,
    heldAt: '2026-01-06T10:00:00.000Z',
    kind: 'integration',
    modality: 'ifs',
    minutes: 50,
    notes: 'Worked on the parts that fear relapse',
    ...overrides,
  };
}

export function aMedicationRecord(overrides: Partial<Medication> = {}): Medication {
  return {
    ...stamps,
    id: '88888888-8888-4888-8888-888888888888',
    patientId: PATIENT_ID,
    name: 'Sertraline',
    drugClass: 'ssri',
    doseText: '100 mg in the morning',
    startedOn: '2025-06-01',
    stoppedOn: '2026-01-20',
    ...overrides,
  };
}

/** The readings of a REMS monitored session of the dose given at 2026-01-05T10:00Z, each at its own time. */
export function aSessionReadingsRecord(overrides: Partial<SessionReadings> = {}): SessionReadings {
  return {
    doseId: DOSE_ID,
    beforeSystolic: 128,
    beforeDiastolic: 82,
    beforeAt: '2026-01-05T09:50:00.000Z',
    fortyMinuteSystolic: 146,
    fortyMinuteDiastolic: 84,
    fortyMinuteAt: '2026-01-05T10:41:00.000Z',
    dischargeSystolic: 131,
    dischargeDiastolic: 88,
    dischargeAt: '2026-01-05T11:58:00.000Z',
    pulseOximetry: [
      { at: '2026-01-05T10:55:00.000Z', spo2: 95 },
      { at: '2026-01-05T10:25:00.000Z', spo2: 97 },
    ],
    updatedAt: '2026-01-05T12:10:00.000Z',
    ...overrides,
  };
}
