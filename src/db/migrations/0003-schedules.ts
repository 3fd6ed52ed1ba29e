import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { columnTypes } from './0001-clinical-records.js';

/**
 * Measurement schedules: clinic-edited templates, each course's schedule, the due assessments expanded
 * from it, and the mail outbox that delivers their links. The outbox's unique key (clinic, due item,
 * kind) makes enqueueing the same e-mail twice impossible, whichever worker tries.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { ts } = columnTypes(engine);

  await db.schema
    .createTable('clinic_schedule_templates')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('clinic_schedule_templates_pk', ['clinic_id', 'id'])
    .addForeignKeyConstraint('clinic_schedule_templates_clinic_fk', ['clinic_id'], 'clinics', ['clinic_id'])
    .execute();

  await db.schema
    .createTable('course_schedules')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text')
    .addColumn('schedule', 'text', (c) => c.notNull())
    .addColumn('maintenance_started_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('course_schedules_pk', ['clinic_id', 'course_id'])
    .addForeignKeyConstraint('course_schedules_course_fk', ['clinic_id', 'course_id'], 'courses', ['clinic_id', 'id'])
    .execute();

  await db.schema
    .createTable('due_assessments')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('course_id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('anchor', 'text', (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts)
    .addColumn('reminder_at', ts)
    .addColumn('completed_at', ts)
    .addColumn('assessment_id', 'text')
    .addColumn('link_id', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('due_assessments_pk', ['clinic_id', 'id'])
    .addUniqueConstraint('due_assessments_key_uq', ['clinic_id', 'course_id', 'key'])
    .addForeignKeyConstraint('due_assessments_patient_fk', ['clinic_id', 'patient_id'], 'patients', ['clinic_id', 'id'])
    .addForeignKeyConstraint('due_assessments_course_fk', ['clinic_id', 'course_id'], 'courses', ['clinic_id', 'id'])
    .addForeignKeyConstraint('due_assessments_assessment_fk', ['clinic_id', 'assessment_id'], 'assessments', [
      'clinic_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('due_assessment_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('not_before', ts, (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', ts)
    .addColumn('sent_at', ts)
    .addColumn('last_error', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_outbox_pk', ['clinic_id', 'id'])
    .addUniqueConstraint('mail_outbox_once_uq', ['clinic_id', 'due_assessment_id', 'kind'])
    .addForeignKeyConstraint('mail_outbox_due_fk', ['clinic_id', 'due_assessment_id'], 'due_assessments', [
      'clinic_id',
      'id',
    ])
    .execute();

  const indexes: [string, string, string[]][] = [
    ['due_assessments_due_idx', 'due_assessments', ['clinic_id', 'due_at']],
    ['due_assessments_patient_idx', 'due_assessments', ['clinic_id', 'patient_id', 'due_at']],
    ['mail_outbox_state_idx', 'mail_outbox', ['clinic_id', 'state', 'not_before']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}
