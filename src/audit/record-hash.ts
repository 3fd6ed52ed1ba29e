import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { prepared, type PreparedQuery } from '../db/prepared.js';
import type { Database } from '../db/schema.js';

/**
 * The records whose integrity the audit trail vouches for: every table a write goes through that matters
 * for what a clinician, a patient or an administrator can see or do. Each audited write of one of them
 * ('create', 'update' or 'submit' naming the record) carries the hash of the row as it stands in the
 * write's transaction, and `onset audit verify` compares every current row with the latest such hash.
 *
 * Columns a request updates without an audited write are left out: users' failed_sign_ins and
 * locked_until (the lockout counter), api_tokens' last_used_at (touched on use). Sessions, idempotency
 * keys, the mail outboxes and the schedule tables are not covered: sessions are touched on every request
 * and the others are derived or transient. The clinic row is covered for its settings only (name and time
 * zone are changed by PATCH /clinic, which does not seal a record).
 */
export interface RecordTable {
  table: keyof Database;
  /** The primary key after clinic_id ('clinic_id' itself for the clinic's settings). */
  idColumn: 'id' | 'clinic_id';
  /** The hashed columns, in the fixed order of the canonical form. */
  columns: readonly string[];
}

const CLINICAL = ['clinic_id', 'id', 'patient_id'];

/** Audit entity name → its table. */
export const RECORD_TABLES: Readonly<Record<string, RecordTable>> = {
  patient: {
    table: 'patients',
    idColumn: 'id',
    columns: [
      'clinic_id',
      'id',
      'label',
      'name',
      'email',
      'phone',
      'birth_year',
      'sex',
      'weight_kg',
      'conditions',
      'history',
      'synthetic',
      'created_at',
      'updated_at',
    ],
  },
  course: {
    table: 'courses',
    idColumn: 'id',
    columns: [
      ...CLINICAL,
      'started_at',
      'ended_at',
      'phase',
      'primary_instrument',
      'modality',
      'default_price_cents',
      'usual_drug',
      'usual_route',
      'usual_mg',
      'notes',
      'created_at',
      'updated_at',
    ],
  },
  dose: {
    table: 'doses',
    idColumn: 'id',
    columns: [
      ...CLINICAL,
      'course_id',
      'given_at',
      'drug',
      'route',
      'mg',
      'mg_per_kg',
      'setting',
      'observation_minutes',
      'systolic_before',
      'diastolic_before',
      'heart_rate_before',
      'spo2_before',
      'systolic_after',
      'diastolic_after',
      'heart_rate_after',
      'spo2_after',
      'dissociation',
      'price_cents',
      'notes',
      'created_at',
      'updated_at',
    ],
  },
  assessment: {
    table: 'assessments',
    idColumn: 'id',
    columns: [
      ...CLINICAL,
      'course_id',
      'instrument',
      'completed_at',
      'source',
      'entered_by',
      'answers',
      'total',
      'subscales',
      'band',
      'complete',
      'prorated',
      'flags',
      'created_at',
    ],
  },
  'adverse-event': {
    table: 'adverse_events',
    idColumn: 'id',
    columns: [
      ...CLINICAL,
      'dose_id',
      'category',
      'grade',
      'onset_at',
      'action',
      'outcome',
      'notes',
      'created_at',
      'updated_at',
    ],
  },
  'therapy-session': {
    table: 'therapy_sessions',
    idColumn: 'id',
    columns: [...CLINICAL, 'course_id', 'held_at', 'kind', 'modality', 'minutes', 'notes', 'created_at', 'updated_at'],
  },
  // The submitted PDF is sealed through its SHA-256 (form_sha256), not hashed again whole.
  'rems-session': {
    table: 'rems_sessions',
    idColumn: 'id',
    columns: [
      ...CLINICAL,
      'dose_id',
      'before_systolic',
      'before_diastolic',
      'before_at',
      'forty_minute_systolic',
      'forty_minute_diastolic',
      'forty_minute_at',
      'discharge_systolic',
      'discharge_diastolic',
      'discharge_at',
      'vitals_acceptable_before',
      'vitals_acceptable_at_completion',
      'sedation',
      'sedation_note',
      'dissociation',
      'dissociation_note',
      'respiratory_depression',
      'respiratory_depression_note',
      'pulse_oximetry',
      'ready_to_leave_at',
      'discharged_at',
      'devices_used',
      'lot_number',
      'serious_adverse_event',
      'serious_adverse_event_description',
      'benzodiazepines',
      'non_benzodiazepine_sedative_hypnotics',
      'psychostimulants',
      'maois',
      'patient_birth_date',
      'provider_name',
      'provider_phone',
      'provider_email',
      'setting_name',
      'setting_address',
      'notes',
      'form_submitted_at',
      'form_submitted_by',
      'form_sha256',
      'created_at',
      'updated_at',
    ],
  },
  medication: {
    table: 'medications',
    idColumn: 'id',
    columns: [...CLINICAL, 'name', 'drug_class', 'dose_text', 'started_on', 'stopped_on', 'created_at', 'updated_at'],
  },
  alert: {
    table: 'alerts',
    idColumn: 'id',
    columns: [
      ...CLINICAL,
      'rule',
      'severity',
      'status',
      'episode_key',
      'raised_at',
      'evidence',
      'acknowledged_by',
      'acknowledged_at',
      'acknowledge_comment',
      'resolved_by',
      'resolved_at',
      'resolve_comment',
      'created_at',
      'updated_at',
    ],
  },
  user: {
    table: 'users',
    idColumn: 'id',
    columns: [
      'clinic_id',
      'id',
      'email',
      'display_name',
      'role',
      'password_hash',
      'totp_secret',
      'disabled_at',
      'created_at',
      'updated_at',
    ],
  },
  'patient-link': {
    table: 'patient_links',
    idColumn: 'id',
    columns: [
      ...CLINICAL,
      'purpose',
      'instrument',
      'course_id',
      'token_hash',
      'created_by',
      'created_at',
      'expires_at',
      'used_at',
      'revoked_at',
    ],
  },
  'api-token': {
    table: 'api_tokens',
    idColumn: 'id',
    columns: ['clinic_id', 'id', 'user_id', 'name', 'token_hash', 'created_at', 'revoked_at'],
  },
  'clinic-settings': { table: 'clinics', idColumn: 'clinic_id', columns: ['clinic_id', 'settings'] },
};

/** The actions that write the record they name. */
const WRITES = new Set(['create', 'update', 'submit']);

/** The covered table an audit entry's record is in, when the entry is a write of one. */
export function recordTableOf(action: string, entity: string, entityId: string | null): RecordTable | undefined {
  if (entityId === null || !WRITES.has(action)) return undefined;
  return Object.hasOwn(RECORD_TABLES, entity) ? RECORD_TABLES[entity] : undefined;
}

type Row = Record<string, unknown>;

/** SHA-256 over the row's canonical form: a JSON array of the table name and its columns in fixed order. */
export function recordHash(spec: RecordTable, row: Row): string {
  return createHash('sha256')
    .update(JSON.stringify([spec.table, ...spec.columns.map((column) => row[column] ?? null)]))
    .digest('hex');
}

type LooseDb = Kysely<Record<string, Record<string, unknown>>>;
const readers = new Map<RecordTable, PreparedQuery<{ clinicId: string; id: string }, Row>>();

// One primary-key read per audited write, prepared once per table.
function readerFor(spec: RecordTable): PreparedQuery<{ clinicId: string; id: string }, Row> {
  let reader = readers.get(spec);
  if (reader === undefined) {
    const byId = spec.idColumn === 'id';
    reader = prepared<{ clinicId: string; id: string }, Row>(
      (db, a) => {
        const query = (db as unknown as LooseDb)
          .selectFrom(spec.table)
          .select(spec.columns as string[])
          .where('clinic_id', '=', a.clinicId);
        return byId ? query.where('id', '=', a.id) : query;
      },
      byId ? ['clinicId', 'id'] : ['clinicId'],
    );
    readers.set(spec, reader);
  }
  return reader;
}

/**
 * The hash of the record as it stands now in `db`'s transaction, read back rather than taken from the
 * caller, so it is what the database holds (and what verify will read) whatever path wrote it.
 */
export async function currentRecordHash(
  db: Kysely<Database>,
  spec: RecordTable,
  clinicId: string,
  id: string,
): Promise<string | null> {
  const [row] = (await readerFor(spec)(db, { clinicId, id })).rows;
  return row === undefined ? null : recordHash(spec, row);
}

/** Every covered row of one clinic in one table, a page at a time, for verification. */
export async function* clinicRecords(db: Kysely<Database>, spec: RecordTable, clinicId: string): AsyncGenerator<Row> {
  const loose = db as unknown as LooseDb;
  let after: string | null = null;
  for (;;) {
    let query = loose
      .selectFrom(spec.table)
      .select(spec.columns as string[])
      .where('clinic_id', '=', clinicId);
    if (spec.idColumn === 'id') {
      if (after !== null) query = query.where('id', '>', after);
      query = query.orderBy('id').limit(1000);
    }
    const rows = (await query.execute()) as Row[];
    yield* rows;
    const last = rows.at(-1);
    if (spec.idColumn !== 'id' || rows.length < 1000 || last === undefined) return;
    after = last.id as string;
  }
}
