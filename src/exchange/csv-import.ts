/**
 * `onset import csv KIND FILE`: patients, courses, doses or assessments from a spreadsheet, all or
 * nothing. Every row is checked (types and ranges first, then against the clinic inside one
 * transaction); if any row is refused nothing is written, and the error names every bad row, column and
 * reason ("line 5, column mg: must be greater than 0").
 */
import type { TObject } from '@sinclair/typebox';
import { assessmentService } from '../assessments/assessment.service.js';
import type { Course } from '../courses/course.schema.js';
import { courseService } from '../courses/course.service.js';
import { doseService } from '../doses/dose.service.js';
import { scoreAnswers } from '../instruments/score.js';
import { patientRepository } from '../patients/patient.repository.js';
import { patientService } from '../patients/patient.service.js';
import type { ServiceContext } from '../records/context.js';
import { inTransaction } from '../db/transaction.js';
import { invalid, invalidMany, isOnsetError, type FieldProblem } from '../shared/errors.js';
import { FORMATS } from '../shared/schema.js';
import { formatReason, schemaProblems } from '../shared/validate.js';
import { parseCsv, type CsvRecord } from '../stats/csv.js';
import { IGNORED_COLUMNS, IMPORT_COLUMNS, ITEM_PREFIX, type CsvKind, type ImportColumn } from './csv-columns.js';
import { readTextCell } from '../shared/csv.js';

const SERVICES = {
  patients: patientService,
  courses: courseService,
  doses: doseService,
  assessments: assessmentService,
} as const;
const SCHEMAS: Readonly<Record<CsvKind, TObject>> = {
  patients: patientService.schema,
  courses: courseService.schema,
  doses: doseService.schema,
  assessments: assessmentService.schema,
};
const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

/** What each position of the header holds. */
type Slot =
  | { kind: 'column'; spec: ImportColumn }
  | { kind: 'item'; column: string; linkId: string }
  | { kind: 'ignored' };

interface Row {
  line: number;
  body: Record<string, unknown>;
  patientLabel: string | undefined;
  courseStart: string | undefined;
  problems: FieldProblem[];
}

export interface CsvImportResult {
  kind: CsvKind;
  imported: number;
}

/** Imports one CSV file of `kind` into the context's clinic; throws, naming every bad row, when any row is refused. */
export async function importCsv(
  ctx: ServiceContext,
  kind: CsvKind,
  text: string,
  onProgress?: (done: number, total: number) => void,
): Promise<CsvImportResult> {
  const [header, ...records] = parseCsv(text);
  if (header === undefined) throw invalid('file', 'is empty; the first line must name the columns');
  const slots = readHeader(kind, header.fields);
  const rows = records.map((record) => readRow(kind, slots, record));
  return inTransaction(ctx, async (tx) => {
    let done = 0;
    for (const row of rows) {
      if (row.problems.length === 0) await writeRow(tx, kind, row, slots);
      onProgress?.((done += 1), rows.length);
    }
    const problems = rows.flatMap((row) => row.problems);
    if (problems.length > 0) throw invalidMany(problems);
    return { kind, imported: rows.length };
  });
}

function readHeader(kind: CsvKind, names: readonly string[]): Slot[] {
  const specs = IMPORT_COLUMNS[kind];
  const problems: FieldProblem[] = [];
  const slots = names.map((raw): Slot => {
    const name = raw.trim();
    const spec = specs.find((s) => s.column === name);
    if (spec !== undefined) return { kind: 'column', spec };
    if (kind === 'assessments' && name.startsWith(ITEM_PREFIX) && name.length > ITEM_PREFIX.length)
      return { kind: 'item', column: name, linkId: name.slice(ITEM_PREFIX.length) };
    if (!IGNORED_COLUMNS[kind].includes(name)) {
      const known = [...specs.map((s) => s.column), ...(kind === 'assessments' ? ['item_<linkId>'] : [])].join(', ');
      problems.push({ field: `column "${name}"`, reason: `is not a column of ${kind}.csv; columns: ${known}` });
    }
    return { kind: 'ignored' };
  });
  for (const spec of specs) {
    if (spec.required === true && !names.some((n) => n.trim() === spec.column))
      problems.push({ field: `column "${spec.column}"`, reason: 'is required and missing from the first line' });
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name.trim())) problems.push({ field: `column "${name.trim()}"`, reason: 'appears twice' });
    seen.add(name.trim());
  }
  if (problems.length > 0) throw invalidMany(problems);
  return slots;
}

function readRow(kind: CsvKind, slots: readonly Slot[], record: CsvRecord): Row {
  const row: Row = { line: record.line, body: {}, patientLabel: undefined, courseStart: undefined, problems: [] };
  const where = (column: string): string => `line ${record.line}, column ${column}`;
  if (record.fields.length !== slots.length) {
    row.problems.push({
      field: `line ${record.line}`,
      reason: `has ${record.fields.length} cells; the first line names ${slots.length} columns`,
    });
    return row;
  }
  const answers: Record<string, unknown> = {};
  slots.forEach((slot, index) => {
    const text = record.fields[index] ?? '';
    if (slot.kind === 'ignored' || text.trim() === '') return;
    if (slot.kind === 'item') {
      const value = Number(text.trim());
      if (Number.isNaN(value)) row.problems.push({ field: where(slot.column), reason: `"${text}" is not a number` });
      else answers[slot.linkId] = value;
      return;
    }
    const value = readCell(slot.spec, text);
    if (typeof value === 'object' && !Array.isArray(value))
      row.problems.push({ field: where(slot.spec.column), reason: value.refused });
    else if (slot.spec.field === 'patientId') row.patientLabel = value as string;
    else if (slot.spec.field === 'courseId') row.courseStart = value as string;
    else row.body[slot.spec.field] = value;
  });
  if (kind === 'assessments') row.body.answers = answers;
  if (row.problems.length === 0) row.problems.push(...precheck(kind, row, slots));
  return row;
}

type CellValue = string | number | boolean | string[] | { refused: string };

function readCell(spec: ImportColumn, raw: string): CellValue {
  const text = raw.trim();
  switch (spec.type) {
    case 'text':
      return readTextCell(raw);
    case 'integer':
    case 'number':
      return Number.isNaN(Number(text)) ? { refused: `"${text}" is not a number` } : Number(text);
    case 'date-time':
      return FORMATS['date-time'](text) ? text : { refused: `"${text}" ${formatReason('date-time')}` };
    case 'boolean': {
      const lower = text.toLowerCase();
      if (['true', 'yes', '1'].includes(lower)) return true;
      return ['false', 'no', '0'].includes(lower) ? false : { refused: `"${text}" must be true or false` };
    }
    case 'list':
      return text
        .split(';')
        .map((item) => item.trim())
        .filter((item) => item !== '');
  }
}

/** The column a service's field came from. */
function columnOf(slots: readonly Slot[], field: string, line: number): string {
  if (field.startsWith('answers.')) return `line ${line}, column ${ITEM_PREFIX}${field.slice('answers.'.length)}`;
  if (field === 'answers') return `line ${line}, item columns`;
  const slot = slots.find((s) => s.kind === 'column' && s.spec.field === field);
  return slot?.kind === 'column' ? `line ${line}, column ${slot.spec.column}` : `line ${line}`;
}

/** A service's problem by row and column; a list cell's bad value is named by its place ("value 2"). */
function mapped(slots: readonly Slot[], line: number, problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.map((p) => {
    const item = /^([A-Za-z]+)\[(\d+)\]$/.exec(p.field);
    if (item === null) return { field: columnOf(slots, p.field, line), reason: p.reason };
    return { field: columnOf(slots, item[1] ?? '', line), reason: `value ${Number(item[2]) + 1} ${p.reason}` };
  });
}

/** Everything checkable without the database: the record schema and, for assessments, the answers. */
function precheck(kind: CsvKind, row: Row, slots: readonly Slot[]): FieldProblem[] {
  const withIds = {
    ...row.body,
    ...(kind === 'patients' ? {} : { patientId: PLACEHOLDER_ID }),
    ...(row.courseStart === undefined ? {} : { courseId: PLACEHOLDER_ID }),
  };
  const problems = mapped(
    slots,
    row.line,
    schemaProblems(SCHEMAS[kind], kind === 'doses' ? { courseId: PLACEHOLDER_ID, ...withIds } : withIds),
  );
  if (kind === 'assessments' && problems.length === 0) {
    try {
      scoreAnswers(String(row.body.instrument), row.body.answers as Record<string, number>);
    } catch (error) {
      if (!isOnsetError(error)) throw error;
      problems.push(
        ...mapped(
          slots,
          row.line,
          error.problems.length > 0 ? error.problems : [{ field: 'instrument', reason: error.message }],
        ),
      );
    }
  }
  return problems;
}

async function writeRow(tx: ServiceContext, kind: CsvKind, row: Row, slots: readonly Slot[]): Promise<void> {
  const where = (column: string): string => `line ${row.line}, column ${column}`;
  try {
    const body = { ...row.body };
    if (kind !== 'patients') {
      const patient = await patientRepository.findByLabel(tx.db, tx.clinicId, row.patientLabel ?? '');
      if (patient === undefined)
        throw invalid(
          where('patient_label'),
          `no patient labelled "${row.patientLabel ?? ''}" in this clinic (import patients.csv first)`,
        );
      body.patientId = patient.id;
      const courseId = await courseFor(tx, kind, row, patient.id);
      if (courseId !== undefined) body.courseId = courseId;
    }
    if (kind === 'assessments') body.source = body.source ?? 'import';
    await SERVICES[kind].create(tx, body);
  } catch (error) {
    if (!isOnsetError(error)) throw error;
    const problems = error.problems.flatMap((p) => (p.field.startsWith('line ') ? [p] : mapped(slots, row.line, [p])));
    row.problems.push(...(problems.length > 0 ? problems : [{ field: `line ${row.line}`, reason: error.message }]));
  }
}

/** The course named by its start, or for a dose with none named, the course in progress when it was given. */
async function courseFor(tx: ServiceContext, kind: CsvKind, row: Row, patientId: string): Promise<string | undefined> {
  if (kind === 'patients' || kind === 'courses') return undefined;
  const courses = await courseService.loadForPatient(tx, patientId);
  const where = `line ${row.line}, column course_started_at`;
  const starts = courses.map((c) => c.startedAt).join(', ') || 'none';
  if (row.courseStart !== undefined) {
    const wanted = Date.parse(row.courseStart);
    const course = courses.find((c) => Date.parse(c.startedAt) === wanted);
    if (course === undefined)
      throw invalid(
        where,
        `patient "${row.patientLabel ?? ''}" has no course that started at ${row.courseStart} (their courses started: ${starts})`,
      );
    return course.id;
  }
  if (kind === 'assessments') return undefined;
  const course = inProgress(courses, String(row.body.givenAt));
  if (course === undefined)
    throw invalid(
      where,
      `is empty and patient "${row.patientLabel ?? ''}" has no course in progress at ${String(row.body.givenAt)} (their courses started: ${starts}); import courses.csv first or fill it in`,
    );
  return course.id;
}

function inProgress(courses: readonly Course[], at: string): Course | undefined {
  const time = Date.parse(at);
  return courses
    .filter((c) => Date.parse(c.startedAt) <= time && (c.endedAt === null || Date.parse(c.endedAt) >= time))
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))[0];
}
