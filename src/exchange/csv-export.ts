/**
 * `onset export csv`: one CSV file per record type. Patients are named by label in every file, and
 * doses and assessments name their course by its start, so patients.csv, courses.csv, doses.csv and
 * assessments.csv import back into another clinic (`onset import csv`).
 */
import type { Alert } from '../alerts/alert.schema.js';
import type { Assessment } from '../assessments/assessment.schema.js';
import type { Course } from '../courses/course.schema.js';
import type { PatientRecords } from '../fhir/load.js';
import { listInstruments } from '../instruments/registry.js';
import type { ServiceContext } from '../records/context.js';
import { auditExport, countRecords, loadClinicData, type ClinicData, type ExportOptions } from './clinic-data.js';
import { formatCsv, type Cell } from '../shared/csv.js';

export interface CsvFile {
  name: string;
  text: string;
}

type Column<R> = readonly [header: string, value: (record: R, patient: PatientRecords) => Cell];

/** Turns each patient's records of one kind into rows with the given columns. */
function table<R>(
  name: string,
  columns: readonly Column<R>[],
  pick: (p: PatientRecords) => readonly R[],
  data: ClinicData,
): CsvFile {
  const rows = data.patients.flatMap((p) => pick(p).map((record) => columns.map(([, value]) => value(record, p))));
  return {
    name,
    text: formatCsv(
      columns.map(([header]) => header),
      rows,
    ),
  };
}

const courseStart = (courseId: string | null, p: PatientRecords): Cell =>
  courseId === null ? null : (p.courses.find((c: Course) => c.id === courseId)?.startedAt ?? null);
const label = (_r: unknown, p: PatientRecords): Cell => p.patient.label;

const PATIENT_COLUMNS: readonly Column<PatientRecords['patient']>[] = [
  ['id', (r) => r.id],
  ['label', (r) => r.label],
  ['name', (r) => r.name],
  ['email', (r) => r.email],
  ['phone', (r) => r.phone],
  ['birth_year', (r) => r.birthYear],
  ['sex', (r) => r.sex ?? null],
  ['weight_kg', (r) => r.weightKg],
  ['conditions', (r) => r.conditions],
  ['history', (r) => r.history],
  ['synthetic', (r) => r.synthetic],
  ['created_at', (r) => r.createdAt],
  ['updated_at', (r) => r.updatedAt],
];

const COURSE_COLUMNS: readonly Column<Course>[] = [
  ['id', (r) => r.id],
  ['patient_id', (r) => r.patientId],
  ['patient_label', label],
  ['started_at', (r) => r.startedAt],
  ['ended_at', (r) => r.endedAt],
  ['phase', (r) => r.phase],
  ['primary_instrument', (r) => r.primaryInstrument],
  ['modality', (r) => r.modality],
  ['default_price_usd', (r) => r.defaultPriceUsd],
  ['usual_drug', (r) => r.usualDrug ?? null],
  ['usual_route', (r) => r.usualRoute ?? null],
  ['usual_mg', (r) => r.usualMg],
  ['notes', (r) => r.notes],
  ['created_at', (r) => r.createdAt],
  ['updated_at', (r) => r.updatedAt],
];

type DoseRecord = PatientRecords['doses'][number];
const DOSE_COLUMNS: readonly Column<DoseRecord>[] = [
  ['id', (r) => r.id],
  ['patient_id', (r) => r.patientId],
  ['patient_label', label],
  ['course_id', (r) => r.courseId],
  ['course_started_at', (r, p) => courseStart(r.courseId, p)],
  ['given_at', (r) => r.givenAt],
  ['drug', (r) => r.drug],
  ['route', (r) => r.route],
  ['mg', (r) => r.mg],
  ['mg_per_kg', (r) => r.mgPerKg],
  ['setting', (r) => r.setting],
  ['observation_minutes', (r) => r.observationMinutes],
  ['systolic_before', (r) => r.systolicBefore],
  ['diastolic_before', (r) => r.diastolicBefore],
  ['heart_rate_before', (r) => r.heartRateBefore],
  ['spo2_before', (r) => r.spo2Before],
  ['systolic_after', (r) => r.systolicAfter],
  ['diastolic_after', (r) => r.diastolicAfter],
  ['heart_rate_after', (r) => r.heartRateAfter],
  ['spo2_after', (r) => r.spo2After],
  ['dissociation', (r) => r.dissociation],
  ['price_usd', (r) => r.priceUsd],
  ['notes', (r) => r.notes],
  ['created_at', (r) => r.createdAt],
  ['updated_at', (r) => r.updatedAt],
];

/** Item columns `item_<linkId>` for the instruments present, in library order, each linkId once. */
export function itemColumns(assessments: readonly Assessment[]): string[] {
  const used = new Set(assessments.map((a) => a.instrument));
  const columns = listInstruments()
    .filter((def) => used.has(def.id))
    .flatMap((def) => def.items.map((item) => `item_${item.linkId}`));
  return [...new Set(columns)];
}

function assessmentColumns(items: readonly string[]): Column<Assessment>[] {
  return [
    ['id', (r) => r.id],
    ['patient_id', (r) => r.patientId],
    ['patient_label', label],
    ['course_id', (r) => r.courseId],
    ['course_started_at', (r, p) => courseStart(r.courseId, p)],
    ['instrument', (r) => r.instrument],
    ['completed_at', (r) => r.completedAt],
    ['source', (r) => r.source],
    ['entered_by', (r) => r.enteredBy],
    ['total', (r) => r.total],
    ['band', (r) => r.band],
    ['complete', (r) => r.complete],
    ['prorated', (r) => r.prorated],
    ['subscales', (r) => Object.entries(r.subscales).map(([k, v]) => `${k}=${v ?? ''}`)],
    ['flags', (r) => r.flags],
    ...items.map((column): Column<Assessment> => [column, (r) => r.answers[column.slice('item_'.length)] ?? null]),
    ['created_at', (r) => r.createdAt],
  ];
}

type EventRecord = PatientRecords['adverseEvents'][number];
const ADVERSE_EVENT_COLUMNS: readonly Column<EventRecord>[] = [
  ['id', (r) => r.id],
  ['patient_id', (r) => r.patientId],
  ['patient_label', label],
  ['dose_id', (r) => r.doseId],
  ['category', (r) => r.category],
  ['grade', (r) => r.grade],
  ['onset_at', (r) => r.onsetAt],
  ['action', (r) => r.action ?? null],
  ['outcome', (r) => r.outcome],
  ['notes', (r) => r.notes],
  ['created_at', (r) => r.createdAt],
  ['updated_at', (r) => r.updatedAt],
];

type SessionRecord = PatientRecords['therapySessions'][number];
const THERAPY_COLUMNS: readonly Column<SessionRecord>[] = [
  ['id', (r) => r.id],
  ['patient_id', (r) => r.patientId],
  ['patient_label', label],
  ['course_id', (r) => r.courseId],
  ['held_at', (r) => r.heldAt],
  ['kind', (r) => r.kind],
  ['modality', (r) => r.modality],
  ['minutes', (r) => r.minutes],
  ['notes', (r) => r.notes],
  ['created_at', (r) => r.createdAt],
  ['updated_at', (r) => r.updatedAt],
];

type MedicationRecord = PatientRecords['medications'][number];
const MEDICATION_COLUMNS: readonly Column<MedicationRecord>[] = [
  ['id', (r) => r.id],
  ['patient_id', (r) => r.patientId],
  ['patient_label', label],
  ['name', (r) => r.name],
  ['drug_class', (r) => r.drugClass],
  ['dose_text', (r) => r.doseText],
  ['started_on', (r) => r.startedOn],
  ['stopped_on', (r) => r.stoppedOn],
  ['created_at', (r) => r.createdAt],
  ['updated_at', (r) => r.updatedAt],
];

const ALERT_HEADER = [
  'id',
  'patient_id',
  'patient_label',
  'rule',
  'severity',
  'status',
  'raised_at',
  'evidence',
  'acknowledged_at',
  'acknowledge_comment',
  'resolved_at',
  'resolve_comment',
];

function alertsFile(data: ClinicData): CsvFile {
  const labels = new Map(data.patients.map((p) => [p.patient.id, p.patient.label]));
  const rows = data.alerts.map((a: Alert): Cell[] => [
    a.id,
    a.patientId,
    labels.get(a.patientId) ?? null,
    a.rule,
    a.severity,
    a.status,
    a.raisedAt,
    Object.keys(a.evidence).length === 0 ? null : JSON.stringify(a.evidence),
    a.acknowledgedAt,
    a.acknowledgeComment,
    a.resolvedAt,
    a.resolveComment,
  ]);
  return { name: 'alerts.csv', text: formatCsv(ALERT_HEADER, rows) };
}

/** The CSV files of a clinic's data, one per record type. */
export function csvFiles(data: ClinicData): CsvFile[] {
  const assessments = data.patients.flatMap((p) => p.assessments);
  return [
    table('patients.csv', PATIENT_COLUMNS, (p) => [p.patient], data),
    table('courses.csv', COURSE_COLUMNS, (p) => p.courses, data),
    table('doses.csv', DOSE_COLUMNS, (p) => p.doses, data),
    table('assessments.csv', assessmentColumns(itemColumns(assessments)), (p) => p.assessments, data),
    table('adverse_events.csv', ADVERSE_EVENT_COLUMNS, (p) => p.adverseEvents, data),
    table('therapy_sessions.csv', THERAPY_COLUMNS, (p) => p.therapySessions, data),
    table('medications.csv', MEDICATION_COLUMNS, (p) => p.medications, data),
    alertsFile(data),
  ];
}

/** Exports the clinic as CSV files and audits the export. */
export async function exportCsv(
  ctx: ServiceContext,
  options: ExportOptions = {},
): Promise<{ files: CsvFile[]; counts: Record<string, number> }> {
  const data = await loadClinicData(ctx, options, true);
  const counts = countRecords(data);
  await auditExport(ctx, 'csv', options.deidentify !== undefined, counts);
  return { files: csvFiles(data), counts };
}
