import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AlertsTable, Database } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import type { AlertSeverity } from '../shared/vocabulary.js';

export interface AlertFilter {
  patientId?: string;
  status?: string;
  rule?: string;
  limit: number;
  offset: number;
}

/** One alert episode's identity: its rule and its episode key. */
export const episodeOf = (rule: string, episodeKey: string): string => `${rule}\u0000${episodeKey}`;

export const alertRepository = {
  ...tenantRepository('alerts', 'raised_at'),

  /** The alert already raised for this rule and episode, if any (raising is idempotent). */
  async findEpisode(
    db: Kysely<Database>,
    clinicId: string,
    key: { patientId: string; rule: string; episodeKey: string },
  ): Promise<Selectable<AlertsTable> | undefined> {
    return db
      .selectFrom('alerts')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('patient_id', '=', key.patientId)
      .where('rule', '=', key.rule)
      .where('episode_key', '=', key.episodeKey)
      .executeTakeFirst();
  },

  /**
   * Inserts the alerts whose episode is not raised yet, in one statement, and returns the rows it stored
   * (an episode already raised, by this write or a concurrent one, is skipped by the unique key).
   */
  async insertNew(db: Kysely<Database>, rows: readonly Insertable<AlertsTable>[]): Promise<Selectable<AlertsTable>[]> {
    if (rows.length === 0) return [];
    return db
      .insertInto('alerts')
      .values([...rows])
      .onConflict((oc) => oc.columns(['clinic_id', 'patient_id', 'rule', 'episode_key']).doNothing())
      .returningAll()
      .execute();
  },

  /** Every episode already alerted for this patient, as `rule` + NUL + `episode_key` (one query per write). */
  async episodesOfPatient(db: Kysely<Database>, clinicId: string, patientId: string): Promise<Set<string>> {
    const rows = await db
      .selectFrom('alerts')
      .select(['rule', 'episode_key'])
      .where('clinic_id', '=', clinicId)
      .where('patient_id', '=', patientId)
      .execute();
    return new Set(rows.map((r) => episodeOf(r.rule, r.episode_key)));
  },

  /** Alerts of a severity not yet resolved that were raised before `beforeIso`, oldest first. */
  async unresolvedBefore(
    db: Kysely<Database>,
    clinicId: string,
    severity: AlertSeverity,
    beforeIso: string,
  ): Promise<string[]> {
    const rows = await db
      .selectFrom('alerts')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('severity', '=', severity)
      .where('status', '!=', 'resolved')
      .where('raised_at', '<', beforeIso)
      .orderBy('raised_at')
      .execute();
    return rows.map((r) => r.id);
  },

  /** Display names of these staff members of the clinic, by id. */
  async staffNames(db: Kysely<Database>, clinicId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('clinic_id', '=', clinicId)
      .where('id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.id, r.display_name]));
  },

  /** Whether the patient has a C-SSRS screen completed at or after this time (a suicidality follow-up). */
  async hasCssrsSince(db: Kysely<Database>, clinicId: string, patientId: string, since: string): Promise<boolean> {
    const row = await db
      .selectFrom('assessments')
      .select('id')
      .where('clinic_id', '=', clinicId)
      .where('patient_id', '=', patientId)
      .where('instrument', '=', 'cssrs')
      .where('completed_at', '>=', since)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  /** Newest first, filtered. */
  async search(db: Kysely<Database>, clinicId: string, filter: AlertFilter): Promise<Selectable<AlertsTable>[]> {
    let query = db.selectFrom('alerts').selectAll().where('clinic_id', '=', clinicId);
    if (filter.patientId !== undefined) query = query.where('patient_id', '=', filter.patientId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.rule !== undefined) query = query.where('rule', '=', filter.rule);
    return query.orderBy('raised_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute();
  },
};
