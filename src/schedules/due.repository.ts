import type { Insertable, Kysely, Selectable } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Database } from '../db/schema.js';
import type { DueAssessmentsTable } from '../db/schema.js';

export type DueRow = Selectable<DueAssessmentsTable>;

export interface DueFilter {
  patientId?: string;
  /** Due at or after this instant (UTC ISO-8601). */
  from?: string;
  /** Due at or before this instant. */
  to?: string;
  /** true: only completed items; false: only open ones. */
  completed?: boolean;
}

// Every assessment and dose written reads the patient's due items: prepared once.
const byPatient = prepared<{ clinicId: string; patientId: string }, DueRow>(
  (db, a) =>
    db
      .selectFrom('due_assessments')
      .selectAll()
      .where('clinic_id', '=', a.clinicId)
      .where('patient_id', '=', a.patientId)
      .orderBy('due_at')
      .orderBy('key')
      .orderBy('id'),
  ['clinicId', 'patientId'],
);

/** SQL for due assessments; every call names the clinic it acts for. */
/** Rows per multi-row upsert: 15 columns each, far below SQLite's and PostgreSQL's parameter limits. */
const UPSERT_CHUNK = 500;

export const dueRepository = {
  async listForCourse(db: Kysely<Database>, clinicId: string, courseId: string): Promise<DueRow[]> {
    return db
      .selectFrom('due_assessments')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('course_id', '=', courseId)
      .execute();
  },

  async listForPatient(db: Kysely<Database>, clinicId: string, patientId: string): Promise<DueRow[]> {
    return (await byPatient(db, { clinicId, patientId })).rows;
  },

  /** Due items of the clinic, by due time then key. */
  async search(db: Kysely<Database>, clinicId: string, filter: DueFilter): Promise<DueRow[]> {
    let query = db.selectFrom('due_assessments').selectAll().where('clinic_id', '=', clinicId);
    if (filter.patientId !== undefined) query = query.where('patient_id', '=', filter.patientId);
    if (filter.from !== undefined) query = query.where('due_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('due_at', '<=', filter.to);
    if (filter.completed !== undefined) query = query.where('completed_at', filter.completed ? 'is not' : 'is', null);
    return query.orderBy('due_at').orderBy('key').orderBy('id').execute();
  },

  /**
   * Inserts the item, or moves an open item with the same key to its new times. A completed item is a
   * fact and keeps its times. Safe when two writers expand one course at once.
   */
  /**
   * Adds or moves open items in multi-row statements (an item already answered keeps its times). The
   * caller passes only what changed, so a write's statements do not grow with the course's items.
   */
  async upsertMany(db: Kysely<Database>, rows: readonly Insertable<DueAssessmentsTable>[]): Promise<void> {
    for (let from = 0; from < rows.length; from += UPSERT_CHUNK) {
      await db
        .insertInto('due_assessments')
        .values(rows.slice(from, from + UPSERT_CHUNK))
        .onConflict((oc) =>
          oc
            .columns(['clinic_id', 'course_id', 'key'])
            .doUpdateSet((eb) => ({
              instrument: eb.ref('excluded.instrument'),
              anchor: eb.ref('excluded.anchor'),
              due_at: eb.ref('excluded.due_at'),
              expires_at: eb.ref('excluded.expires_at'),
              reminder_at: eb.ref('excluded.reminder_at'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            .where('due_assessments.completed_at', 'is', null),
        )
        .execute();
    }
  },

  /** Deletes open items (and their outbox rows) by id; completed items are never deleted. */
  async deleteOpen(db: Kysely<Database>, clinicId: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const sdb = db;
    await sdb
      .deleteFrom('mail_outbox')
      .where('clinic_id', '=', clinicId)
      .where('due_assessment_id', 'in', ids)
      .execute();
    await sdb
      .deleteFrom('due_assessments')
      .where('clinic_id', '=', clinicId)
      .where('id', 'in', ids)
      .where('completed_at', 'is', null)
      .execute();
  },

  /** Marks an open item completed by this assessment; false when it was already completed. */
  async complete(
    db: Kysely<Database>,
    clinicId: string,
    id: string,
    completion: { at: string; assessmentId: string; now: string },
  ): Promise<boolean> {
    const result = await db
      .updateTable('due_assessments')
      .set({ completed_at: completion.at, assessment_id: completion.assessmentId, updated_at: completion.now })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where('completed_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  async setLink(db: Kysely<Database>, clinicId: string, id: string, linkId: string, now: string): Promise<void> {
    await db
      .updateTable('due_assessments')
      .set({ link_id: linkId, updated_at: now })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .execute();
  },

  async findById(db: Kysely<Database>, clinicId: string, id: string): Promise<DueRow | undefined> {
    return db
      .selectFrom('due_assessments')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
};

/** A patient's complete assessments (incomplete ones close nothing): id, instrument, time. */
export async function completeAnswers(
  db: Kysely<Database>,
  clinicId: string,
  patientId: string,
  /** Only answers completed at or after this time, and the answer `alsoId` whenever it was completed. */
  since?: { from: string; alsoId?: string },
): Promise<{ id: string; instrument: string; at: string }[]> {
  let query = db
    .selectFrom('assessments')
    .select(['id', 'instrument', 'completed_at'])
    .where('clinic_id', '=', clinicId)
    .where('patient_id', '=', patientId)
    .where('complete', '=', 1);
  if (since !== undefined)
    query = query.where((eb) =>
      since.alsoId === undefined
        ? eb('completed_at', '>=', since.from)
        : eb.or([eb('completed_at', '>=', since.from), eb('id', '=', since.alsoId)]),
    );
  const rows = await query.orderBy('completed_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, instrument: r.instrument, at: r.completed_at }));
}
