/**
 * The columns `onset import csv` reads for each kind of record: the cell's type, the Onset field it
 * fills, and whether it is required. Columns an export writes but Onset derives or assigns itself
 * (ids, stamps, scores) are accepted and ignored, so an export imports back unchanged.
 */
export type CsvKind = 'patients' | 'courses' | 'doses' | 'assessments';
export const CSV_KINDS: readonly CsvKind[] = ['patients', 'courses', 'doses', 'assessments'];

export type CellType = 'text' | 'integer' | 'number' | 'date-time' | 'boolean' | 'list';

export interface ImportColumn {
  column: string;
  /** The Onset body field; `patientId` and `courseId` are resolved from the label and course start. */
  field: string;
  type: CellType;
  required?: boolean;
}

const col = (column: string, field: string, type: CellType, required = false): ImportColumn => ({
  column,
  field,
  type,
  required,
});

/** The patient, by label: every kind but patients. */
const PATIENT = col('patient_label', 'patientId', 'text', true);
/** The course, by when it started: blank means the course in progress at the record's time (doses) or none. */
const COURSE = col('course_started_at', 'courseId', 'date-time');

export const IMPORT_COLUMNS: Readonly<Record<CsvKind, readonly ImportColumn[]>> = {
  patients: [
    col('label', 'label', 'text', true),
    col('name', 'name', 'text'),
    col('email', 'email', 'text'),
    col('phone', 'phone', 'text'),
    col('birth_year', 'birthYear', 'integer'),
    col('sex', 'sex', 'text'),
    col('weight_kg', 'weightKg', 'number'),
    col('conditions', 'conditions', 'list'),
    col('history', 'history', 'list'),
    col('synthetic', 'synthetic', 'boolean'),
  ],
  courses: [
    PATIENT,
    col('started_at', 'startedAt', 'date-time', true),
    col('ended_at', 'endedAt', 'date-time'),
    col('phase', 'phase', 'text'),
    col('primary_instrument', 'primaryInstrument', 'text', true),
    col('modality', 'modality', 'text'),
    col('default_price_usd', 'defaultPriceUsd', 'number'),
    col('usual_drug', 'usualDrug', 'text'),
    col('usual_route', 'usualRoute', 'text'),
    col('usual_mg', 'usualMg', 'number'),
    col('notes', 'notes', 'text'),
  ],
  doses: [
    PATIENT,
    COURSE,
    col('given_at', 'givenAt', 'date-time', true),
    col('drug', 'drug', 'text', true),
    col('route', 'route', 'text', true),
    col('mg', 'mg', 'number', true),
    col('setting', 'setting', 'text', true),
    col('observation_minutes', 'observationMinutes', 'integer'),
    col('systolic_before', 'systolicBefore', 'integer'),
    col('diastolic_before', 'diastolicBefore', 'integer'),
    col('heart_rate_before', 'heartRateBefore', 'integer'),
    col('spo2_before', 'spo2Before', 'integer'),
    col('systolic_after', 'systolicAfter', 'integer'),
    col('diastolic_after', 'diastolicAfter', 'integer'),
    col('heart_rate_after', 'heartRateAfter', 'integer'),
    col('spo2_after', 'spo2After', 'integer'),
    col('dissociation', 'dissociation', 'integer'),
    col('price_usd', 'priceUsd', 'number'),
    col('notes', 'notes', 'text'),
  ],
  // Item answers come in `item_<linkId>` columns (see ITEM_PREFIX).
  assessments: [
    PATIENT,
    COURSE,
    col('instrument', 'instrument', 'text', true),
    col('completed_at', 'completedAt', 'date-time', true),
    col('source', 'source', 'text'),
  ],
};

export const ITEM_PREFIX = 'item_';

/** Written by exports, derived or assigned by Onset: accepted on import and not read. */
export const IGNORED_COLUMNS: Readonly<Record<CsvKind, readonly string[]>> = {
  patients: ['id', 'created_at', 'updated_at'],
  courses: ['id', 'patient_id', 'created_at', 'updated_at'],
  doses: ['id', 'patient_id', 'course_id', 'mg_per_kg', 'created_at', 'updated_at'],
  assessments: [
    'id',
    'patient_id',
    'course_id',
    'entered_by',
    'total',
    'band',
    'complete',
    'prorated',
    'subscales',
    'flags',
    'created_at',
  ],
};
