import type { DosesTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { notInFuture, requirePatient } from '../records/guards.js';
import { centsColumn, rowMapping, utcColumn } from '../db/row-mapping.js';
import { recordService } from '../records/record-service.js';
import { afterClinicalWrite } from '../records/write-hooks.js';
import { refreshDueForPatient } from '../schedules/refresh-due.js';
import { invalid } from '../shared/errors.js';
import { DoseInput, type Dose } from './dose.schema.js';
import { mgPerKg } from './mg-per-kg.js';

export const doseRepository = tenantRepository('doses', 'given_at');

const columns = rowMapping<DosesTable, Dose>({
  patientId: 'patient_id',
  courseId: 'course_id',
  givenAt: utcColumn('given_at'),
  drug: 'drug',
  route: 'route',
  mg: 'mg',
  mgPerKg: { column: 'mg_per_kg', computed: true },
  setting: 'setting',
  observationMinutes: 'observation_minutes',
  systolicBefore: 'systolic_before',
  diastolicBefore: 'diastolic_before',
  heartRateBefore: 'heart_rate_before',
  spo2Before: 'spo2_before',
  systolicAfter: 'systolic_after',
  diastolicAfter: 'diastolic_after',
  heartRateAfter: 'heart_rate_after',
  spo2After: 'spo2_after',
  dissociation: 'dissociation',
  priceUsd: centsColumn('price_cents'),
  notes: 'notes',
});

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
  columns,
  async rules(ctx, input) {
    const patient = await requirePatient(ctx, input.patientId, { courseId: input.courseId });
    notInFuture(ctx, input.givenAt, 'givenAt');
    checkPressure(input.systolicBefore, input.diastolicBefore, 'Before');
    checkPressure(input.systolicAfter, input.diastolicAfter, 'After');
    return { mg_per_kg: mgPerKg(input.mg, patient.weight_kg) };
  },
  patientIdOf: (d) => d.patientId,
  // Due assessments follow the doses actually given, then the safety rules run (the missed-follow-up
  // rule reads the refreshed items); all in the write's own transaction, so they commit together.
  afterWrite: async (ctx, d, created) => {
    await refreshDueForPatient(ctx, d.patientId);
    return afterClinicalWrite(ctx, d.patientId, created ? d.givenAt : undefined);
  },
});
