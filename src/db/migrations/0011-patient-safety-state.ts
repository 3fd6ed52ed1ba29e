import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { columnTypes } from './0001-clinical-records.js';

/**
 * What the safety rules last evaluated each patient under (src/safety/hooks.ts): the rules' version and
 * the clinic settings they read across the history. A write that adds a record evaluates from that
 * record on only while this basis still holds; otherwise it evaluates the whole history and records the
 * new basis. A patient without a row is evaluated whole on the next write.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { ts } = columnTypes(engine);
  await db.schema
    .createTable('patient_safety_state')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('evaluated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('patient_safety_state_pk', ['clinic_id', 'patient_id'])
    .addForeignKeyConstraint('patient_safety_state_patient_fk', ['clinic_id', 'patient_id'], 'patients', [
      'clinic_id',
      'id',
    ])
    .execute();
}
