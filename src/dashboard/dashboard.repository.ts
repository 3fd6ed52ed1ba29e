import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { Engine } from '../db/database.js';
import type { Database, PatientsTable, PatientSummaryTable } from '../db/schema.js';
import { QUEUE_DEFAULT_INSTRUMENT } from '../patients/patient-summary.repository.js';

/** Which of the clinic's patients the work queue lists. */
export interface QueueFilter {
  /** Part of the label or the name, any case; empty for every patient. */
  search: string;
  alertsOnly: boolean;
}

/** A patient whose relief is likely ending, and the predicted end that places them in the queue. */
export interface QueueEnding {
  patientId: string;
  endAt: string;
}

/** A patient as the queue lists them: the patient's own columns and their work-queue row's. */
export type QueueRow = Pick<Selectable<PatientsTable>, 'id' | 'label' | 'name' | 'synthetic'> &
  Omit<PatientSummaryTable, 'clinic_id' | 'patient_id' | 'updated_at'>;

/** A count or sum: PostgreSQL returns sum() as numeric, which reaches JavaScript as text. */
type Counted = number | string;
type OpenColumns = 'urgent_open' | 'warning_open' | 'info_open';

/** The clinic's patients joined to their work-queue rows (patients/patient-summary.repository.ts). */
const FROM = sql`patients p left join patient_summary s on s.clinic_id = p.clinic_id and s.patient_id = p.id`;
const OPEN_ALERTS = sql`coalesce(s.urgent_open, 0) + coalesce(s.warning_open, 0) + coalesce(s.info_open, 0)`;
/** The queue's groups in order: 0 urgent, 1 relief likely ending (`e`), 2 warning, 3 information, 4 the rest. */
const GROUP = sql`(case when coalesce(s.urgent_open, 0) > 0 then 0 when e.end_at is not null then 1
  when coalesce(s.warning_open, 0) > 0 then 2 when coalesce(s.info_open, 0) > 0 then 3 else 4 end)`;

/** A LIKE pattern that matches `text` anywhere, its own % _ and \ taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function matches(filter: QueueFilter): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  if (filter.search !== '') {
    const pattern = containing(filter.search);
    parts.push(
      sql`(lower(p.label) like ${pattern} escape '\\' or lower(coalesce(p.name, '')) like ${pattern} escape '\\')`,
    );
  }
  if (filter.alertsOnly) parts.push(sql`${OPEN_ALERTS} > 0`);
  return parts.length === 0 ? sql<boolean>`1 = 1` : sql<boolean>`${sql.join(parts, sql` and `)}`;
}

/** The endings as a table (patient_id, end_at), from one JSON parameter however many there are. */
function endingsTable(engine: Engine, endings: readonly QueueEnding[]): RawBuilder<unknown> {
  const json = JSON.stringify(endings.map((e) => ({ p: e.patientId, e: e.endAt })));
  return engine === 'postgres'
    ? sql`(select x.p as patient_id, x.e as end_at from jsonb_to_recordset(${json}::jsonb) as x(p text, e text))`
    : sql`(select json_extract(value, '$.p') as patient_id, json_extract(value, '$.e') as end_at from json_each(${json}))`;
}

/** The work queue's reads, each bound to one clinic and bounded by a page, never by a patient's history. */
export const dashboardRepository = {
  /** How many patients the clinic has, how many with open alerts, whether any is synthetic, how many match. */
  async counts(
    db: Kysely<Database>,
    clinicId: string,
    filter: QueueFilter,
  ): Promise<{ patients: number; withAlerts: number; synthetic: boolean; matching: number }> {
    const { rows } = await sql<{ patients: Counted; with_alerts: Counted; synthetic: Counted; matching: Counted }>`
      select count(*) as patients,
        coalesce(sum(case when ${OPEN_ALERTS} > 0 then 1 else 0 end), 0) as with_alerts,
        coalesce(max(p.synthetic), 0) as synthetic,
        coalesce(sum(case when ${matches(filter)} then 1 else 0 end), 0) as matching
      from ${FROM} where p.clinic_id = ${clinicId}`.execute(db);
    const row = rows[0];
    return {
      patients: Number(row?.patients ?? 0),
      withAlerts: Number(row?.with_alerts ?? 0),
      synthetic: Number(row?.synthetic ?? 0) === 1,
      matching: Number(row?.matching ?? 0),
    };
  },

  /**
   * Patients who need action today (docs/safety.md "Who needs action today"): an open urgent alert or an
   * open warning (acknowledged ones have someone on them; information alerts never count), or a REMS form
   * with no submission for a dose before `overdueBefore`.
   */
  async needsAction(db: Kysely<Database>, clinicId: string, overdueBefore: string): Promise<number> {
    const { rows } = await sql<{ n: Counted }>`
      select count(*) as n from ${FROM} where p.clinic_id = ${clinicId}
        and (coalesce(s.urgent_open, 0) + coalesce(s.warning_open, 0) > 0
          or exists (select 1 from rems_sessions r join doses d on d.clinic_id = r.clinic_id and d.id = r.dose_id
            where r.clinic_id = p.clinic_id and r.patient_id = p.id and r.form_submitted_at is null
              and d.given_at < ${overdueBefore}))`.execute(db);
    return Number(rows[0]?.n ?? 0);
  },

  /**
   * One page of the queue, in groups: open urgent alerts, then relief likely ending, then open warnings,
   * then information, then the rest. Within an alert group the most recent top alert comes first (a
   * self-harm answer from this morning before urgent alerts weeks old, however many), within relief
   * likely ending the soonest predicted end; then the longest since a dose (no dose last), then by label.
   */
  async page(
    db: Kysely<Database>,
    engine: Engine,
    clinicId: string,
    options: { filter: QueueFilter; endings: readonly QueueEnding[]; limit: number; offset: number },
  ): Promise<QueueRow[]> {
    const { rows } = await sql<Omit<QueueRow, OpenColumns> & Record<OpenColumns, Counted>>`
      select p.id, p.label, p.name, p.synthetic,
        coalesce(s.urgent_open, 0) as urgent_open, coalesce(s.warning_open, 0) as warning_open,
        coalesce(s.info_open, 0) as info_open, s.last_dose_at, s.primary_instrument,
        s.latest_total, s.latest_band, s.latest_at, s.previous_total,
        s.top_alert_rule, s.top_alert_severity, s.top_alert_at
      from ${FROM} left join ${endingsTable(engine, options.endings)} e on e.patient_id = p.id
      where p.clinic_id = ${clinicId} and ${matches(options.filter)}
      order by ${GROUP}, case when ${GROUP} in (0, 2, 3) then s.top_alert_at end desc, e.end_at,
        (s.last_dose_at is null), s.last_dose_at, p.label, p.id
      limit ${options.limit} offset ${options.offset}`.execute(db);
    return rows.map((row) => ({
      ...row,
      urgent_open: Number(row.urgent_open),
      warning_open: Number(row.warning_open),
      info_open: Number(row.info_open),
    }));
  },

  /** The latest dose of each of these patients (those without one are left out). */
  async lastDoses(db: Kysely<Database>, clinicId: string, patientIds: readonly string[]): Promise<Map<string, string>> {
    const last = new Map<string, string>();
    for (let i = 0; i < patientIds.length; i += 500) {
      const rows = await db
        .selectFrom('patient_summary')
        .select(['patient_id', 'last_dose_at'])
        .where('clinic_id', '=', clinicId)
        .where('patient_id', 'in', patientIds.slice(i, i + 500))
        .where('last_dose_at', 'is not', null)
        .execute();
      for (const row of rows) if (row.last_dose_at !== null) last.set(row.patient_id, row.last_dose_at);
    }
    return last;
  },

  /** Each of these patients' next open due assessment (not completed, not yet expired): the earliest, key on a tie. */
  nextDue(db: Kysely<Database>, clinicId: string, patientIds: readonly string[], now: string) {
    if (patientIds.length === 0) return Promise.resolve([]);
    return db
      .selectFrom((eb) =>
        eb
          .selectFrom('due_assessments')
          .select([
            'patient_id',
            'instrument',
            'due_at',
            sql<number>`row_number() over (partition by patient_id order by due_at, key)`.as('rn'),
          ])
          .where('clinic_id', '=', clinicId)
          .where('patient_id', 'in', [...patientIds])
          .where('completed_at', 'is', null)
          .where((w) => w.or([w('expires_at', 'is', null), w('expires_at', '>', now)]))
          .as('open'),
      )
      .selectAll()
      .where('rn', '=', 1)
      .execute();
  },

  /**
   * Each of these patients' first dose and the last complete score at or before it on the queue's
   * instrument (their work-queue row's): the baseline candidate, as the reliable-deterioration rule reads it
   * (safety/rules/reliable-deterioration.ts). Whether it lies inside the baseline window is the caller's to
   * judge. Patients with no dose, or no score by then, come back with nulls.
   */
  baselines(
    db: Kysely<Database>,
    clinicId: string,
    patientIds: readonly string[],
  ): Promise<{ patient_id: string; first_dose_at: string | null; total: number | null; at: string | null }[]> {
    if (patientIds.length === 0) return Promise.resolve([]);
    const candidate = (column: 'total' | 'completed_at'): RawBuilder<unknown> =>
      sql`(select ${sql.ref(`x.${column}`)} from assessments x where x.clinic_id = f.clinic_id
        and x.patient_id = f.patient_id and x.instrument = f.instrument
        and x.complete = 1 and x.total is not null and x.completed_at <= f.first_dose_at
        order by x.completed_at desc, x.id desc limit 1)`;
    return db
      .selectFrom((eb) =>
        eb
          .selectFrom('patient_summary as s')
          .select([
            's.clinic_id',
            's.patient_id',
            sql<string>`coalesce(s.primary_instrument, ${sql.lit(QUEUE_DEFAULT_INSTRUMENT)})`.as('instrument'),
            sql<string | null>`(select min(d.given_at) from doses d
              where d.clinic_id = s.clinic_id and d.patient_id = s.patient_id)`.as('first_dose_at'),
          ])
          .where('s.clinic_id', '=', clinicId)
          .where('s.patient_id', 'in', [...patientIds])
          .as('f'),
      )
      .select([
        'f.patient_id',
        'f.first_dose_at',
        (candidate('total') as RawBuilder<number | null>).as('total'),
        (candidate('completed_at') as RawBuilder<string | null>).as('at'),
      ])
      .execute();
  },
};
