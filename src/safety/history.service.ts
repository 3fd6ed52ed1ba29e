import { sql } from 'kysely';
import { adverseEventService } from '../adverse-events/adverse-event.service.js';
import { loadAssessmentsForSafety } from '../assessments/assessment.service.js';
import { courseService } from '../courses/course.service.js';
import { prepared } from '../db/prepared.js';
import { dueRepository, type DueRow } from '../schedules/due.repository.js';
import { doseService } from '../doses/dose.service.js';
import { medicationService } from '../medications/medication.service.js';
import { patientService } from '../patients/patient.service.js';
import { followUpsOf } from '../schedules/due-list.service.js';
import { alertRepository, episodeOf } from '../alerts/alert.repository.js';
import type { ServiceContext } from '../records/context.js';
import { notFound } from '../shared/errors.js';
import { safetyStateRepository } from './safety-state.repository.js';
import type { SafetyAssessment, SafetyHistory } from './types.js';

/** One patient's whole history as the safety rules read it, and the episodes already alerted. */
export interface HistoryWithAlerts {
  history: SafetyHistory;
  /** `rule` + NUL + `episode_key` of every alert the patient has (alert.repository.ts episodeOf). */
  alerted: Set<string>;
  /** The basis the rules last evaluated the whole history under (safety-state.repository.ts), if any. */
  basis: string | null;
}

type Json = Record<string, unknown>;

/** The PostgreSQL document: each list as a JSON array, in the order the repositories list them. */
interface HistoryDocument {
  patient: Json | null;
  courses: Json[];
  doses: Json[];
  assessments: [string, string | null, string, string, string, number | null, string | null, number, string][];
  adverse_events: Json[];
  medications: Json[];
  due: Json[];
  alerted: [string, string][];
  basis: string | null;
}

type Args = { clinicId: string; patientId: string };

/** One table's rows of the patient as a JSON array, in `order`. */
const list = <T>(table: string, order: string, a: Args): ReturnType<typeof sql<T>> =>
  sql<T>`(select coalesce(json_agg(t order by ${sql.raw(order)}), '[]'::json) from ${sql.table(table)} t
       where t.clinic_id = ${a.clinicId} and t.patient_id = ${a.patientId})`;

// The whole history in one statement: on PostgreSQL every statement is a round trip, and the history was
// eight. json_agg writes timestamptz as ISO-8601 with an offset; each *_at value is made UTC ISO-8601
// again below, as the pool's type parser does for rows (db/database.ts).
const historyDocument = prepared<Args, HistoryDocument>(
  (db, a) =>
    db.selectNoFrom([
      sql<Json | null>`(select row_to_json(p) from patients p where p.clinic_id = ${a.clinicId} and p.id = ${a.patientId})`.as(
        'patient',
      ),
      list<Json[]>('courses', 't.started_at, t.id', a).as('courses'),
      list<Json[]>('doses', 't.given_at, t.id', a).as('doses'),
      sql<HistoryDocument['assessments']>`(select coalesce(json_agg(json_build_array(t.id, t.course_id, t.instrument,
        t.completed_at, t.answers, t.total, t.band, t.complete, t.flags)), '[]'::json) from assessments t
        where t.clinic_id = ${a.clinicId} and t.patient_id = ${a.patientId})`.as('assessments'),
      list<Json[]>('adverse_events', 't.onset_at, t.id', a).as('adverse_events'),
      list<Json[]>('medications', 't.started_on, t.id', a).as('medications'),
      list<Json[]>('due_assessments', 't.due_at, t.key, t.id', a).as('due'),
      sql<HistoryDocument['alerted']>`(select coalesce(json_agg(json_build_array(t.rule, t.episode_key)), '[]'::json)
        from alerts t where t.clinic_id = ${a.clinicId} and t.patient_id = ${a.patientId})`.as('alerted'),
      sql<string | null>`(select t.basis from patient_safety_state t
        where t.clinic_id = ${a.clinicId} and t.patient_id = ${a.patientId})`.as('basis'),
    ]),
  ['clinicId', 'patientId'],
);

/** A row from json_agg as the table's row reads: every *_at time in UTC ISO-8601. */
function asRow(json: Json): Json {
  const row: Json = { ...json };
  for (const [column, value] of Object.entries(row))
    if (column.endsWith('_at') && typeof value === 'string') row[column] = new Date(value).toISOString();
  return row;
}

/**
 * One patient's history and raised episodes. PostgreSQL reads it in one statement (above); SQLite, where
 * a statement is a function call and no round trip, reads each list with its own prepared statement.
 */
export async function loadHistoryWithAlerts(
  ctx: ServiceContext,
  patientId: string,
  timeZone: string,
): Promise<HistoryWithAlerts> {
  const now = ctx.now();
  if (ctx.engine === 'postgres') {
    const [doc] = (await historyDocument(ctx.db, { clinicId: ctx.clinicId, patientId })).rows;
    if (doc?.patient == null) throw notFound('patient', patientId);
    const assessments: SafetyAssessment[] = doc.assessments.map(
      ([id, courseId, instrument, completedAt, answers, total, band, complete, flags]) => ({
        id,
        courseId,
        instrument,
        completedAt: new Date(completedAt).toISOString(),
        answers: JSON.parse(answers) as SafetyAssessment['answers'],
        total,
        band,
        complete: complete === 1,
        flags: JSON.parse(flags) as string[],
      }),
    );
    return {
      history: {
        patient: patientService.fromRow(asRow(doc.patient)),
        courses: doc.courses.map((r) => courseService.fromRow(asRow(r))),
        doses: doc.doses.map((r) => doseService.fromRow(asRow(r))),
        assessments,
        adverseEvents: doc.adverse_events.map((r) => adverseEventService.fromRow(asRow(r))),
        medications: doc.medications.map((r) => medicationService.fromRow(asRow(r))),
        followUps: followUpsOf(
          doc.due.map((r) => asRow(r) as unknown as DueRow),
          now,
          timeZone,
        ),
        timeZone,
        now,
      },
      alerted: new Set(doc.alerted.map(([rule, key]) => episodeOf(rule, key))),
      basis: doc.basis,
    };
  }
  const [patient] = await patientService.loadForPatient(ctx, patientId);
  if (patient === undefined) throw notFound('patient', patientId);
  return {
    history: {
      patient,
      courses: await courseService.loadForPatient(ctx, patientId),
      doses: await doseService.loadForPatient(ctx, patientId),
      assessments: await loadAssessmentsForSafety(ctx, patientId),
      adverseEvents: await adverseEventService.loadForPatient(ctx, patientId),
      medications: await medicationService.loadForPatient(ctx, patientId),
      followUps: followUpsOf(await dueRepository.listForPatient(ctx.db, ctx.clinicId, patientId), now, timeZone),
      timeZone,
      now,
    },
    alerted: await alertRepository.episodesOfPatient(ctx.db, ctx.clinicId, patientId),
    basis: await safetyStateRepository.basis(ctx.db, ctx.clinicId, patientId),
  };
}
