import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { ApiTokensTable, Database, PatientLinksTable, SessionsTable } from '../db/schema.js';

type ByHash = { clinicId: string; tokenHash: string };
// Every request looks up its session or API token: prepared once.
const sessionByHash = prepared<ByHash, Selectable<SessionsTable>>(
  (db, a) => db.selectFrom('sessions').selectAll().where('clinic_id', '=', a.clinicId).where('token_hash', '=', a.tokenHash),
  ['clinicId', 'tokenHash'],
);
const apiTokenByHash = prepared<ByHash, Selectable<ApiTokensTable>>(
  (db, a) => db.selectFrom('api_tokens').selectAll().where('clinic_id', '=', a.clinicId).where('token_hash', '=', a.tokenHash),
  ['clinicId', 'tokenHash'],
);

/** Sessions, API tokens and patient links: each looked up by (clinic, token hash). */
export const authRepository = {
  async insertSession(db: Kysely<Database>, row: Insertable<SessionsTable>): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  },
  async findSession(db: Kysely<Database>, clinicId: string, tokenHash: string): Promise<Selectable<SessionsTable> | undefined> {
    return (await sessionByHash(db, { clinicId, tokenHash })).rows[0];
  },
  async updateSession(db: Kysely<Database>, clinicId: string, id: string, patch: Updateable<SessionsTable>): Promise<void> {
    await db.updateTable('sessions').set(patch).where('clinic_id', '=', clinicId).where('id', '=', id).execute();
  },
  async revokeUserSessions(db: Kysely<Database>, clinicId: string, userId: string, exceptId: string | null, at: string): Promise<void> {
    let query = db.updateTable('sessions').set({ revoked_at: at }).where('clinic_id', '=', clinicId).where('user_id', '=', userId).where('revoked_at', 'is', null);
    if (exceptId !== null) query = query.where('id', '!=', exceptId);
    await query.execute();
  },

  async insertApiToken(db: Kysely<Database>, row: Insertable<ApiTokensTable>): Promise<void> {
    await db.insertInto('api_tokens').values(row).execute();
  },
  async findApiToken(db: Kysely<Database>, clinicId: string, tokenHash: string): Promise<Selectable<ApiTokensTable> | undefined> {
    return (await apiTokenByHash(db, { clinicId, tokenHash })).rows[0];
  },
  async listApiTokens(db: Kysely<Database>, clinicId: string): Promise<Selectable<ApiTokensTable>[]> {
    return db.selectFrom('api_tokens').selectAll().where('clinic_id', '=', clinicId).orderBy('created_at').orderBy('id').execute();
  },
  async updateApiToken(db: Kysely<Database>, clinicId: string, id: string, patch: Updateable<ApiTokensTable>): Promise<boolean> {
    const result = await db.updateTable('api_tokens').set(patch).where('clinic_id', '=', clinicId).where('id', '=', id).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  async insertLink(db: Kysely<Database>, row: Insertable<PatientLinksTable>): Promise<void> {
    await db.insertInto('patient_links').values(row).execute();
  },
  async findLink(db: Kysely<Database>, clinicId: string, tokenHash: string): Promise<Selectable<PatientLinksTable> | undefined> {
    return db.selectFrom('patient_links').selectAll().where('clinic_id', '=', clinicId).where('token_hash', '=', tokenHash).executeTakeFirst();
  },
  async listLinks(db: Kysely<Database>, clinicId: string, patientId: string): Promise<Selectable<PatientLinksTable>[]> {
    return db.selectFrom('patient_links').selectAll().where('clinic_id', '=', clinicId).where('patient_id', '=', patientId).orderBy('created_at', 'desc').execute();
  },
  /** Marks a single-use link used; false when another request used it first (the update is the lock). */
  async useLink(db: Kysely<Database>, clinicId: string, id: string, at: string): Promise<boolean> {
    const result = await db
      .updateTable('patient_links')
      .set({ used_at: at })
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },
};
