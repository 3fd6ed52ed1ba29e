import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { columnTypes } from './0001-clinical-records.js';

/**
 * One row per patient with what the work queue sorts and shows (src/patients/patient-summary.repository.ts):
 * open alerts by severity, the latest dose, the primary instrument and its two latest scores. Every write
 * that changes one of them rewrites the patient's row in its own transaction, so the work queue reads a
 * page of rows instead of aggregating every clinic's history. Patients without a row (written before this
 * migration, or loaded in bulk) get one when the database is next migrated (migrate.ts).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { ts, real } = columnTypes(engine);
  await db.schema
    .createTable('patient_summary')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('urgent_open', 'integer', (c) => c.notNull())
    .addColumn('warning_open', 'integer', (c) => c.notNull())
    .addColumn('info_open', 'integer', (c) => c.notNull())
    .addColumn('last_dose_at', ts)
    .addColumn('primary_instrument', 'text')
    .addColumn('latest_total', real)
    .addColumn('latest_band', 'text')
    .addColumn('latest_at', ts)
    .addColumn('previous_total', real)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('patient_summary_pk', ['clinic_id', 'patient_id'])
    .addForeignKeyConstraint('patient_summary_patient_fk', ['clinic_id', 'patient_id'], 'patients', ['clinic_id', 'id'])
    .execute();
}
