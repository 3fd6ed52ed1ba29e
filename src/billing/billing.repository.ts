import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { BillableAssessment, BillableDose } from './billing-lines.js';

/** The clinic's doses (of one patient, when given) from `from` (inclusive) to `to` (exclusive). */
export async function dosesForBilling(
  db: Kysely<Database>,
  clinicId: string,
  from: string,
  to: string,
  patientId?: string,
): Promise<BillableDose[]> {
  let query = db
    .selectFrom('doses')
    .select(['id', 'patient_id', 'given_at', 'drug', 'route', 'mg'])
    .where('clinic_id', '=', clinicId)
    .where('given_at', '>=', from)
    .where('given_at', '<', to);
  if (patientId !== undefined) query = query.where('patient_id', '=', patientId);
  const rows = await query.orderBy('given_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    givenAt: new Date(r.given_at).toISOString(),
    drug: r.drug,
    route: r.route,
    mg: r.mg,
  }));
}

/** The clinic's assessments completed from `from` (inclusive) to `to` (exclusive). */
export async function assessmentsForBilling(
  db: Kysely<Database>,
  clinicId: string,
  from: string,
  to: string,
  patientId?: string,
): Promise<BillableAssessment[]> {
  let query = db
    .selectFrom('assessments')
    .select(['id', 'patient_id', 'instrument', 'completed_at', 'complete'])
    .where('clinic_id', '=', clinicId)
    .where('completed_at', '>=', from)
    .where('completed_at', '<', to);
  if (patientId !== undefined) query = query.where('patient_id', '=', patientId);
  const rows = await query.orderBy('completed_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    patientId: r.patient_id,
    instrument: r.instrument,
    completedAt: new Date(r.completed_at).toISOString(),
    complete: r.complete === 1,
  }));
}

/** The labels of the clinic's patients named. */
export async function patientLabels(
  db: Kysely<Database>,
  clinicId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('patients')
    .select(['id', 'label'])
    .where('clinic_id', '=', clinicId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.label]));
}
