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
