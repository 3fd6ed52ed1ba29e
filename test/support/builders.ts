import type { Kysely } from 'kysely';
import { createClinic } from '../../src/clinics/clinic.service.js';
import type { Engine } from '../../src/db/database.js';
import type { Database } from '../../src/db/schema.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { PatientInput } from '../../src/patients/patient.schema.js';
import { courseService } from '../../src/courses/course.service.js';
import type { CourseInput } from '../../src/courses/course.schema.js';
import { doseService } from '../../src/doses/dose.service.js';
import type { DoseInput } from '../../src/doses/dose.schema.js';
import type { ServiceContext } from '../../src/records/context.js';

/** Small builders for test records: only what a test cares about is written at the call site. */
export const FIXED_NOW = new Date('2026-03-01T12:00:00.000Z');

let counter = 0;
const next = (): number => ++counter;

export async function aClinicContext(db: Kysely<Database>, engine: Engine, name = `Clinic ${next()}`): Promise<ServiceContext> {
  const clinic = await createClinic(db, { name, timeZone: 'America/New_York' }, FIXED_NOW);
  return { db, engine, clinicId: clinic.id, actor: { type: 'user', id: 'test-user', ip: '127.0.0.1' }, now: () => FIXED_NOW };
}

export function aPatient(ctx: ServiceContext, overrides: Partial<PatientInput> = {}): ReturnType<typeof patientService.create> {
  return patientService.create(ctx, { label: `P-${next()}`, birthYear: 1985, sex: 'female', weightKg: 70, conditions: ['gad'], ...overrides });
}

export function aCourse(ctx: ServiceContext, patientId: string, overrides: Partial<CourseInput> = {}): ReturnType<typeof courseService.create> {
  return courseService.create(ctx, {
    patientId,
    startedAt: '2026-01-05T09:00:00Z',
    primaryInstrument: 'gad7',
    modality: 'cbt',
    defaultPriceUsd: 450,
    ...overrides,
  });
}

export function aDose(ctx: ServiceContext, patientId: string, courseId: string, overrides: Partial<DoseInput> = {}): ReturnType<typeof doseService.create> {
  return doseService.create(ctx, {
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
  });
}
