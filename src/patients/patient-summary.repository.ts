import {
  sql,
  type InsertQueryBuilder,
  type InsertResult,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
} from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Database, PatientSummaryTable } from '../db/schema.js';

/**
 * The work queue's per-patient row (migrations 0012 and 0014): what it sorts by and shows, rewritten from the
 * patient's records by every write that changes one of them, inside that write's transaction. Each
 * part is read through an index on (clinic, patient, time), so a rewrite costs the same for a patient
 * with ten records as for one with a thousand.
 */

/** The queue shows the latest course's primary instrument, or the GAD-7 before any course. */
export const QUEUE_DEFAULT_INSTRUMENT = 'gad7';

type Patients = SelectQueryBuilder<Database & { p: Database['patients'] }, 'p', object>;

/** The columns `sources` reads from the patient's records; the scores follow from the instrument. */
const SOURCE_COLUMNS = [
  'clinic_id',
  'patient_id',
  'urgent_open',
  'warning_open',
  'info_open',
  'last_dose_at',
  'primary_instrument',
  'top_alert_rule',
  'top_alert_severity',
  'top_alert_at',
] as const satisfies readonly (keyof PatientSummaryTable)[];

const SUMMARY_COLUMNS = [
  ...SOURCE_COLUMNS,
  'latest_total',
  'latest_band',
  'latest_at',
  'previous_total',
  'updated_at',
] as const satisfies readonly (keyof PatientSummaryTable)[];

/** Open alerts of one severity, the latest dose and the latest course's primary instrument, per patient. */
function sources(patients: Patients): SelectQueryBuilder<Database & { p: Database['patients'] }, 'p', object> {
  const openAlerts = (severity: string): RawBuilder<number> =>
    sql<number>`(select count(*) from alerts a where a.clinic_id = p.clinic_id and a.patient_id = p.id
      and a.status = 'open' and a.severity = ${sql.lit(severity)})`;
  return patients.select([
    'p.clinic_id',
    'p.id as patient_id',
    openAlerts('urgent').as('urgent_open'),
    openAlerts('warning').as('warning_open'),
    openAlerts('info').as('info_open'),
    sql<
      string | null
    >`(select max(d.given_at) from doses d where d.clinic_id = p.clinic_id and d.patient_id = p.id)`.as('last_dose_at'),
    sql<string | null>`(select c.primary_instrument from courses c where c.clinic_id = p.clinic_id
      and c.patient_id = p.id order by c.started_at desc limit 1)`.as('primary_instrument'),
    topAlert('rule').as('top_alert_rule'),
    topAlert('severity').as('top_alert_severity'),
    topAlert('raised_at').as('top_alert_at'),
  ]);
}

/**
 * Column `column` of the patient's top open alert (migration 0014): the most recent open alert of their
 * most severe open severity, urgent before warning before information; the later id on a tie.
 */
function topAlert(column: 'rule' | 'severity' | 'raised_at'): RawBuilder<string | null> {
  return sql<string | null>`(select ${sql.ref(`a.${column}`)} from alerts a where a.clinic_id = p.clinic_id
    and a.patient_id = p.id and a.status = 'open'
    order by case a.severity when 'urgent' then 0 when 'warning' then 1 else 2 end, a.raised_at desc, a.id desc
    limit 1)`;
}

/** Column `column` of the patient's `nth` latest complete score (0: latest) on the queue's instrument. */
function score(column: 'total' | 'band' | 'completed_at', nth: 0 | 1): RawBuilder<unknown> {
  return sql`(select ${sql.ref(`x.${column}`)} from assessments x where x.clinic_id = s.clinic_id
    and x.patient_id = s.patient_id
    and x.instrument = coalesce(s.primary_instrument, ${sql.lit(QUEUE_DEFAULT_INSTRUMENT)})
    and x.complete = 1 and x.total is not null
    order by x.completed_at desc limit 1 offset ${sql.lit(nth)})`;
}

/** INSERT … SELECT of the summary rows of the patients `where` picks, replacing rows already there. */
function upsertFrom(
  db: Kysely<Database>,
  patients: Patients,
  now: unknown,
): InsertQueryBuilder<Database, 'patient_summary', InsertResult> {
  const source = sources(patients).as('s');
  return db
    .insertInto('patient_summary')
    .columns(SUMMARY_COLUMNS)
    .expression(
      db
        .selectFrom(source)
        .select([
          ...SOURCE_COLUMNS.map((c) => sql.ref(`s.${c}`).as(c)),
          score('total', 0).as('latest_total'),
          score('band', 0).as('latest_band'),
          score('completed_at', 0).as('latest_at'),
          score('total', 1).as('previous_total'),
          sql`${now}`.as('updated_at'),
        ])
        // SQLite reads an upsert's SELECT unambiguously only with a WHERE clause.
        .where(sql<boolean>`1 = 1`),
    )
    .onConflict((oc) =>
      oc
        .columns(['clinic_id', 'patient_id'])
        .doUpdateSet(
          Object.fromEntries(
            SUMMARY_COLUMNS.filter((c) => c !== 'clinic_id' && c !== 'patient_id').map((c) => [
              c,
              sql.ref(`excluded.${c}`),
            ]),
          ),
        ),
    );
}

const refreshOne = prepared<{ clinicId: string; patientId: string; now: string }, unknown>(
  (db, a) =>
    upsertFrom(
      db,
      db.selectFrom('patients as p').where('p.clinic_id', '=', a.clinicId).where('p.id', '=', a.patientId),
      a.now,
    ),
  ['clinicId', 'patientId', 'now'],
);

export const patientSummaryRepository = {
  /**
   * Rewrites the patient's row from their records. The caller holds the patient's lock (records/guards.ts
   * lockPatient), so that two transactions that each change the patient write their rows in turn, each
   * after reading what the other committed.
   */
  async refresh(db: Kysely<Database>, clinicId: string, patientId: string, now: string): Promise<void> {
    await refreshOne(db, { clinicId, patientId, now });
  },

  /** Rewrites the rows of these patients of one clinic (a bulk load's batch). */
  async refreshMany(db: Kysely<Database>, clinicId: string, patientIds: readonly string[], now: string): Promise<void> {
    if (patientIds.length === 0) return;
    await upsertFrom(
      db,
      db
        .selectFrom('patients as p')
        .where('p.clinic_id', '=', clinicId)
        .where('p.id', 'in', [...patientIds]),
      now,
    ).execute();
  },

  /** Writes the row of every patient that has none (migrate.ts runs this after the migrations). */
  async fillMissing(db: Kysely<Database>, now: string): Promise<void> {
    await upsertFrom(
      db,
      db
        .selectFrom('patients as p')
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('patient_summary as t')
                .select('t.patient_id')
                .whereRef('t.clinic_id', '=', 'p.clinic_id')
                .whereRef('t.patient_id', '=', 'p.id'),
            ),
          ),
        ),
      now,
    ).execute();
  },
};
