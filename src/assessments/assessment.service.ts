import { sql, type Selectable } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { AssessmentsTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { scoreAnswers } from '../instruments/score.js';
import type { ServiceContext } from '../records/context.js';
import { notInFuture, requirePatient } from '../records/guards.js';
import { fromFlag, parseJson, scoreColumns } from '../db/columns.js';
import { computedColumn, defaultedColumn, jsonColumn, rowMapping, utcColumn } from '../db/row-mapping.js';
import { recordService } from '../records/record-service.js';
import { afterClinicalWrite } from '../records/write-hooks.js';
import type { SafetyAssessment } from '../safety/types.js';
import { closeDue } from '../schedules/completions.js';
import { invalid, isOnsetError } from '../shared/errors.js';
import { AssessmentInput, type Assessment } from './assessment.schema.js';

export const assessmentRepository = tenantRepository('assessments', 'completed_at');

const SAFETY_COLUMNS = [
  'id',
  'course_id',
  'instrument',
  'completed_at',
  'answers',
  'total',
  'band',
  'complete',
  'flags',
] as const;
type SafetyRow = Pick<Selectable<AssessmentsTable>, (typeof SAFETY_COLUMNS)[number]>;

/** The fields the safety rules read, from the columns they need (a full row has them too). */
function safetyFieldsOf(row: SafetyRow): SafetyAssessment {
  return {
    id: row.id,
    courseId: row.course_id,
    instrument: row.instrument,
    completedAt: row.completed_at,
    answers: parseJson(row.answers),
    total: row.total,
    band: row.band,
    complete: fromFlag(row.complete),
    flags: parseJson(row.flags),
  };
}

// The score columns are computed from the answers when the row is written; the answers as scored
// (normalised) replace the answers as sent.
const columns = rowMapping<AssessmentsTable, Assessment>(
  {
    patientId: 'patient_id',
    courseId: 'course_id',
    instrument: 'instrument',
    completedAt: utcColumn('completed_at'),
    source: defaultedColumn('source', 'clinician'),
    answers: jsonColumn('answers', {}),
    enteredBy: computedColumn('entered_by'),
    total: computedColumn('total'),
    subscales: computedColumn('subscales', parseJson),
    band: computedColumn('band'),
    complete: computedColumn('complete', fromFlag),
    prorated: computedColumn('prorated', fromFlag),
    flags: computedColumn('flags', parseJson),
  },
  { updatedAt: false },
);

// No ORDER BY: the rules put records in time order themselves (SafetyHistory's lists need not be sorted).
const safetyRowsOfPatient = prepared<{ clinicId: string; patientId: string }, SafetyRow>(
  (db, a) =>
    db
      .selectFrom('assessments')
      .select(SAFETY_COLUMNS)
      .where('clinic_id', '=', a.clinicId)
      .where('patient_id', '=', a.patientId),
  ['clinicId', 'patientId'],
);

/** One assessment in the SQLite history document: the SAFETY_COLUMNS in order, answers and flags as JSON. */
type HistoryEntry = [
  string,
  string | null,
  string,
  string,
  SafetyAssessment['answers'],
  number | null,
  string | null,
  number,
  string[],
];

// On SQLite the history is one JSON document: the index assessments_history_idx (migration 0005) stores
// each assessment's entry, the json_array below, and SQLite reads it from there only because this
// expression is the index's own, so the two must stay identical. The read then joins stored text: no
// table lookup, no JSON built per row, and one JSON.parse instead of a row object and two parses per
// assessment. SQLite writes a REAL with 17 significant digits, so a total reads back as the same number.
export const safetyHistoryOfPatient = prepared<{ clinicId: string; patientId: string }, { history: string | null }>(
  (db, a) =>
    db
      .selectFrom('assessments')
      .select(
        sql<
          string | null
        >`'[' || group_concat(json_array(id, course_id, instrument, completed_at, json(answers), total, band, complete, json(flags))) || ']'`.as(
          'history',
        ),
      )
      .where('clinic_id', '=', a.clinicId)
      .where('patient_id', '=', a.patientId),
  ['clinicId', 'patientId'],
);

/**
 * One patient's assessments with only the fields the safety rules read. The rules run after every
 * write and read the whole history, and that read is the largest query a questionnaire submission
 * runs: on SQLite it is one JSON document (above); on PostgreSQL the narrow rows.
 */
export async function loadAssessmentsForSafety(ctx: ServiceContext, patientId: string): Promise<SafetyAssessment[]> {
  const args = { clinicId: ctx.clinicId, patientId };
  if (ctx.engine === 'sqlite') {
    const [document] = (await safetyHistoryOfPatient(ctx.db, args)).rows;
    const entries = parseJson<HistoryEntry[]>(document?.history ?? '[]');
    return entries.map(([id, courseId, instrument, completedAt, answers, total, band, complete, flags]) => ({
      id,
      courseId,
      instrument,
      completedAt,
      answers,
      total,
      band,
      complete: complete === 1,
      flags,
    }));
  }
  const { rows } = await safetyRowsOfPatient(ctx.db, args);
  return rows.map(safetyFieldsOf);
}

/** Scores answers with the instrument library; an unknown instrument is a field error on `instrument`. */
function score(instrument: string, answers: AssessmentInput['answers']): ReturnType<typeof scoreAnswers> {
  try {
    return scoreAnswers(instrument, answers);
  } catch (error) {
    if (isOnsetError(error) && error.code === 'NOT_FOUND') throw invalid('instrument', error.message);
    throw error;
  }
}

/**
 * Assessments: the raw answers and the scores computed from them, stored together at write time.
 * Changing the answers re-scores the record.
 */
export const assessmentService = recordService({
  entity: 'assessment',
  repository: assessmentRepository,
  schema: AssessmentInput,
  immutable: ['patientId'],
  columns,
  async rules(ctx, input) {
    await requirePatient(ctx, input.patientId, { courseId: input.courseId });
    notInFuture(ctx, input.completedAt, 'completedAt');
    const result = score(input.instrument, input.answers);
    return { ...scoreColumns(result), entered_by: ctx.actor.id };
  },
  patientIdOf: (a) => a.patientId,
  // The answer closes the due assessment it answers, then the safety rules run; all in the write's own
  // transaction, so the record, the closed item and any alerts commit together.
  afterWrite: async (ctx, a, created) => {
    await closeDue(ctx, a);
    return afterClinicalWrite(ctx, a.patientId, created ? a.completedAt : undefined);
  },
});
