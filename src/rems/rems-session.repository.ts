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

/**
 * The sessions the board lists: every one whose form is not yet submitted, and those submitted for doses
 * since `submittedSince`; newest dose first.
 */
export async function listBoardRows(
  db: Kysely<Database>,
  clinicId: string,
  submittedSince: string,
): Promise<BoardRow[]> {
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
    .where((eb) => eb.or([eb('s.form_submitted_at', 'is', null), eb('d.given_at', '>=', submittedSince)]))
    .orderBy('d.given_at', 'desc')
    .orderBy('s.id')
    .execute();
}

/**
 * Overdue forms (no form submitted, dose before `before`) per patient, for the given patients or, with
 * none given, the clinic's total under the key ''.
 */
export async function countOverdueForms(
  db: Kysely<Database>,
  clinicId: string,
  before: string,
  patientIds?: readonly string[],
): Promise<Map<string, number>> {
  if (patientIds !== undefined && patientIds.length === 0) return new Map();
  let query = db
    .selectFrom('rems_sessions as s')
    .innerJoin('doses as d', (j) => j.onRef('d.clinic_id', '=', 's.clinic_id').onRef('d.id', '=', 's.dose_id'))
    .where('s.clinic_id', '=', clinicId)
    .where('s.form_submitted_at', 'is', null)
    .where('d.given_at', '<', before);
  if (patientIds === undefined) {
    const row = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    return new Map([['', Number(row?.n ?? 0)]]);
  }
  query = query.where('s.patient_id', 'in', [...patientIds]);
  const rows = await query
    .select(['s.patient_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('s.patient_id')
    .execute();
  return new Map(rows.map((r) => [r.patient_id, Number(r.n)]));
}

/** An esketamine dose given in [fromIso, toIso) and its form's submission (null without a session or a form). */
export interface DoseFormRow {
  given_at: string;
  form_submitted_at: string | null;
}

/** Every esketamine dose of the period, with or without a monitored session, for the forms-on-time figure. */
export async function listDoseForms(
  db: Kysely<Database>,
  clinicId: string,
  fromIso: string,
  toIso: string,
): Promise<DoseFormRow[]> {
  return db
    .selectFrom('doses as d')
    .leftJoin('rems_sessions as s', (j) => j.onRef('s.clinic_id', '=', 'd.clinic_id').onRef('s.dose_id', '=', 'd.id'))
    .select(['d.given_at', 's.form_submitted_at'])
    .where('d.clinic_id', '=', clinicId)
    .where('d.drug', '=', 'esketamine')
    .where('d.given_at', '>=', fromIso)
    .where('d.given_at', '<', toIso)
    .orderBy('d.given_at')
    .execute();
}
