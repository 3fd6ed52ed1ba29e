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

/** The audited record kinds whose writes run the safety rules (their services' afterWrite). */
const RULE_WRITES = ['course', 'dose', 'assessment', 'adverse-event', 'medication'];

/** The latest of a list of times (UTC ISO-8601), or null when there is none. */
function latest(times: readonly (string | null)[]): string | null {
  const known = times.filter((t): t is string => t !== null);
  return known.length === 0 ? null : new Date(Math.max(...known.map((t) => Date.parse(t)))).toISOString();
}

/** The basis the rules last evaluated the patient's whole history under (migration 0011). */
export const safetyStateRepository = {
  async basis(db: Kysely<Database>, clinicId: string, patientId: string): Promise<string | null> {
    return (await basisOf(db, { clinicId, patientId })).rows[0]?.basis ?? null;
  },
  /** The stored basis and when it was stored, or null when the patient has none. */
  async state(
    db: Kysely<Database>,
    clinicId: string,
    patientId: string,
  ): Promise<{ basis: string; evaluatedAt: string } | null> {
    const row = await db
      .selectFrom('patient_safety_state')
      .select(['basis', 'evaluated_at'])
      .where('clinic_id', '=', clinicId)
      .where('patient_id', '=', patientId)
      .executeTakeFirst();
    return row === undefined ? null : { basis: row.basis, evaluatedAt: new Date(row.evaluated_at).toISOString() };
  },
  /**
   * The time of the patient's last write that ran the safety rules (safety/hooks.ts): the latest creation
   * or update of a course, dose, questionnaire (never updated), adverse event or medication. Null when
   * the patient has none.
   */
  async lastWriteAt(db: Kysely<Database>, clinicId: string, patientId: string): Promise<string | null> {
    const row = await db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('courses')
          .select((s) => s.fn.max('updated_at').as('t'))
          .where('clinic_id', '=', clinicId)
          .where('patient_id', '=', patientId)
          .as('courses'),
        eb
          .selectFrom('doses')
          .select((s) => s.fn.max('updated_at').as('t'))
          .where('clinic_id', '=', clinicId)
          .where('patient_id', '=', patientId)
          .as('doses'),
        eb
          .selectFrom('assessments')
          .select((s) => s.fn.max('created_at').as('t'))
          .where('clinic_id', '=', clinicId)
          .where('patient_id', '=', patientId)
          .as('assessments'),
        eb
          .selectFrom('adverse_events')
          .select((s) => s.fn.max('updated_at').as('t'))
          .where('clinic_id', '=', clinicId)
          .where('patient_id', '=', patientId)
          .as('adverse_events'),
        eb
          .selectFrom('medications')
          .select((s) => s.fn.max('updated_at').as('t'))
          .where('clinic_id', '=', clinicId)
          .where('patient_id', '=', patientId)
          .as('medications'),
      ])
      .executeTakeFirstOrThrow();
    return latest([row.courses, row.doses, row.assessments, row.adverse_events, row.medications]);
  },
  /**
   * The patient's writes in commit order, from the audit chain (one sequence per clinic in commit
   * order): the last write that ran the safety rules (`RULE_WRITES`), and the entry that created each
   * alert. Entries are appended as a unit of work commits, so a write that waited for the patient's lock
   * comes after the alerts of the write it waited for, whatever the clocks said.
   */
  async writeOrder(
    db: Kysely<Database>,
    clinicId: string,
    patientId: string,
  ): Promise<{ lastWrite: { seq: number; at: string } | null; alertCreated: Map<string, number> }> {
    const rows = await db
      .selectFrom('audit_entries')
      .select(['seq', 'at', 'action', 'entity', 'entity_id'])
      .where('clinic_id', '=', clinicId)
      .where('patient_id', '=', patientId)
      .where('action', 'in', ['create', 'update'])
      .where('entity', 'in', ['alert', ...RULE_WRITES])
      .orderBy('seq')
      .execute();
    let lastWrite: { seq: number; at: string } | null = null;
    const alertCreated = new Map<string, number>();
    for (const row of rows) {
      if (row.entity !== 'alert') lastWrite = { seq: row.seq, at: new Date(row.at).toISOString() };
      else if (row.action === 'create' && row.entity_id !== null) alertCreated.set(row.entity_id, row.seq);
    }
    return { lastWrite, alertCreated };
  },
  /** Every patient id of the clinic, in id order. */
  async patientIds(db: Kysely<Database>, clinicId: string): Promise<string[]> {
    const rows = await db.selectFrom('patients').select('id').where('clinic_id', '=', clinicId).orderBy('id').execute();
    return rows.map((r) => r.id);
  },
  async setBasis(db: Kysely<Database>, clinicId: string, patientId: string, basis: string, at: string): Promise<void> {
    await upsertBasis(db, { clinicId, patientId, basis, at });
  },
};
