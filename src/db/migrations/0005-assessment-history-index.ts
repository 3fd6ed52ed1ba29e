import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Every write runs the safety rules over the patient's whole assessment history
 * (loadAssessmentsForSafety). On SQLite the patient index is replaced by one that also holds the
 * columns the rules read, so that read is one range scan of the index instead of an index scan and a
 * table lookup per assessment. Its leading columns are the old index's, so every query that used the
 * old index can use this one. PostgreSQL keeps its index: its planner and storage differ, and nothing
 * here was measured there.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  if (engine !== 'sqlite') return;
  await db.schema.dropIndex('assessments_patient_idx').execute();
  await db.schema
    .createIndex('assessments_history_idx')
    .on('assessments')
    .columns(['clinic_id', 'patient_id', 'instrument', 'completed_at', 'id', 'course_id', 'total', 'band', 'complete', 'answers', 'flags'])
    .execute();
}
