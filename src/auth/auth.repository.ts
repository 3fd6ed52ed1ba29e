import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { ApiTokensTable, Database, PatientLinksTable, SessionsTable } from '../db/schema.js';

type ByHash = { clinicId: string; tokenHash: string };

/** What a request's authentication reads of the user a session or API token belongs to. */
export interface TokenUser {
  user_role: string;
  user_disabled_at: string | null;
}
export type SessionWithUser = Selectable<SessionsTable> & TokenUser;
export type ApiTokenWithUser = Selectable<ApiTokensTable> & TokenUser;

// Every request looks up its session or API token and the user behind it: one prepared query each, so
// the lookup is one read of the database, not two. A token whose user is gone finds nothing.
const sessionByHash = prepared<ByHash, SessionWithUser>(
  (db, a) =>
    db
      .selectFrom('sessions')
      .innerJoin('users', (join) =>
        join.onRef('users.clinic_id', '=', 'sessions.clinic_id').onRef('users.id', '=', 'sessions.user_id'),
      )
      .selectAll('sessions')
      .select(['users.role as user_role', 'users.disabled_at as user_disabled_at'])
      .where('sessions.clinic_id', '=', a.clinicId)
      .where('sessions.token_hash', '=', a.tokenHash),
  ['clinicId', 'tokenHash'],
);
const apiTokenByHash = prepared<ByHash, ApiTokenWithUser>(
  (db, a) =>
    db
      .selectFrom('api_tokens')
      .innerJoin('users', (join) =>
        join.onRef('users.clinic_id', '=', 'api_tokens.clinic_id').onRef('users.id', '=', 'api_tokens.user_id'),
      )
      .selectAll('api_tokens')
      .select(['users.role as user_role', 'users.disabled_at as user_disabled_at'])
      .where('api_tokens.clinic_id', '=', a.clinicId)
      .where('api_tokens.token_hash', '=', a.tokenHash),
  ['clinicId', 'tokenHash'],
);

/** Sessions, API tokens and patient links: each looked up by (clinic, token hash). */
/** Stamps `column` on a link that is neither used nor revoked; false when it no longer is (the update is the lock). */
async function endLink(
  db: Kysely<Database>,
  clinicId: string,
  id: string,
  column: 'used_at' | 'revoked_at',
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('patient_links')
    .set({ [column]: at })
    .where('clinic_id', '=', clinicId)
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export const authRepository = {
  async insertSession(db: Kysely<Database>, row: Insertable<SessionsTable>): Promise<void> {
    await db.insertInto('sessions').values(row).execute();
  },
  /** The session with this token hash and its user's role and disabled stamp. */
  async findSession(db: Kysely<Database>, clinicId: string, tokenHash: string): Promise<SessionWithUser | undefined> {
    return (await sessionByHash(db, { clinicId, tokenHash })).rows[0];
  },
  async updateSession(
    db: Kysely<Database>,
    clinicId: string,
    id: string,
    patch: Updateable<SessionsTable>,
  ): Promise<void> {
    await db.updateTable('sessions').set(patch).where('clinic_id', '=', clinicId).where('id', '=', id).execute();
  },
  /**
   * Ends every session of a user except `exceptId` (the one making the change, or null for all) and
   * revokes all the user's API tokens, for good: re-enabling the account does not bring them back.
   */
  async revokeUserCredentials(
    db: Kysely<Database>,
    clinicId: string,
    userId: string,
    exceptId: string | null,
    at: string,
  ): Promise<{ signedOutSessions: number; revokedApiTokens: number }> {
    let sessions = db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('clinic_id', '=', clinicId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (exceptId !== null) sessions = sessions.where('id', '!=', exceptId);
    const ended = await sessions.executeTakeFirst();
    const revoked = await db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('clinic_id', '=', clinicId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return { signedOutSessions: Number(ended.numUpdatedRows), revokedApiTokens: Number(revoked.numUpdatedRows) };
  },

  async insertApiToken(db: Kysely<Database>, row: Insertable<ApiTokensTable>): Promise<void> {
    await db.insertInto('api_tokens').values(row).execute();
  },
  /** The API token with this hash and its user's role and disabled stamp. */
  async findApiToken(db: Kysely<Database>, clinicId: string, tokenHash: string): Promise<ApiTokenWithUser | undefined> {
    return (await apiTokenByHash(db, { clinicId, tokenHash })).rows[0];
  },
  async listApiTokens(db: Kysely<Database>, clinicId: string): Promise<Selectable<ApiTokensTable>[]> {
    return db
      .selectFrom('api_tokens')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
  },
  async updateApiToken(
    db: Kysely<Database>,
    clinicId: string,
    id: string,
    patch: Updateable<ApiTokensTable>,
  ): Promise<boolean> {
    const result = await db
      .updateTable('api_tokens')
      .set(patch)
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  async insertLink(db: Kysely<Database>, row: Insertable<PatientLinksTable>): Promise<void> {
    await db.insertInto('patient_links').values(row).execute();
  },
  async findLink(
    db: Kysely<Database>,
    clinicId: string,
    tokenHash: string,
  ): Promise<Selectable<PatientLinksTable> | undefined> {
    return db
      .selectFrom('patient_links')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  },
  async listLinks(db: Kysely<Database>, clinicId: string, patientId: string): Promise<Selectable<PatientLinksTable>[]> {
    return db
      .selectFrom('patient_links')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('patient_id', '=', patientId)
      .orderBy('created_at', 'desc')
      .execute();
  },
  /**
   * The clinic's links that still work at `now` (neither used nor revoked, not expired), soonest to expire first,
   * each with its patient's label; at most `limit`.
   */
  async listActiveLinks(
    db: Kysely<Database>,
    clinicId: string,
    now: string,
    limit: number,
  ): Promise<(Selectable<PatientLinksTable> & { patient_label: string })[]> {
    return db
      .selectFrom('patient_links as l')
      .innerJoin('patients as p', (join) =>
        join.onRef('p.clinic_id', '=', 'l.clinic_id').onRef('p.id', '=', 'l.patient_id'),
      )
      .selectAll('l')
      .select('p.label as patient_label')
      .where('l.clinic_id', '=', clinicId)
      .where('l.revoked_at', 'is', null)
      .where('l.used_at', 'is', null)
      .where('l.expires_at', '>', now)
      .orderBy('l.expires_at', 'asc')
      .orderBy('l.id', 'asc')
      .limit(limit)
      .execute();
  },
  async findLinkById(
    db: Kysely<Database>,
    clinicId: string,
    id: string,
  ): Promise<Selectable<PatientLinksTable> | undefined> {
    return db
      .selectFrom('patient_links')
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where('id', '=', id)
      .executeTakeFirst();
  },
  /** Revokes a link that is neither used nor revoked; false when it no longer is (the update is the lock). */
  async revokeLink(db: Kysely<Database>, clinicId: string, id: string, at: string): Promise<boolean> {
    return endLink(db, clinicId, id, 'revoked_at', at);
  },
  /**
   * Marks a single-use link used; false when another request used it first or it was revoked (the update is the lock).
   */
  async useLink(db: Kysely<Database>, clinicId: string, id: string, at: string): Promise<boolean> {
    return endLink(db, clinicId, id, 'used_at', at);
  },
};
