import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, RemsSessionsTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';

/** Sessions in the order they were opened; every call is bound to one clinic. */
export const remsSessionRepository = tenantRepository('rems_sessions', 'created_at');

export type RemsSessionRow = Selectable<RemsSessionsTable>;

/** The session of one dose, if it has one. */
export async function findSessionOfDose(
  db: Kysely<Database>,
  clinicId: string,
  doseId: string,
): Promise<RemsSessionRow | undefined> {
  return db
    .selectFrom('rems_sessions')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('dose_id', '=', doseId)
    .executeTakeFirst();
}

/** Records the submitted form on a session that has none yet; false when it already had one. */
export async function recordSubmittedForm(
  db: Kysely<Database>,
  clinicId: string,
  id: string,
  form: Required<
    Pick<
      Updateable<RemsSessionsTable>,
      'form_submitted_at' | 'form_submitted_by' | 'form_sha256' | 'form_pdf' | 'updated_at'
    >
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('rems_sessions')
    .set(form)
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .where('form_submitted_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The stored PDF of a submitted form (base64), or null. */
export async function submittedFormPdf(db: Kysely<Database>, clinicId: string, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('rems_sessions')
    .select('form_pdf')
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.form_pdf ?? null;
}

/** A board row: the session with its dose's time and the patient's label. */
export interface BoardRow {
  id: string;
  dose_id: string;
  patient_id: string;
  patient_label: string;
  given_at: string;
  mg: number;
  form_submitted_at: string | null;
}

/** Every session of the clinic with its dose time, newest dose first (a clinic's sessions of the last year). */
export async function listBoardRows(db: Kysely<Database>, clinicId: string, since: string): Promise<BoardRow[]> {
  return db
    .selectFrom('rems_sessions as s')
    .innerJoin('doses as d', (j) => j.onRef('d.clinic_id', '=', 's.clinic_id').onRef('d.id', '=', 's.dose_id'))
    .innerJoin('patients as p', (j) => j.onRef('p.clinic_id', '=', 's.clinic_id').onRef('p.id', '=', 's.patient_id'))
    .select([
      's.id',
      's.dose_id',
      's.patient_id',
      'p.label as patient_label',
      'd.given_at',
      'd.mg',
      's.form_submitted_at',
    ])
    .where('s.clinic_id', '=', clinicId)
    .where('d.given_at', '>=', since)
    .orderBy('d.given_at', 'desc')
    .orderBy('s.id')
    .execute();
}

/** How many of the clinic's sessions have no form submitted and a dose before `before` (overdue forms). */
export async function countUnsubmittedBefore(db: Kysely<Database>, clinicId: string, before: string): Promise<number> {
  const row = await db
    .selectFrom('rems_sessions as s')
    .innerJoin('doses as d', (j) => j.onRef('d.clinic_id', '=', 's.clinic_id').onRef('d.id', '=', 's.dose_id'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('s.clinic_id', '=', clinicId)
    .where('s.form_submitted_at', 'is', null)
    .where('d.given_at', '<', before)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
