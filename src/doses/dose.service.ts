import type { Selectable } from 'kysely';
import type { DosesTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { notInFuture, requireCourse, requirePatient } from '../records/guards.js';
import { fromCents, toCents, utc } from '../db/columns.js';
import { recordService } from '../records/record-service.js';
import { afterClinicalWrite } from '../records/write-hooks.js';
import { refreshDueForPatient } from '../schedules/refresh-due.js';
import { invalid } from '../shared/errors.js';
import { DoseInput, type Dose } from './dose.schema.js';
import { mgPerKg } from './mg-per-kg.js';

export const doseRepository = tenantRepository('doses', 'given_at');

function fromRow(row: Selectable<DosesTable>): Dose {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    patientId: row.patient_id,
    courseId: row.course_id,
    givenAt: row.given_at,
    drug: row.drug as Dose['drug'],
    route: row.route as Dose['route'],
    mg: row.mg,
    mgPerKg: row.mg_per_kg,
    setting: row.setting as Dose['setting'],
    observationMinutes: row.observation_minutes,
    systolicBefore: row.systolic_before,
    diastolicBefore: row.diastolic_before,
    heartRateBefore: row.heart_rate_before,
    spo2Before: row.spo2_before,
    systolicAfter: row.systolic_after,
    diastolicAfter: row.diastolic_after,
    heartRateAfter: row.heart_rate_after,
    spo2After: row.spo2_after,
    dissociation: row.dissociation,
    priceUsd: fromCents(row.price_cents),
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkPressure(
  systolic: number | null | undefined,
  diastolic: number | null | undefined,
  when: 'Before' | 'After',
): void {
  if (systolic != null && diastolic != null && diastolic >= systolic) {
    throw invalid(`diastolic${when}`, `must be lower than systolic${when} (${systolic} mmHg)`);
  }
}

/** Doses: each session with its route, amount, setting, vitals and price. */
export const doseService = recordService({
  entity: 'dose',
  repository: doseRepository,
  schema: DoseInput,
  immutable: ['patientId'],
  fromRow,
  toInput: ({ id: _id, clinicId: _c, createdAt: _cr, updatedAt: _u, mgPerKg: _k, ...input }) => input,
  async toRow(ctx, input, meta) {
    const patient = await requirePatient(ctx, input.patientId);
    await requireCourse(ctx, input.courseId, input.patientId);
    notInFuture(ctx, input.givenAt, 'givenAt');
    checkPressure(input.systolicBefore, input.diastolicBefore, 'Before');
    checkPressure(input.systolicAfter, input.diastolicAfter, 'After');
    return {
      clinic_id: meta.clinicId,
      id: meta.id,
      patient_id: input.patientId,
      course_id: input.courseId,
      given_at: utc(input.givenAt),
      drug: input.drug,
      route: input.route,
      mg: input.mg,
      mg_per_kg: mgPerKg(input.mg, patient.weight_kg),
      setting: input.setting,
      observation_minutes: input.observationMinutes ?? null,
      systolic_before: input.systolicBefore ?? null,
      diastolic_before: input.diastolicBefore ?? null,
      heart_rate_before: input.heartRateBefore ?? null,
      spo2_before: input.spo2Before ?? null,
      systolic_after: input.systolicAfter ?? null,
      diastolic_after: input.diastolicAfter ?? null,
      heart_rate_after: input.heartRateAfter ?? null,
      spo2_after: input.spo2After ?? null,
      dissociation: input.dissociation ?? null,
      price_cents: toCents(input.priceUsd),
      notes: input.notes ?? null,
      created_at: meta.createdAt,
      updated_at: meta.updatedAt,
    };
  },
  patientIdOf: (d) => d.patientId,
  // Due assessments follow the doses actually given, then the safety rules run (the missed-follow-up
  // rule reads the refreshed items); all in the write's own transaction, so they commit together.
  afterWrite: async (ctx, d) => {
    await refreshDueForPatient(ctx, d.patientId);
    return afterClinicalWrite(ctx, d.patientId);
  },
});
