import { createClinic } from '../../src/clinics/clinic.service.js';
import type { DatabaseHandle } from '../../src/db/database.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { PatientInput } from '../../src/patients/patient.schema.js';
import { courseService } from '../../src/courses/course.service.js';
import type { CourseInput } from '../../src/courses/course.schema.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { DoseInput } from '../../src/doses/dose.schema.js';
import type { ServiceContext } from '../../src/records/context.js';
import type { RemsSessionInput } from '../../src/rems/rems-session.schema.js';

/** Small builders for test records: only what a test cares about is written at the call site. */
export const FIXED_NOW = new Date('2026-03-01T12:00:00.000Z');

let counter = 0;
const next = (): number => ++counter;

/** A new clinic and a context acting for it on `handle` (its writer, its reader for snapshots, its engine). */
export async function aClinicContext(
  handle: Pick<DatabaseHandle, 'db' | 'reader' | 'engine'>,
  name = `Clinic ${next()}`,
): Promise<ServiceContext> {
  const clinic = await createClinic(handle.db, { name, timeZone: 'America/New_York' }, FIXED_NOW);
  return {
    db: handle.db,
    reader: handle.reader,
    engine: handle.engine,
    clinicId: clinic.id,
    actor: { type: 'user', id: 'test-user', ip: '127.0.0.1' },
    now: () => FIXED_NOW,
  };
}

export function aPatientBody(overrides: Partial<PatientInput> = {}): PatientInput {
  return { label: `P-${next()}`, birthYear: 1985, sex: 'female', weightKg: 70, conditions: ['gad'], ...overrides };
}

export function aPatient(
  ctx: ServiceContext,
  overrides: Partial<PatientInput> = {},
): ReturnType<typeof patientService.create> {
  return patientService.create(ctx, aPatientBody(overrides));
}

export function aCourseBody(patientId: string, overrides: Partial<CourseInput> = {}): CourseInput {
  return {
    patientId,
    startedAt: '2026-01-05T09:00:00Z',
    primaryInstrument: 'gad7',
    modality: 'cbt',
    defaultPriceUsd: 450,
    ...overrides,
  };
}

export function aCourse(
  ctx: ServiceContext,
  patientId: string,
  overrides: Partial<CourseInput> = {},
): ReturnType<typeof courseService.create> {
  return courseService.create(ctx, aCourseBody(patientId, overrides));
}

export function aDoseBody(patientId: string, courseId: string, overrides: Partial<DoseInput> = {}): DoseInput {
  return {
    patientId,
    courseId,
    givenAt: '2026-01-05T10:00:00Z',
    drug: 'racemic-ketamine',
    route: 'iv',
    mg: 35,
    setting: 'clinic',
    observationMinutes: 120,
    systolicBefore: 128,
    diastolicBefore: 82,
    ...overrides,
  };
}

export function aDose(
  ctx: ServiceContext,
  patientId: string,
  courseId: string,
  overrides: Partial<DoseInput> = {},
): ReturnType<typeof doseService.create> {
  return doseService.create(ctx, aDoseBody(patientId, courseId, overrides));
}

/** An esketamine dose as the REMS sessions need it: intranasal, 56 mg, two devices. */
export const anEsketamineDoseBody = (
  patientId: string,
  courseId: string,
  overrides: Partial<DoseInput> = {},
): DoseInput =>
  aDoseBody(patientId, courseId, {
    drug: 'esketamine',
    route: 'intranasal',
    mg: 56,
    observationMinutes: null,
    systolicBefore: null,
    diastolicBefore: null,
    ...overrides,
  });

/** A monitored session with every field the Patient Monitoring Form asks for, discharged at 125 minutes. */
export function aRemsSessionBody(
  doseId: string,
  givenAt: string,
  overrides: Partial<RemsSessionInput> = {},
): RemsSessionInput {
  const after = (minutes: number): string => new Date(Date.parse(givenAt) + minutes * 60_000).toISOString();
  return {
    doseId,
    beforeSystolic: 128,
    beforeDiastolic: 82,
    beforeAt: after(-10),
    fortyMinuteSystolic: 136,
    fortyMinuteDiastolic: 86,
    fortyMinuteAt: after(40),
    dischargeSystolic: 124,
    dischargeDiastolic: 80,
    dischargeAt: after(118),
    vitalsAcceptableBefore: true,
    vitalsAcceptableAtCompletion: true,
    sedation: false,
    dissociation: true,
    dissociationNote: 'mild, resolved by 70 minutes',
    respiratoryDepression: false,
    pulseOximetry: [{ at: after(30), spo2: 97 }],
    readyToLeaveAt: after(90),
    dischargedAt: after(125),
    devicesUsed: 2,
    lotNumber: 'LOT-7731A',
    seriousAdverseEvent: false,
    benzodiazepines: false,
    nonBenzodiazepineSedativeHypnotics: false,
    psychostimulants: true,
    maois: false,
    patientBirthDate: '1985-04-12',
    providerName: 'Dana Reyes, NP',
    providerPhone: '555-0142',
    providerEmail: 'dana.reyes@example.org',
    settingName: 'Harbour Ketamine Clinic',
    settingAddress: '12 Wharf Street, Portland, ME 04101',
    ...overrides,
  };
}

// Request bodies for the other record kinds and settings, as the API accepts them.
export const anAssessmentBody = (patientId: string): Record<string, unknown> => ({
  patientId,
  instrument: 'gad7',
  completedAt: '2026-01-04T09:00:00Z',
  answers: [3, 3, 2, 2, 2, 2, 2],
});
export const anAdverseEventBody = (patientId: string): Record<string, unknown> => ({
  patientId,
  category: 'nausea',
  grade: 1,
  onsetAt: '2026-01-05T11:00:00Z',
});
export const aTherapySessionBody = (patientId: string): Record<string, unknown> => ({
  patientId,
  heldAt: '2026-01-06T10:00:00Z',
  kind: 'integration',
  modality: 'cbt',
  minutes: 50,
});
export const aMedicationBody = (patientId: string): Record<string, unknown> => ({
  patientId,
  name: 'Sertraline',
  drugClass: 'ssri',
  startedOn: '2025-06-01',
});
export const aScheduleTemplateBody = (): Record<string, unknown> => ({
  name: 'Pre-dose only',
  items: [{ kind: 'pre-dose', instruments: ['gad7'] }],
});

const LOINC = 'http://loinc.org';
const GAD7_CODES = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9']; // answer values 0…3

/** A FHIR Patient with only its clinic label. */
export const aFhirPatient = (label = `F-${next()}`): Record<string, unknown> => ({
  resourceType: 'Patient',
  identifier: [{ system: 'https://onset.health/fhir/patient-label', value: label }],
});

/** A completed GAD-7 QuestionnaireResponse for one patient. */
export const aFhirGad7Response = (
  patientId: string,
  values: readonly number[] = [1, 1, 1, 1, 1, 1, 1],
): Record<string, unknown> => ({
  resourceType: 'QuestionnaireResponse',
  status: 'completed',
  questionnaire: 'https://onset.health/fhir/Questionnaire/gad7',
  subject: { reference: `Patient/${patientId}` },
  authored: '2026-01-08T09:00:00Z',
  item: values.map((v, i) => ({
    linkId: String(i + 1),
    answer: [{ valueCoding: { system: LOINC, code: GAD7_CODES[v] ?? 'none' } }],
  })),
});

/** A transaction Bundle that creates one patient. */
export const aFhirTransaction = (label = `T-${next()}`): Record<string, unknown> => ({
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      fullUrl: 'urn:uuid:0b0b0b0b-0000-4000-8000-00000000000a',
      resource: aFhirPatient(label),
      request: { method: 'POST', url: 'Patient' },
    },
  ],
});
