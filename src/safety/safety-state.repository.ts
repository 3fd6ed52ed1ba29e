import type { Kysely } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Database } from '../db/schema.js';

const basisOf = prepared<{ clinicId: string; patientId: string }, { basis: string }>(
  (db, a) =>
    db
      .selectFrom('patient_safety_state')
      .select('basis')
      .where('clinic_id', '=', a.clinicId)
      .where('patient_id', '=', a.patientId),
  ['clinicId', 'patientId'],
);

const upsertBasis = prepared<{ clinicId: string; patientId: string; basis: string; at: string }, unknown>(
  (db, a) =>
    db
      .insertInto('patient_safety_state')
      .values({ clinic_id: a.clinicId, patient_id: a.patientId, basis: a.basis, evaluated_at: a.at })
      .onConflict((oc) =>
        oc.columns(['clinic_id', 'patient_id']).doUpdateSet((eb) => ({
          basis: eb.ref('excluded.basis'),
          evaluated_at: eb.ref('excluded.evaluated_at'),
        })),
      ),
  ['clinicId', 'patientId', 'basis', 'at'],
);

/** The basis the rules last evaluated the patient's whole history under (migration 0011). */
export const safetyStateRepository = {
  async basis(db: Kysely<Database>, clinicId: string, patientId: string): Promise<string | null> {
    return (await basisOf(db, { clinicId, patientId })).rows[0]?.basis ?? null;
  },
  async setBasis(db: Kysely<Database>, clinicId: string, patientId: string, basis: string, at: string): Promise<void> {
    await upsertBasis(db, { clinicId, patientId, basis, at });
  },
};
