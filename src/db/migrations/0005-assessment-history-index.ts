import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Every write runs the safety rules over the patient's whole assessment history
 * (loadAssessmentsForSafety). On SQLite the patient index is replaced by one that also holds, per
 * assessment, the JSON entry that read returns: SQLite stores the expression's value in the index, so
 * the read is one range scan that joins stored text, with no table lookup and no JSON built per row.
 * SQLite uses the stored value only where a query repeats the expression exactly (the query in
 * assessment.service.ts; a test checks its plan). Its leading columns are the old index's, so every
 * query that used the old index can use this one. PostgreSQL keeps its index: its planner and storage
 * differ, and nothing here was measured there.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'sqlite') return;
  await db.schema.dropIndex('assessments_patient_idx').execute();
  await sql`CREATE INDEX assessments_history_idx ON assessments (
    clinic_id, patient_id, instrument, completed_at,
    json_array(id, course_id, instrument, completed_at, json(answers), total, band, complete, json(flags))
  )`.execute(db);
}
