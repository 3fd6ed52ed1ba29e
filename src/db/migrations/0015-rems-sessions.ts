import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { columnTypes } from './0001-clinical-records.js';

/**
 * One monitored session per esketamine dose, as the SPRAVATO REMS Patient Monitoring Form asks for it
 * (docs/rems.md): the three blood pressure readings with their times, what was observed, pulse oximetry,
 * ready-to-leave and discharge times, device count and lot, serious adverse events, the concomitant
 * medication questions, and the form once submitted (who, when, the PDF and its SHA-256).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { ts } = columnTypes(engine);
  const int = 'integer' as const;
  await db.schema
    .createTable('rems_sessions')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('dose_id', 'text', (c) => c.notNull())
    .addColumn('before_systolic', int)
    .addColumn('before_diastolic', int)
    .addColumn('before_at', ts)
    .addColumn('forty_minute_systolic', int)
    .addColumn('forty_minute_diastolic', int)
    .addColumn('forty_minute_at', ts)
    .addColumn('discharge_systolic', int)
    .addColumn('discharge_diastolic', int)
    .addColumn('discharge_at', ts)
    .addColumn('vitals_acceptable_before', int)
    .addColumn('vitals_acceptable_at_completion', int)
    .addColumn('sedation', int)
    .addColumn('sedation_note', 'text')
    .addColumn('dissociation', int)
    .addColumn('dissociation_note', 'text')
    .addColumn('respiratory_depression', int)
    .addColumn('respiratory_depression_note', 'text')
    .addColumn('pulse_oximetry', 'text', (c) => c.notNull())
    .addColumn('ready_to_leave_at', ts)
    .addColumn('discharged_at', ts)
    .addColumn('devices_used', int)
    .addColumn('lot_number', 'text')
    .addColumn('serious_adverse_event', int)
    .addColumn('serious_adverse_event_description', 'text')
    .addColumn('benzodiazepines', int)
    .addColumn('non_benzodiazepine_sedative_hypnotics', int)
    .addColumn('psychostimulants', int)
    .addColumn('maois', int)
    .addColumn('patient_birth_date', 'text')
    .addColumn('provider_name', 'text')
    .addColumn('provider_phone', 'text')
    .addColumn('provider_email', 'text')
    .addColumn('setting_name', 'text')
    .addColumn('setting_address', 'text')
    .addColumn('notes', 'text')
    .addColumn('form_submitted_at', ts)
    .addColumn('form_submitted_by', 'text')
    .addColumn('form_sha256', 'text')
    .addColumn('form_pdf', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('rems_sessions_pk', ['clinic_id', 'id'])
    .addUniqueConstraint('rems_sessions_dose_unique', ['clinic_id', 'dose_id'])
    .addForeignKeyConstraint('rems_sessions_clinic_fk', ['clinic_id'], 'clinics', ['clinic_id'])
    .addForeignKeyConstraint('rems_sessions_patient_fk', ['clinic_id', 'patient_id'], 'patients', ['clinic_id', 'id'])
    .addForeignKeyConstraint('rems_sessions_dose_fk', ['clinic_id', 'dose_id'], 'doses', ['clinic_id', 'id'])
    .execute();
  await db.schema
    .createIndex('rems_sessions_patient_idx')
    .on('rems_sessions')
    .columns(['clinic_id', 'patient_id', 'created_at'])
    .execute();
}
