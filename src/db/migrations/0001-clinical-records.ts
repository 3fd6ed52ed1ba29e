import type { Kysely, CreateTableBuilder } from 'kysely';
import type { Engine } from '../database.js';

type Builder = CreateTableBuilder<string>;

/** Column types that differ by engine; everything else is written once. */
export function columnTypes(engine: Engine): { ts: 'timestamptz' | 'text'; real: 'double precision' | 'real' } {
  return engine === 'postgres' ? { ts: 'timestamptz', real: 'double precision' } : { ts: 'text', real: 'real' };
}

/** Every table but clinics: clinic_id, id, primary key on both, created/updated stamps. */
function tenantTable(db: Kysely<unknown>, name: string, engine: Engine, columns: (t: Builder) => Builder): Builder {
  const { ts } = columnTypes(engine);
  let table = db.schema
    .createTable(name)
    .addColumn('clinic_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull()) as Builder;
  table = columns(table);
  return table
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint(`${name}_pk`, ['clinic_id', 'id'] as never[])
    .addForeignKeyConstraint(`${name}_clinic_fk`, ['clinic_id'] as never[], 'clinics', ['clinic_id']);
}

function withPatient(table: Builder, name: string): Builder {
  return table.addForeignKeyConstraint(`${name}_patient_fk`, ['clinic_id', 'patient_id'] as never[], 'patients', [
    'clinic_id',
    'id',
  ]);
}

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { ts, real } = columnTypes(engine);

  await db.schema
    .createTable('clinics')
    .addColumn('clinic_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await tenantTable(db, 'users', engine, (t) =>
    t
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('disabled_at', ts),
  )
    .addUniqueConstraint('users_email_uq', ['clinic_id', 'email'] as never[])
    .execute();

  await tenantTable(db, 'patients', engine, (t) =>
    t
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('birth_year', 'integer')
      .addColumn('sex', 'text')
      .addColumn('weight_kg', real)
      .addColumn('conditions', 'text', (c) => c.notNull())
      .addColumn('history', 'text', (c) => c.notNull())
      .addColumn('synthetic', 'integer', (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull()),
  )
    .addUniqueConstraint('patients_label_uq', ['clinic_id', 'label'] as never[])
    .execute();

  await withPatient(
    tenantTable(db, 'courses', engine, (t) =>
      t
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('started_at', ts, (c) => c.notNull())
        .addColumn('ended_at', ts)
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('primary_instrument', 'text', (c) => c.notNull())
        .addColumn('modality', 'text', (c) => c.notNull())
        .addColumn('default_price_cents', 'integer')
        .addColumn('usual_drug', 'text')
        .addColumn('usual_route', 'text')
        .addColumn('usual_mg', real)
        .addColumn('notes', 'text')
        .addColumn('updated_at', ts, (c) => c.notNull()),
    ),
    'courses',
  ).execute();

  await withPatient(
    tenantTable(db, 'doses', engine, (t) =>
      t
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('course_id', 'text', (c) => c.notNull())
        .addColumn('given_at', ts, (c) => c.notNull())
        .addColumn('drug', 'text', (c) => c.notNull())
        .addColumn('route', 'text', (c) => c.notNull())
        .addColumn('mg', real, (c) => c.notNull())
        .addColumn('mg_per_kg', real)
        .addColumn('setting', 'text', (c) => c.notNull())
        .addColumn('observation_minutes', 'integer')
        .addColumn('systolic_before', 'integer')
        .addColumn('diastolic_before', 'integer')
        .addColumn('heart_rate_before', 'integer')
        .addColumn('spo2_before', 'integer')
        .addColumn('systolic_after', 'integer')
        .addColumn('diastolic_after', 'integer')
        .addColumn('heart_rate_after', 'integer')
        .addColumn('spo2_after', 'integer')
        .addColumn('dissociation', 'integer')
        .addColumn('price_cents', 'integer')
        .addColumn('notes', 'text')
        .addColumn('updated_at', ts, (c) => c.notNull()),
    ),
    'doses',
  )
    .addForeignKeyConstraint('doses_course_fk', ['clinic_id', 'course_id'] as never[], 'courses', ['clinic_id', 'id'])
    .execute();

  await withPatient(
    tenantTable(db, 'assessments', engine, (t) =>
      t
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('course_id', 'text')
        .addColumn('instrument', 'text', (c) => c.notNull())
        .addColumn('completed_at', ts, (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('entered_by', 'text')
        .addColumn('answers', 'text', (c) => c.notNull())
        .addColumn('total', real)
        .addColumn('subscales', 'text', (c) => c.notNull())
        .addColumn('band', 'text')
        .addColumn('complete', 'integer', (c) => c.notNull())
        .addColumn('prorated', 'integer', (c) => c.notNull())
        .addColumn('flags', 'text', (c) => c.notNull()),
    ),
    'assessments',
  )
    .addForeignKeyConstraint('assessments_course_fk', ['clinic_id', 'course_id'] as never[], 'courses', [
      'clinic_id',
      'id',
    ])
    .execute();

  await withPatient(
    tenantTable(db, 'adverse_events', engine, (t) =>
      t
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('dose_id', 'text')
        .addColumn('category', 'text', (c) => c.notNull())
        .addColumn('grade', 'integer', (c) => c.notNull())
        .addColumn('onset_at', ts, (c) => c.notNull())
        .addColumn('action', 'text')
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('updated_at', ts, (c) => c.notNull()),
    ),
    'adverse_events',
  )
    .addForeignKeyConstraint('adverse_events_dose_fk', ['clinic_id', 'dose_id'] as never[], 'doses', [
      'clinic_id',
      'id',
    ])
    .execute();

  await withPatient(
    tenantTable(db, 'therapy_sessions', engine, (t) =>
      t
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('course_id', 'text')
        .addColumn('held_at', ts, (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('modality', 'text', (c) => c.notNull())
        .addColumn('minutes', 'integer', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('updated_at', ts, (c) => c.notNull()),
    ),
    'therapy_sessions',
  )
    .addForeignKeyConstraint('therapy_sessions_course_fk', ['clinic_id', 'course_id'] as never[], 'courses', [
      'clinic_id',
      'id',
    ])
    .execute();

  await withPatient(
    tenantTable(db, 'medications', engine, (t) =>
      t
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('drug_class', 'text', (c) => c.notNull())
        .addColumn('dose_text', 'text')
        .addColumn('started_on', 'text', (c) => c.notNull())
        .addColumn('stopped_on', 'text')
        .addColumn('updated_at', ts, (c) => c.notNull()),
    ),
    'medications',
  ).execute();

  await withPatient(
    tenantTable(db, 'alerts', engine, (t) =>
      t
        .addColumn('patient_id', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('episode_key', 'text', (c) => c.notNull())
        .addColumn('raised_at', ts, (c) => c.notNull())
        .addColumn('evidence', 'text', (c) => c.notNull())
        .addColumn('acknowledged_by', 'text')
        .addColumn('acknowledged_at', ts)
        .addColumn('acknowledge_comment', 'text')
        .addColumn('resolved_by', 'text')
        .addColumn('resolved_at', ts)
        .addColumn('resolve_comment', 'text')
        .addColumn('updated_at', ts, (c) => c.notNull()),
    ),
    'alerts',
  )
    .addUniqueConstraint('alerts_episode_uq', ['clinic_id', 'patient_id', 'rule', 'episode_key'] as never[])
    .execute();

  await db.schema
    .createTable('audit_entries')
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.clinic_id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('patient_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_entries_pk', ['clinic_id', 'seq'] as never[])
    .execute();

  const indexes: [string, string, string[]][] = [
    ['courses_patient_idx', 'courses', ['clinic_id', 'patient_id', 'started_at']],
    ['doses_patient_idx', 'doses', ['clinic_id', 'patient_id', 'given_at']],
    ['doses_given_idx', 'doses', ['clinic_id', 'given_at']],
    ['assessments_patient_idx', 'assessments', ['clinic_id', 'patient_id', 'instrument', 'completed_at']],
    ['adverse_events_patient_idx', 'adverse_events', ['clinic_id', 'patient_id', 'onset_at']],
    ['therapy_sessions_patient_idx', 'therapy_sessions', ['clinic_id', 'patient_id', 'held_at']],
    ['medications_patient_idx', 'medications', ['clinic_id', 'patient_id', 'started_on']],
    ['alerts_status_idx', 'alerts', ['clinic_id', 'status', 'raised_at']],
    ['alerts_patient_idx', 'alerts', ['clinic_id', 'patient_id', 'raised_at']],
    ['audit_entries_patient_idx', 'audit_entries', ['clinic_id', 'patient_id', 'seq']],
  ];
  for (const [name, table, columns] of indexes) {
    await db.schema.createIndex(name).on(table).columns(columns).execute();
  }
}
